import type { LabelDto } from './dto/label.dto';
import type { SchemaDto } from './dto/schema.dto';
import type { TransformerDto } from './dto/transformer.dto';
import type { LabelRow, SchemaRow, TransformerRow } from './schemas.repository';

/** Rows in Horreum's wire shapes: absent rather than null for optional fields, as TestDto does. */
export function toSchemaDto(row: SchemaRow): SchemaDto {
  return {
    id: row.id,
    uri: row.uri,
    name: row.name,
    ...(row.description !== null ? { description: row.description } : {}),
    owner: row.owner,
    access: row.access,
    ...(row.schema !== null && row.schema !== undefined ? { schema: row.schema } : {}),
  };
}

export function toLabelDto(row: LabelRow): LabelDto {
  return {
    id: row.id,
    name: row.name,
    extractors: row.extractors,
    ...(row.function !== null ? { function: row.function } : {}),
    filtering: row.filtering,
    metrics: row.metrics,
    schemaId: row.schemaId,
    owner: row.owner,
    access: row.access,
  };
}

export function toTransformerDto(row: TransformerRow): TransformerDto {
  return {
    id: row.id,
    name: row.name,
    ...(row.description !== null ? { description: row.description } : {}),
    ...(row.targetSchemaUri !== null ? { targetSchemaUri: row.targetSchemaUri } : {}),
    extractors: row.extractors,
    ...(row.function !== null ? { function: row.function } : {}),
    schemaId: row.schemaId,
    schemaUri: row.schemaUri,
    schemaName: row.schemaName,
    owner: row.owner,
    access: row.access,
  };
}
