import type { SchemaUsageDto, ValidationErrorDto } from './dto/dataset.dto';
import type { SchemaUsageRow, ValidationErrorRow } from './datasets.repository';

/** Horreum writes instants as epoch milliseconds. */
export function epochMs(value: Date | string): number {
  return (value instanceof Date ? value : new Date(value)).getTime();
}

/** Groups rows by the id they belong to (`of`), keeping their order. */
export function groupByOwner<T extends { of: number }>(rows: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const list = groups.get(row.of) ?? [];
    list.push(row);
    groups.set(row.of, list);
  }
  return groups;
}

export function toSchemaUsage(row: SchemaUsageRow): SchemaUsageDto {
  return { id: row.id, name: row.name, uri: row.uri, source: row.source, type: row.type, key: row.key, hasJsonSchema: row.hasJsonSchema };
}

export function toValidationError(row: ValidationErrorRow): ValidationErrorDto {
  return { schemaId: row.schemaId, error: row.error };
}
