import { Injectable } from '@nestjs/common';
import { Prisma, type Tx } from '@granary/db';
import type { AccessValue } from '../tests/dto/test.dto';
import type { Extractor } from './definitions';

export interface SchemaRow {
  id: number;
  uri: string;
  name: string;
  description: string | null;
  /** The JSON Schema, or null. */
  schema: unknown;
  owner: string;
  access: AccessValue;
}

export interface LabelRow {
  id: number;
  name: string;
  schemaId: number;
  extractors: Extractor[];
  function: string | null;
  filtering: boolean;
  metrics: boolean;
  owner: string;
  access: AccessValue;
}

export interface TransformerRow {
  id: number;
  name: string;
  description: string | null;
  schemaId: number;
  schemaUri: string;
  schemaName: string;
  targetSchemaUri: string | null;
  extractors: Extractor[];
  function: string | null;
  owner: string;
  access: AccessValue;
}

/** The columns of a test that its export carries. */
export interface TestDefinitionRow {
  id: number;
  name: string;
  description: string | null;
  folder: string | null;
  owner: string;
  access: AccessValue;
  fingerprintLabels: string[];
  fingerprintFilter: string | null;
  timelineLabels: string[];
  timelineFunction: string | null;
  compareUrl: string | null;
  notificationsEnabled: boolean;
}

export type NewSchemaRow = Omit<SchemaRow, 'id'>;
export type NewLabelRow = Omit<LabelRow, 'id'>;
export type NewTransformerRow = Omit<TransformerRow, 'id' | 'schemaUri' | 'schemaName'>;
export type NewTestRow = Omit<TestDefinitionRow, 'id'>;

export interface SchemaPageRequest {
  owners?: string[];
  nameContains?: string;
  sort: 'name' | 'id' | 'uri' | 'description' | 'owner' | 'access';
  descending: boolean;
  skip: number;
  take: number;
}

const SCHEMA_FIELDS = { id: true, uri: true, name: true, description: true, schema: true, owner: true, access: true } as const;
const LABEL_FIELDS = { id: true, name: true, schemaId: true, extractors: true, function: true, filtering: true, metrics: true, owner: true, access: true } as const;
const TEST_FIELDS = {
  id: true,
  name: true,
  description: true,
  folder: true,
  owner: true,
  access: true,
  fingerprintLabels: true,
  fingerprintFilter: true,
  timelineLabels: true,
  timelineFunction: true,
  compareUrl: true,
  notificationsEnabled: true,
} as const;

/**
 * Schemas, labels, transformers and the test definitions that use them. Every method runs in the
 * caller's transaction, so row-level security decides what exists: a row the caller may not see
 * is not found. Transformers are read with raw SQL joined to their schema, so that a visible
 * transformer of an invisible schema is not answered (and Prisma never meets a missing parent).
 */
@Injectable()
export class SchemasRepository {
  // ---- schemas ----

  async findSchemasPage(tx: Tx, req: SchemaPageRequest): Promise<{ rows: SchemaRow[]; count: number }> {
    const where: Prisma.SchemaWhereInput = {
      ...(req.owners ? { owner: { in: req.owners } } : {}),
      ...(req.nameContains ? { name: { contains: req.nameContains, mode: 'insensitive' } } : {}),
    };
    const [rows, count] = await Promise.all([
      tx.schema.findMany({ where, orderBy: [{ [req.sort]: req.descending ? 'desc' : 'asc' }, { id: 'asc' }], skip: req.skip, take: req.take, select: SCHEMA_FIELDS }),
      tx.schema.count({ where }),
    ]);
    return { rows, count };
  }

  async findSchema(tx: Tx, id: number): Promise<SchemaRow | undefined> {
    return (await tx.schema.findUnique({ where: { id }, select: SCHEMA_FIELDS })) ?? undefined;
  }

  async findSchemaByUri(tx: Tx, uri: string): Promise<SchemaRow | undefined> {
    return (await tx.schema.findUnique({ where: { uri }, select: SCHEMA_FIELDS })) ?? undefined;
  }

