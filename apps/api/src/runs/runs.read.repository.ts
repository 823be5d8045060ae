import { Injectable } from '@nestjs/common';
import { Prisma, type Tx } from '@granary/db';
import type { AccessValue } from '../tests/dto/test.dto';
import type { RunSortColumn } from './runs.read.dto';
import type { SchemaUsageRow, ValidationErrorRow } from '../datasets/datasets.repository';

export interface RunHeaderRow {
  id: number;
  testId: number;
  owner: string;
  trashed: boolean;
}

export interface RunSummaryRow {
  id: number;
  testId: number;
  testname: string | null;
  start: Date;
  stop: Date;
  description: string | null;
  owner: string;
  access: AccessValue;
  trashed: boolean;
  hasMetadata: boolean;
  datasets: number[];
}

export interface RunRow extends RunSummaryRow {
  data: unknown;
  metadata: unknown;
}

export type { SchemaUsageRow, ValidationErrorRow };

export interface RunPageRequest {
  testId?: number;
  owners?: string[];
  includeTrashed: boolean;
  schemaUri?: string;
  from?: Date;
  to?: Date;
  /** PostgreSQL jsonpaths over the run document (parameters, checked beforehand). */
  paths: string[];
  matchAll: boolean;
  sort: RunSortColumn;
  descending: boolean;
  skip: number;
  take: number;
}

/** Sort columns and their SQL: fixed text, never caller input. */
const RUN_SORT_SQL: Record<RunSortColumn, string> = {
  id: 'r.id',
  start: 'r.start',
  stop: 'r.stop',
  description: 'r.description',
  owner: 'r.owner',
  access: 'r.access',
  testid: 'r.test_id',
  testname: 't.name',
  trashed: 'r.trashed',
};

const SUMMARY_COLUMNS = Prisma.sql`r.id, r.test_id AS "testId", t.name AS testname, r.start, r.stop, r.description, r.owner, r.access::text AS access,
  r.trashed, (r.metadata IS NOT NULL) AS "hasMetadata",
  ARRAY(SELECT d.id FROM dataset d WHERE d.run_id = r.id ORDER BY d.ordinal) AS datasets`;

/** Reading and managing runs (Horreum's run endpoints besides upload), in the caller's transaction. */
@Injectable()
export class RunsReadRepository {
  async findRunHeader(tx: Tx, id: number): Promise<RunHeaderRow | undefined> {
    const rows = await tx.$queryRaw<RunHeaderRow[]>(Prisma.sql`SELECT id, test_id AS "testId", owner, trashed FROM run WHERE id = ${id}`);
    return rows[0];
  }

  async findRun(tx: Tx, id: number): Promise<RunRow | undefined> {
    const rows = await tx.$queryRaw<RunRow[]>(Prisma.sql`
      SELECT ${SUMMARY_COLUMNS}, r.data, r.metadata FROM run r LEFT JOIN test t ON t.id = r.test_id WHERE r.id = ${id}`);
    return rows[0];
  }

  async findRunSummary(tx: Tx, id: number): Promise<RunSummaryRow | undefined> {
    const rows = await tx.$queryRaw<RunSummaryRow[]>(Prisma.sql`
      SELECT ${SUMMARY_COLUMNS} FROM run r LEFT JOIN test t ON t.id = r.test_id WHERE r.id = ${id}`);
    return rows[0];
  }

