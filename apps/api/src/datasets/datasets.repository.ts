import { Injectable } from '@nestjs/common';
import { datasetData } from '@granary/pipeline';
import { Prisma, type Tx } from '@granary/db';
import type { AccessValue } from '../tests/dto/test.dto';
import {
  ALL_VALUES_LATERAL,
  direction,
  filterConditions,
  fingerprintConditions,
  labelOrder,
  scopeCondition,
  timeConditions,
  where,
  type DatasetScope,
} from './datasets.queries';
import type { LabelFilter } from './label-filter';

export interface DatasetRow {
  id: number;
  runId: number;
  testId: number;
  ordinal: number;
  start: Date;
  stop: Date;
  description: string | null;
  owner: string;
  access: AccessValue;
  data: unknown;
}

export interface DatasetSummaryRow extends Omit<DatasetRow, 'data'> {
  testname: string | null;
}

export interface SchemaUsageRow {
  /** The dataset (or run) the usage belongs to. */
  of: number;
  id: number;
  name: string;
  uri: string;
  source: number;
  type: number;
  key: string;
  hasJsonSchema: boolean;
}

export interface ValidationErrorRow {
  of: number;
  schemaId: number;
  error: Record<string, unknown>;
}

export interface LabelValueRow {
  labelId: number;
  name: string;
  schemaId: number;
  schemaName: string;
  schemaUri: string;
  value: unknown;
  error: string | null;
}

export type DatasetOrder = { column: DatasetColumn } | { label: string };

/** Dataset columns a list may be sorted by, and their SQL (fixed text, never caller input). */
export const DATASET_COLUMN_SQL = {
  id: 'd.id',
  runId: 'd.run_id',
  ordinal: 'd.ordinal',
  start: 'd.start',
  stop: 'd.stop',
  description: 'd.description',
  owner: 'd.owner',
  access: 'd.access',
  testname: 't.name',
} as const;
export type DatasetColumn = keyof typeof DATASET_COLUMN_SQL;

export interface DatasetPageRequest {
  scope: DatasetScope;
  filter: LabelFilter;
  fingerprint?: Record<string, string>;
  order: DatasetOrder;
  descending: boolean;
  skip: number;
  take: number;
}

export interface LabelValuesRequest {
  scope: DatasetScope;
  /** Which labels' values are answered (the filter always sees every label). */
  filtering: boolean;
  metrics: boolean;
  include: string[];
  exclude: string[];
  filter: LabelFilter;
  fingerprint?: Record<string, string>;
  before?: Date;
  after?: Date;
  order: 'default' | 'start' | 'stop' | { label: string };
  descending: boolean;
  skip: number;
  take: number;
}

export interface ExportedLabelValuesRow {
  datasetId: number;
  runId: number;
  start: Date;
  stop: Date;
  values: Record<string, unknown>;
}

const DATASET_COLUMNS = Prisma.sql`d.id, d.run_id AS "runId", d.test_id AS "testId", d.ordinal, d.start, d.stop, d.description, d.owner, d.access::text AS access`;

/** Datasets and their label values. Every method runs in the caller's transaction (row-level security applies). */
@Injectable()
export class DatasetsRepository {
  async findDataset(tx: Tx, id: number): Promise<DatasetRow | undefined> {
    // A dataset that refers to its run's document reads it from the run (same owner and access).
    const rows = await tx.$queryRaw<DatasetRow[]>(Prisma.sql`SELECT ${DATASET_COLUMNS}, ${Prisma.raw(datasetData('d'))} AS data FROM dataset d WHERE d.id = ${id}`);
    return rows[0];
  }

  async findDatasetSummary(tx: Tx, id: number): Promise<DatasetSummaryRow | undefined> {
    const rows = await tx.$queryRaw<DatasetSummaryRow[]>(Prisma.sql`
      SELECT ${DATASET_COLUMNS}, t.name AS testname FROM dataset d LEFT JOIN test t ON t.id = d.test_id WHERE d.id = ${id}`);
    return rows[0];
  }