  async findSchemasByIds(tx: Tx, ids: readonly number[]): Promise<SchemaRow[]> {
    return tx.schema.findMany({ where: { id: { in: [...ids] } }, select: SCHEMA_FIELDS, orderBy: { id: 'asc' } });
  }

  /** Visible schemas other than `exceptId` that already use this name or URI. */
  async findSchemaClashes(tx: Tx, name: string, uri: string, exceptId?: number): Promise<{ id: number; name: string; uri: string }[]> {
    return tx.schema.findMany({
      where: { OR: [{ name }, { uri }], ...(exceptId ? { NOT: { id: exceptId } } : {}) },
      select: { id: true, name: true, uri: true },
    });
  }

  async insertSchema(tx: Tx, row: NewSchemaRow): Promise<SchemaRow> {
    return tx.schema.create({ data: { ...row, schema: jsonOrDbNull(row.schema) }, select: SCHEMA_FIELDS });
  }

  async updateSchema(tx: Tx, id: number, row: Partial<NewSchemaRow>): Promise<void> {
    const { schema, ...rest } = row;
    await tx.schema.update({ where: { id }, data: { ...rest, ...('schema' in row ? { schema: jsonOrDbNull(schema) } : {}) }, select: { id: true } });
  }

  async deleteSchema(tx: Tx, id: number): Promise<boolean> {
    return (await tx.schema.deleteMany({ where: { id } })).count > 0;
  }

  async schemaDescriptors(tx: Tx, ids?: readonly number[]): Promise<{ id: number; name: string; uri: string }[]> {
    return tx.schema.findMany({ where: ids ? { id: { in: [...ids] } } : {}, select: { id: true, name: true, uri: true }, orderBy: { id: 'asc' } });
  }

  // ---- labels ----