  /** A page of runs and how many match. Index run(test_id, start) serves the per-test lists. */
  async findRunPage(tx: Tx, req: RunPageRequest): Promise<{ rows: RunSummaryRow[]; total: number }> {
    const conditions: Prisma.Sql[] = [];
    if (req.testId !== undefined) {
      conditions.push(Prisma.sql`r.test_id = ${req.testId}`);
    }
    if (req.owners) {
      conditions.push(Prisma.sql`r.owner = ANY(${req.owners}::text[])`);
    }
    if (!req.includeTrashed) {
      conditions.push(Prisma.sql`NOT r.trashed`);
    }
    if (req.schemaUri !== undefined) {
      conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM run_schema rs WHERE rs.run_id = r.id AND rs.uri = ${req.schemaUri})`);
    }
    if (req.from) {
      conditions.push(Prisma.sql`r.start >= ${req.from}`);
    }
    if (req.to) {
      conditions.push(Prisma.sql`r.start <= ${req.to}`);
    }
    if (req.paths.length > 0) {
      const matches = req.paths.map((p) => Prisma.sql`jsonb_path_exists(r.data, ${p}::jsonpath)`);
      conditions.push(Prisma.sql`(${Prisma.join(matches, req.matchAll ? ' AND ' : ' OR ')})`);
    }
    const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
    const order = Prisma.sql`${Prisma.raw(RUN_SORT_SQL[req.sort])} ${Prisma.raw(req.descending ? 'DESC' : 'ASC')} NULLS LAST, r.id DESC`;
    const [rows, count] = await Promise.all([
      tx.$queryRaw<RunSummaryRow[]>(Prisma.sql`
        SELECT ${SUMMARY_COLUMNS} FROM run r LEFT JOIN test t ON t.id = r.test_id ${where}
        ORDER BY ${order} LIMIT ${req.take} OFFSET ${req.skip}`),
      tx.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM run r ${where}`),
    ]);
    return { rows, total: count[0]?.n ?? 0 };
  }

  async findRunSchemas(tx: Tx, runIds: number[]): Promise<SchemaUsageRow[]> {
    if (runIds.length === 0) {
      return [];
    }
    return tx.$queryRaw<SchemaUsageRow[]>(Prisma.sql`
      SELECT rs.run_id AS "of", s.id, s.name, s.uri, rs.source::int AS source, rs.type::int AS type, rs.key, (s.schema IS NOT NULL) AS "hasJsonSchema"
      FROM run_schema rs JOIN schema s ON s.id = rs.schema_id
      WHERE rs.run_id = ANY(${runIds}::int[])
      ORDER BY rs.run_id, rs.source, rs.type, rs.key`);
  }

  async findRunValidationErrors(tx: Tx, runIds: number[]): Promise<ValidationErrorRow[]> {
    if (runIds.length === 0) {
      return [];
    }
    return tx.$queryRaw<ValidationErrorRow[]>(Prisma.sql`
      SELECT e.run_id AS "of", e.schema_id AS "schemaId", e.error FROM run_validation_error e WHERE e.run_id = ANY(${runIds}::int[]) ORDER BY e.id`);
  }

  /**
   * The run's document, or its part tagged `"$schema": uri` (Horreum's getData): the root, the
   * first first-level key whose object carries it, or the first such array element.
   */
  async findDataPart(tx: Tx, id: number, part: { column: 'data' | 'metadata'; uri?: string }): Promise<{ found: boolean; value: unknown }> {
    const { column, uri } = part;
    const doc = Prisma.raw(column === 'data' ? 'r.data' : 'r.metadata');
    if (uri === undefined) {
      const rows = await tx.$queryRaw<{ value: unknown }[]>(Prisma.sql`SELECT ${doc} AS value FROM run r WHERE r.id = ${id}`);
      return rows[0] ? { found: true, value: rows[0].value } : { found: false, value: undefined };
    }
    const rows = await tx.$queryRaw<{ value: unknown }[]>(Prisma.sql`
      SELECT CASE
        WHEN jsonb_typeof(${doc}) = 'object' AND ${doc} ->> '$schema' = ${uri} THEN ${doc}
        WHEN jsonb_typeof(${doc}) = 'object' THEN (SELECT e.value FROM jsonb_each(${doc}) e WHERE jsonb_typeof(e.value) = 'object' AND e.value ->> '$schema' = ${uri} LIMIT 1)
        WHEN jsonb_typeof(${doc}) = 'array' THEN (SELECT e.value FROM jsonb_array_elements(${doc}) WITH ORDINALITY e(value, i) WHERE jsonb_typeof(e.value) = 'object' AND e.value ->> '$schema' = ${uri} ORDER BY e.i LIMIT 1)
      END AS value
      FROM run r WHERE r.id = ${id}`);
    if (!rows[0]) {
      return { found: false, value: undefined };
    }
    return { found: true, value: rows[0].value ?? undefined };
  }

  async findRunsOfTest(tx: Tx, testId: number, runIds?: number[]): Promise<RunHeaderRow[]> {
    return tx.$queryRaw<RunHeaderRow[]>(Prisma.sql`
      SELECT id, test_id AS "testId", owner, trashed FROM run
      WHERE test_id = ${testId} ${runIds ? Prisma.sql`AND id = ANY(${runIds}::int[])` : Prisma.empty}
      ORDER BY id`);
  }

  /** Marks runs trashed; answers those that were not. */
  async markTrashed(tx: Tx, runIds: number[]): Promise<number[]> {
    if (runIds.length === 0) {
      return [];
    }
    const rows = await tx.$queryRaw<{ id: number }[]>(Prisma.sql`
      UPDATE run SET trashed = true WHERE id = ANY(${runIds}::int[]) AND NOT trashed RETURNING id`);
    return rows.map((r) => r.id);
  }

  /** Restores trashed runs and queues them for the pipeline (pending), which transforms them again. */
  async markRestored(tx: Tx, runIds: number[]): Promise<number[]> {
    if (runIds.length === 0) {
      return [];
    }
    const rows = await tx.$queryRaw<{ id: number }[]>(Prisma.sql`
      UPDATE run SET trashed = false, pending = true WHERE id = ANY(${runIds}::int[]) AND trashed RETURNING id`);
    return rows.map((r) => r.id);
  }

  /** The run's description, carried to its datasets as Horreum does. */
  async updateDescription(tx: Tx, id: number, description: string | null): Promise<void> {
    await tx.$executeRaw(Prisma.sql`UPDATE run SET description = ${description} WHERE id = ${id}`);
    await tx.$executeRaw(Prisma.sql`UPDATE dataset SET description = ${description} WHERE run_id = ${id}`);
  }

  /** The run's owner and access, carried to its datasets (they are the run's data). */
  async updateAccess(tx: Tx, id: number, owner: string, access: AccessValue): Promise<void> {
    await tx.$executeRaw(Prisma.sql`UPDATE dataset SET owner = ${owner}, access = ${access}::access WHERE run_id = ${id}`);
    await tx.$executeRaw(Prisma.sql`UPDATE run SET owner = ${owner}, access = ${access}::access WHERE id = ${id}`);
  }

  async countRuns(tx: Tx, testId: number): Promise<{ total: number; trashed: number }> {
    const rows = await tx.$queryRaw<{ total: number; trashed: number }[]>(Prisma.sql`
      SELECT count(*)::int AS total, (count(*) FILTER (WHERE trashed))::int AS trashed FROM run WHERE test_id = ${testId}`);
    return rows[0] ?? { total: 0, trashed: 0 };
  }

  async testExists(tx: Tx, testId: number): Promise<boolean> {
    const rows = await tx.$queryRaw<{ id: number }[]>(Prisma.sql`SELECT id FROM test WHERE id = ${testId}`);
    return rows.length > 0;
  }

  /**
   * Keys of the objects found at `path` in the caller's most recent runs that start with
   * `prefix` (Horreum's autocomplete of the JSONPath editor). Looks at the newest 1,000 visible
   * runs, so its cost does not grow with the repository.
   */
  async findKeys(tx: Tx, path: string, prefix: string): Promise<string[]> {
    const rows = await tx.$queryRaw<{ key: string }[]>(Prisma.sql`
      SELECT DISTINCT k.key FROM (SELECT data FROM run ORDER BY id DESC LIMIT 1000) r,
        jsonb_path_query(r.data, ${path}::jsonpath) v,
        jsonb_object_keys(CASE WHEN jsonb_typeof(v) = 'object' THEN v ELSE '{}'::jsonb END) k(key)
      WHERE starts_with(k.key, ${prefix})
      ORDER BY k.key LIMIT 1000`);
    return rows.map((r) => r.key);
  }

  async isJsonPath(tx: Tx, text: string): Promise<boolean> {
    const rows = await tx.$queryRaw<{ ok: boolean }[]>(Prisma.sql`SELECT pg_input_is_valid(${text}, 'jsonpath') AS ok`);
    return rows[0]?.ok === true;
  }
}