  /**
   * One page of datasets in a scope and how many match. Label values are aggregated per dataset
   * (ALL_VALUES_LATERAL) only when a filter or a label sort needs them.
   */
  async findDatasetPage(tx: Tx, req: DatasetPageRequest): Promise<{ rows: DatasetSummaryRow[]; total: number }> {
    const values = Prisma.sql`x.all_values`;
    const valueConditions = filterConditions(values, req.filter);
    const conditions = [scopeCondition(req.scope), ...fingerprintConditions(req.fingerprint), ...valueConditions];
    const needsValues = valueConditions.length > 0 || 'label' in req.order;
    const lateral = needsValues ? ALL_VALUES_LATERAL : Prisma.empty;
    const order =
      'label' in req.order
        ? labelOrder(values, req.order.label, req.descending)
        : Prisma.sql`${Prisma.raw(DATASET_COLUMN_SQL[req.order.column])} ${direction(req.descending)} NULLS LAST`;
    const [rows, count] = await Promise.all([
      tx.$queryRaw<DatasetSummaryRow[]>(Prisma.sql`
        SELECT ${DATASET_COLUMNS}, t.name AS testname
        FROM dataset d LEFT JOIN test t ON t.id = d.test_id ${lateral}
        ${where(conditions)}
        ORDER BY ${order}, d.id DESC
        LIMIT ${req.take} OFFSET ${req.skip}`),
      tx.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM dataset d ${lateral} ${where(conditions)}`),
    ]);
    return { rows, total: count[0]?.n ?? 0 };
  }

  /** Schemas found in these datasets (type 1: dataset, key: the index in the dataset's array). */
  async findDatasetSchemas(tx: Tx, datasetIds: number[]): Promise<SchemaUsageRow[]> {
    if (datasetIds.length === 0) {
      return [];
    }
    return tx.$queryRaw<SchemaUsageRow[]>(Prisma.sql`
      SELECT ds.dataset_id AS "of", s.id, s.name, s.uri, 0 AS source, 1 AS type, ds.index::text AS key, (s.schema IS NOT NULL) AS "hasJsonSchema"
      FROM dataset_schema ds JOIN schema s ON s.id = ds.schema_id
      WHERE ds.dataset_id = ANY(${datasetIds}::int[])
      ORDER BY ds.dataset_id, ds.index`);
  }

  async findDatasetValidationErrors(tx: Tx, datasetIds: number[]): Promise<ValidationErrorRow[]> {
    if (datasetIds.length === 0) {
      return [];
    }
    return tx.$queryRaw<ValidationErrorRow[]>(Prisma.sql`
      SELECT e.dataset_id AS "of", COALESCE(e.schema_id, 0) AS "schemaId", e.error
      FROM dataset_validation_error e WHERE e.dataset_id = ANY(${datasetIds}::int[]) ORDER BY e.id`);
  }

  async findLabelValuesOfDataset(tx: Tx, datasetId: number): Promise<LabelValueRow[]> {
    return tx.$queryRaw<LabelValueRow[]>(Prisma.sql`
      SELECT l.id AS "labelId", l.name, s.id AS "schemaId", s.name AS "schemaName", s.uri AS "schemaUri", v.value, v.error
      FROM label_value v JOIN label l ON l.id = v.label_id JOIN schema s ON s.id = l.schema_id
      WHERE v.dataset_id = ${datasetId}
      ORDER BY l.name, l.id`);
  }

  /**
   * Names of the labels that apply to datasets in the scope: the labels of every schema found in
   * them. Sort parameters are checked against this list.
   */
  async findLabelNames(tx: Tx, scope: DatasetScope): Promise<string[]> {
    const rows = await tx.$queryRaw<{ name: string }[]>(Prisma.sql`
      SELECT DISTINCT l.name FROM label l
      WHERE l.schema_id IN (SELECT ds.schema_id FROM dataset_schema ds JOIN dataset d ON d.id = ds.dataset_id WHERE ${scopeCondition(scope)})
      ORDER BY l.name`);
    return rows.map((r) => r.name);
  }

  /**
   * Horreum's label values table: one row per dataset in the scope with the chosen labels'
   * values by name. Filters see every label value of the dataset; `values` holds the chosen ones.
   * One pass over the scope's datasets with their label values (index label_value_pkey).
   */
  async findExportedLabelValues(tx: Tx, req: LabelValuesRequest): Promise<ExportedLabelValuesRow[]> {
    const chosen = [
      Prisma.sql`l.id IS NOT NULL`,
      ...('testId' in req.scope ? [Prisma.sql`((${req.filtering}::boolean AND l.filtering) OR (${req.metrics}::boolean AND l.metrics))`] : []),
      ...(req.include.length > 0 ? [Prisma.sql`l.name = ANY(${req.include}::text[])`] : []),
      ...(req.exclude.length > 0 ? [Prisma.sql`l.name <> ALL(${req.exclude}::text[])`] : []),
    ];
    const values = Prisma.sql`c.all_values`;
    const order =
      req.order === 'default'
        ? Prisma.sql`c."runId" DESC, c."datasetId" ASC`
        : req.order === 'start' || req.order === 'stop'
          ? Prisma.sql`${Prisma.raw(req.order === 'start' ? 'c.start' : 'c.stop')} ${direction(req.descending)}, c."runId" DESC, c."datasetId" ASC`
          : Prisma.sql`${labelOrder(values, req.order.label, req.descending)}, c."runId" DESC, c."datasetId" ASC`;
    return tx.$queryRaw<ExportedLabelValuesRow[]>(Prisma.sql`
      WITH c AS (
        SELECT d.id AS "datasetId", d.run_id AS "runId", d.start, d.stop,
               COALESCE(jsonb_object_agg(l.name, v.value) FILTER (WHERE l.id IS NOT NULL), '{}'::jsonb) AS all_values,
               COALESCE(jsonb_object_agg(l.name, v.value) FILTER (WHERE ${Prisma.join(chosen, ' AND ')}), '{}'::jsonb) AS values
        FROM dataset d
        LEFT JOIN label_value v ON v.dataset_id = d.id
        LEFT JOIN label l ON l.id = v.label_id
        ${where([scopeCondition(req.scope), ...fingerprintConditions(req.fingerprint), ...timeConditions(req.before, req.after)])}
        GROUP BY d.id)
      SELECT c."datasetId", c."runId", c.start, c.stop, c.values FROM c
      ${where(filterConditions(values, req.filter))}
      ORDER BY ${order}
      LIMIT ${req.take} OFFSET ${req.skip}`);
  }

  /** Distinct fingerprints of a test's datasets. */
  async findFingerprints(tx: Tx, testId: number): Promise<Record<string, unknown>[]> {
    const rows = await tx.$queryRaw<{ fingerprint: Record<string, unknown> }[]>(Prisma.sql`
      SELECT DISTINCT d.fingerprint FROM dataset d WHERE d.test_id = ${testId} AND d.fingerprint IS NOT NULL ORDER BY 1`);
    return rows.map((r) => r.fingerprint);
  }

  /** Each filtering label of a test's datasets with its distinct values. */
  async findFilteringLabels(tx: Tx, testId: number): Promise<{ name: string; values: unknown[] }[]> {
    return tx.$queryRaw<{ name: string; values: unknown[] }[]>(Prisma.sql`
      SELECT l.name, jsonb_agg(DISTINCT v.value ORDER BY v.value) AS values
      FROM dataset d JOIN label_value v ON v.dataset_id = d.id JOIN label l ON l.id = v.label_id
      WHERE d.test_id = ${testId} AND l.filtering AND v.value IS NOT NULL
      GROUP BY l.name ORDER BY l.name`);
  }

  /** The distinct combinations of filtering label values over a test's datasets (Horreum's filteringLabelValues). */
  async findFilteringCombinations(tx: Tx, testId: number): Promise<Record<string, unknown>[]> {
    const rows = await tx.$queryRaw<{ values: Record<string, unknown> }[]>(Prisma.sql`
      SELECT DISTINCT x.values FROM (
        SELECT jsonb_object_agg(l.name, v.value) AS values
        FROM dataset d JOIN label_value v ON v.dataset_id = d.id JOIN label l ON l.id = v.label_id
        WHERE d.test_id = ${testId} AND l.filtering
        GROUP BY d.id) x
      ORDER BY 1`);
    return rows.map((r) => r.values);
  }

  /** Runs of a test with at least one dataset whose label values match the filter. */
  async findRunIdsMatching(tx: Tx, testId: number, filter: LabelFilter): Promise<number[]> {
    const rows = await tx.$queryRaw<{ id: number }[]>(Prisma.sql`
      SELECT DISTINCT d.run_id AS id FROM dataset d ${ALL_VALUES_LATERAL}
      ${where([Prisma.sql`d.test_id = ${testId}`, ...filterConditions(Prisma.sql`x.all_values`, filter)])}
      ORDER BY 1`);
    return rows.map((r) => r.id);
  }

  /** Deletes the datasets of these runs; their label values, schemas and validation errors cascade. */
  async deleteDatasetsOfRuns(tx: Tx, runIds: number[]): Promise<number> {
    if (runIds.length === 0) {
      return 0;
    }
    return tx.$executeRaw(Prisma.sql`DELETE FROM dataset WHERE run_id = ANY(${runIds}::int[])`);
  }

  async countDatasetsOfTest(tx: Tx, testId: number): Promise<number> {
    const rows = await tx.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM dataset WHERE test_id = ${testId}`);
    return rows[0]?.n ?? 0;
  }

  /** Whether the caller may see the test (row-level security decides). */
  async testExists(tx: Tx, testId: number): Promise<boolean> {
    const rows = await tx.$queryRaw<{ id: number }[]>(Prisma.sql`SELECT id FROM test WHERE id = ${testId}`);
    return rows.length > 0;
  }

  /** Whether the caller may see the run. */
  async runExists(tx: Tx, runId: number): Promise<boolean> {
    const rows = await tx.$queryRaw<{ id: number }[]>(Prisma.sql`SELECT id FROM run WHERE id = ${runId}`);
    return rows.length > 0;
  }

  /** Whether PostgreSQL parses the text as a jsonpath (without failing the transaction). */
  async isJsonPath(tx: Tx, text: string): Promise<boolean> {
    const rows = await tx.$queryRaw<{ ok: boolean }[]>(Prisma.sql`SELECT pg_input_is_valid(${text}, 'jsonpath') AS ok`);
    return rows[0]?.ok === true;
  }
}