  async labelsOfSchemas(tx: Tx, schemaIds: readonly number[]): Promise<LabelRow[]> {
    const rows = await tx.label.findMany({ where: { schemaId: { in: [...schemaIds] } }, select: LABEL_FIELDS, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
    return rows.map(toLabelRow);
  }

  async findLabel(tx: Tx, id: number): Promise<LabelRow | undefined> {
    const row = await tx.label.findUnique({ where: { id }, select: LABEL_FIELDS });
    return row ? toLabelRow(row) : undefined;
  }

  async insertLabel(tx: Tx, row: NewLabelRow): Promise<number> {
    return (await tx.label.create({ data: { ...row, extractors: row.extractors as unknown as Prisma.InputJsonValue }, select: { id: true } })).id;
  }

  async updateLabel(tx: Tx, id: number, row: NewLabelRow): Promise<void> {
    await tx.label.update({ where: { id }, data: { ...row, extractors: row.extractors as unknown as Prisma.InputJsonValue }, select: { id: true } });
  }

  async deleteLabel(tx: Tx, id: number): Promise<boolean> {
    return (await tx.label.deleteMany({ where: { id } })).count > 0;
  }

  /**
   * Labels and the schemas that define them, by label name (Horreum's allLabels). One join over
   * the visible labels (label_name_idx when a name is given); both sides under row-level security.
   */
  async labelsWithSchemas(tx: Tx, name?: string): Promise<{ name: string; metrics: boolean; filtering: boolean; schemaId: number; schemaName: string; uri: string }[]> {
    return tx.$queryRaw(Prisma.sql`
      SELECT l.name, l.metrics, l.filtering, s.id AS "schemaId", s.name AS "schemaName", s.uri
      FROM label l JOIN schema s ON s.id = l.schema_id
      ${name === undefined ? Prisma.empty : Prisma.sql`WHERE l.name = ${name}`}
      ORDER BY l.name, s.id`);
  }

  // ---- transformers ----

  async transformersOfSchemas(tx: Tx, schemaIds: readonly number[]): Promise<TransformerRow[]> {
    return this.transformers(tx, Prisma.sql`WHERE t.schema_id = ANY(${[...schemaIds]}::int[])`);
  }

  async transformersByIds(tx: Tx, ids: readonly number[]): Promise<TransformerRow[]> {
    return this.transformers(tx, Prisma.sql`WHERE t.id = ANY(${[...ids]}::int[])`);
  }

  async transformersOfTest(tx: Tx, testId: number): Promise<TransformerRow[]> {
    return this.transformers(tx, Prisma.sql`WHERE t.id IN (SELECT transformer_id FROM test_transformer WHERE test_id = ${testId})`);
  }

  async allTransformers(tx: Tx): Promise<TransformerRow[]> {
    return this.transformers(tx, Prisma.empty);
  }

  async findTransformer(tx: Tx, id: number): Promise<TransformerRow | undefined> {
    return (await this.transformersByIds(tx, [id]))[0];
  }

  /** Transformers with their schema's URI and name: one join, filtered by `where` (on `t`). */
  private async transformers(tx: Tx, where: Prisma.Sql): Promise<TransformerRow[]> {
    const rows = await tx.$queryRaw<(Omit<TransformerRow, 'extractors'> & { extractors: unknown })[]>(Prisma.sql`
      SELECT t.id, t.name, t.description, t.schema_id AS "schemaId", s.uri AS "schemaUri", s.name AS "schemaName",
             t.target_schema_uri AS "targetSchemaUri", t.extractors, t.function, t.owner, t.access::text AS access
      FROM transformer t JOIN schema s ON s.id = t.schema_id
      ${where}
      ORDER BY s.id, t.name, t.id`);
    return rows.map((r) => ({ ...r, extractors: toExtractorList(r.extractors) }));
  }

  async insertTransformer(tx: Tx, row: NewTransformerRow): Promise<number> {
    return (await tx.transformer.create({ data: { ...row, extractors: row.extractors as unknown as Prisma.InputJsonValue }, select: { id: true } })).id;
  }

  async updateTransformer(tx: Tx, id: number, row: NewTransformerRow): Promise<void> {
    await tx.transformer.update({ where: { id }, data: { ...row, extractors: row.extractors as unknown as Prisma.InputJsonValue }, select: { id: true } });
  }

  async deleteTransformer(tx: Tx, id: number): Promise<boolean> {
    return (await tx.transformer.deleteMany({ where: { id } })).count > 0;
  }

  /** The (visible) tests that use any of these transformers. */
  async testsUsingTransformers(tx: Tx, transformerIds: readonly number[]): Promise<{ id: number; name: string; owner: string }[]> {
    return tx.test.findMany({
      where: { transformers: { some: { transformerId: { in: [...transformerIds] } } } },
      select: { id: true, name: true, owner: true },
      orderBy: { id: 'asc' },
    });
  }

  async detachTransformers(tx: Tx, transformerIds: readonly number[]): Promise<void> {
    await tx.testTransformer.deleteMany({ where: { transformerId: { in: [...transformerIds] } } });
  }

  // ---- tests ----

  async findTest(tx: Tx, where: { id: number } | { name: string }): Promise<TestDefinitionRow | undefined> {
    return (await tx.test.findUnique({ where, select: TEST_FIELDS })) ?? undefined;
  }

  async insertTest(tx: Tx, row: NewTestRow): Promise<number> {
    return (await tx.test.create({ data: row, select: { id: true } })).id;
  }

  async updateTest(tx: Tx, id: number, row: NewTestRow): Promise<void> {
    await tx.test.update({ where: { id }, data: row, select: { id: true } });
  }

  async testTransformerIds(tx: Tx, testId: number): Promise<number[]> {
    return (await tx.testTransformer.findMany({ where: { testId }, select: { transformerId: true }, orderBy: { transformerId: 'asc' } })).map((r) => r.transformerId);
  }

  async replaceTestTransformers(tx: Tx, testId: number, transformerIds: readonly number[]): Promise<void> {
    await tx.testTransformer.deleteMany({ where: { testId } });
    await tx.testTransformer.createMany({ data: transformerIds.map((transformerId) => ({ testId, transformerId })) });
  }

  /** Tests whose fingerprint uses the label name (Horreum's LabelInFingerprint). */
  async testsWithFingerprintLabel(tx: Tx, label: string): Promise<{ id: number; name: string }[]> {
    return tx.test.findMany({ where: { fingerprintLabels: { has: label } }, select: { id: true, name: true }, orderBy: { id: 'asc' } });
  }

  /**
   * The schemas a test uses: carried by its runs or datasets, owning its transformers, or the
   * target of one. One EXISTS probe per visible schema (run_schema_schema_id_idx and
   * dataset_schema_schema_id_idx, then the run/dataset primary key), stopping at the first hit,
   * so the cost grows with the number of schemas, not of runs.
   */
  async schemaIdsUsedByTest(tx: Tx, testId: number): Promise<number[]> {
    const rows = await tx.$queryRaw<{ id: number }[]>(Prisma.sql`
      SELECT s.id FROM schema s
      WHERE EXISTS (SELECT 1 FROM run_schema rs JOIN run r ON r.id = rs.run_id WHERE rs.schema_id = s.id AND r.test_id = ${testId})
         OR EXISTS (SELECT 1 FROM dataset_schema ds JOIN dataset d ON d.id = ds.dataset_id WHERE ds.schema_id = s.id AND d.test_id = ${testId})
         OR EXISTS (SELECT 1 FROM test_transformer tt JOIN transformer t ON t.id = tt.transformer_id
                    WHERE tt.test_id = ${testId} AND (t.schema_id = s.id OR t.target_schema_uri = s.uri))
      ORDER BY s.id`);
    return rows.map((r) => r.id);
  }

  // ---- JSONPath ----

  /**
   * PostgreSQL's verdict on each path that it cannot parse as jsonpath (path → its message). All
   * paths are cast in one statement; only when that fails is each cast alone, to name the bad
   * ones. Each attempt runs under a savepoint, because a failed statement would otherwise abort
   * the caller's transaction.
   */
  async jsonPathErrors(tx: Tx, paths: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(paths)];
    const errors = new Map<string, string>();
    if (unique.length === 0) {
      return errors;
    }
    await tx.$executeRaw`SAVEPOINT granary_jsonpath`;
    try {
      await tx.$queryRaw`SELECT p::jsonpath::text AS path FROM unnest(${unique}::text[]) AS p`;
    } catch {
      await tx.$executeRaw`ROLLBACK TO SAVEPOINT granary_jsonpath`;
      for (const path of unique) {
        try {
          await tx.$queryRaw`SELECT ${path}::jsonpath::text AS path`;
        } catch (error) {
          await tx.$executeRaw`ROLLBACK TO SAVEPOINT granary_jsonpath`;
          errors.set(path, databaseMessage(error));
        }
      }
    }
    await tx.$executeRaw`RELEASE SAVEPOINT granary_jsonpath`;
    return errors;
  }
}

function jsonOrDbNull(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}

function toExtractorList(value: unknown): Extractor[] {
  return (Array.isArray(value) ? value : []).map((e: Record<string, unknown>) => ({ name: String(e.name ?? ''), jsonpath: String(e.jsonpath ?? ''), isarray: e.isarray === true }));
}

function toLabelRow(row: Omit<LabelRow, 'extractors'> & { extractors: unknown }): LabelRow {
  return { ...row, extractors: toExtractorList(row.extractors) };
}

/** The database's own message in an error from any layer (Prisma, adapter, pg). */
function databaseMessage(error: unknown): string {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): string | undefined => {
    if (!value || typeof value !== 'object' || seen.has(value) || depth > 6) {
      return undefined;
    }
    seen.add(value);
    const record = value as Record<string, unknown>;
    for (const key of ['cause', 'driverAdapterError', 'meta', 'error']) {
      const found = visit(record[key], depth + 1);
      if (found) {
        return found;
      }
    }
    return typeof record.originalMessage === 'string' ? record.originalMessage : undefined;
  };
  return visit(error, 0) ?? 'not a valid PostgreSQL jsonpath';
}
