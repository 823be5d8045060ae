import type { Pool, PoolClient } from 'pg';
import { ChangeDetection, loadVariables } from './changes';
import * as C from './changes-sql';
import { groupBy } from './group-by';
import { assembleDatasets, type TransformerOutput } from './datasets';
import { evaluateMissingDataRules } from './missing-data';
import * as R from './recalculation-sql';
import * as S from './sql';
import { SchemaValidator, externalRefs } from './validation';

/** One function result: a JSON value, or why there is none. */
export type Evaluation = { ok: true; value: unknown } | { ok: false; error: string };

/** What the pipeline needs of the sandbox (@granary/sandbox): many inputs per call, an error value per failed input. */
export interface FunctionRunner {
  evaluate(source: string, inputs: readonly unknown[]): Promise<Evaluation[]>;
}

export interface PipelineOptions {
  /** Runs per transaction; recalculation chunks use four times as many datasets. */
  batchSize: number;
  /**
   * Transactions a chunk of a label or fingerprint recalculation is split into, run side by side
   * (default 1): one PostgreSQL process, so one core, each.
   */
  recalculationParallelism?: number;
  /** Roles the pipeline's transactions act with (row-level security): the system's. */
  systemRoles: readonly string[];
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

export interface StepResult {
  runs: number;
  datasets: number;
  labelErrors: number;
}

interface LabelInputRow {
  dataset_id: number;
  label_id: number;
  function: string;
  input: unknown;
}

/**
 * The results pipeline: pending runs → run schemas → datasets → label values → fingerprints,
 * validation on the side; and recalculations after definition changes. Every step is one
 * transaction over a batch, claimed with SKIP LOCKED, so that several workers share the work,
 * a crash rolls a batch back whole and a restart does it again (each step replaces what it
 * wrote before, so doing it twice gives the same result).
 */
export class Pipeline {
  private readonly validator = new SchemaValidator();
  private readonly changes: ChangeDetection;

  constructor(
    private readonly pool: Pool,
    private readonly functions: FunctionRunner,
    private readonly options: PipelineOptions,
  ) {
    this.changes = new ChangeDetection(functions, options.log);
  }

  /** Does one unit of work of any kind; false when there was nothing to do. */
  async step(): Promise<boolean> {
    if (await this.expandRequest()) return true;
    const processed = await this.processPendingRuns();
    if (processed.runs > 0) return true;
    if (await this.detectPending()) return true;
    if (await this.recalculateChanges()) return true;
    return this.recalculateChunk();
  }

  /** Works until nothing is left. */
  async drain(shouldStop: () => boolean = () => false): Promise<void> {
    while (!shouldStop() && (await this.step())) {
      // keep going
    }
  }

  /** Whether anything waits (as the system: row-level security hides private runs from anyone else). */
  async hasWork(): Promise<boolean> {
    return this.transaction('look for work', async (client) => (await client.query<{ work: boolean }>(R.ANY_WORK)).rows[0]?.work ?? false);
  }

  /**
   * Turns a batch of pending runs into datasets with label values and fingerprints. A batch
   * that fails is done again one run at a time, so that one run that cannot be processed is set
   * aside (with its `processing_error`) instead of blocking every run behind it.
   */
  async processPendingRuns(limit = this.options.batchSize): Promise<StepResult> {
    try {
      return await this.processBatch(limit);
    } catch (error) {
      if (limit > 1) {
        this.options.log?.('warn', 'a pipeline batch failed; processing its runs one at a time', { error: String(error) });
        const total: StepResult = { runs: 0, datasets: 0, labelErrors: 0 };
        for (let i = 0; i < limit; i++) {
          const one = await this.processPendingRuns(1);
          if (one.runs === 0) break;
          total.runs += one.runs;
          total.datasets += one.datasets;
          total.labelErrors += one.labelErrors;
        }
        return total;
      }
      const message = error instanceof Error ? error.message : String(error);
      const setAside = await this.transaction('set a failing run aside', (client) => client.query<{ id: number }>(S.SET_RUN_ASIDE, [message]));
      this.options.log?.('error', 'a run could not be processed', { runId: setAside.rows[0]?.id, error: message });
      return { runs: setAside.rowCount ?? 0, datasets: 0, labelErrors: 0 };
    }
  }

  private async processBatch(limit: number): Promise<StepResult> {
    return this.transaction('process pending runs', async (client) => {
      const runIds = (await client.query<{ id: number }>(S.CLAIM_PENDING_RUNS, [limit])).rows.map((r) => r.id);
      if (runIds.length === 0) {
        return { runs: 0, datasets: 0, labelErrors: 0 };
      }
      await client.query(S.CLEAR_RUN_RESULTS, [runIds]);
      await client.query(S.FIND_RUN_SCHEMAS, [runIds]);
      const transformed = new Set((await client.query<{ id: number }>(S.RUNS_WITH_TRANSFORMERS, [runIds])).rows.map((r) => r.id));
      const plain = runIds.filter((id) => !transformed.has(id));
      if (plain.length > 0) {
        await client.query(S.INSERT_PLAIN_DATASETS, [plain]);
      }
      if (transformed.size > 0) {
        await this.transform(client, [...transformed]);
      }
      await client.query(S.FIND_DATASET_SCHEMAS, [runIds]);
      const datasetIds = (await client.query<{ id: number }>(S.DATASET_IDS_OF_RUNS, [runIds])).rows.map((r) => r.id);
      const labelErrors = await this.computeLabels(client, datasetIds, null);
      await client.query(S.UPDATE_FINGERPRINTS, [datasetIds]);
      await client.query(C.QUEUE_DETECTION, [datasetIds, true]);
      await this.validate(client, runIds);
      await client.query(S.MARK_RUNS_DONE, [runIds]);
      await client.query(R.REFRESH_RUN_PROGRESS);
      return { runs: runIds.length, datasets: datasetIds.length, labelErrors };
    });
  }

  /** Label values of the datasets (only `labelIds` when given); returns how many failed. */
  private async computeLabels(client: PoolClient, datasetIds: number[], labelIds: number[] | null): Promise<number> {
    if (datasetIds.length === 0) {
      return 0;
    }
    const { rows } = await client.query<LabelInputRow>(labelIds?.length === 1 ? S.COMPUTE_ONE_LABEL_VALUES : S.COMPUTE_LABEL_VALUES, [datasetIds, labelIds]);
    if (rows.length === 0) {
      return 0;
    }
    const results: { dataset_id: number; label_id: number; value: unknown; error: string | null }[] = [];
    let errors = 0;
    for (const group of groupBy(rows, (r) => r.function)) {
      const evaluations = await this.functions.evaluate(group[0]!.function, group.map((r) => r.input));
      group.forEach((row, i) => {
        const evaluation = evaluations[i]!;
        if (!evaluation.ok) {
          errors++;
        }
        results.push({
          dataset_id: row.dataset_id,
          label_id: row.label_id,
          value: evaluation.ok ? evaluation.value ?? null : null,
          error: evaluation.ok ? null : evaluation.error,
        });
      });
    }
    await client.query(S.STORE_LABEL_VALUES, [JSON.stringify(results)]);
    return errors;
  }

  /** Runs whose test selected transformers: extraction in SQL, functions in the sandbox, datasets assembled here. */
  private async transform(client: PoolClient, runIds: number[]): Promise<void> {
    const { rows } = await client.query<{
      run_id: number;
      transformer_id: number | null;
      function: string | null;
      target_schema_uri: string | null;
      input: unknown;
      part: unknown;
    }>(S.TRANSFORMER_INPUTS, [runIds]);
    // Evaluate each transformer's function over all its inputs in one sandbox call.
    const outputs = new Map<(typeof rows)[number], unknown>();
    for (const group of groupBy(rows.filter((r) => r.transformer_id !== null), (r) => `${r.transformer_id}`)) {
      const source = group[0]!.function;
      if (!source) {
        group.forEach((r) => outputs.set(r, r.input));
        continue;
      }
      const evaluations = await this.functions.evaluate(source, group.map((r) => r.input));
      group.forEach((r, i) => {
        const e = evaluations[i]!;
        if (!e.ok) {
          this.options.log?.('warn', 'transformer function failed', { runId: r.run_id, transformerId: r.transformer_id, error: e.error });
        }
        outputs.set(r, e.ok ? e.value : null);
      });
    }
    const datasets: { run_id: number; ordinal: number; data: unknown[] }[] = [];
    for (const runRows of groupBy(rows, (r) => `${r.run_id}`)) {
      const perTransformer: TransformerOutput[] = [];
      for (const tRows of groupBy(runRows.filter((r) => r.transformer_id !== null), (r) => `${r.transformer_id}`)) {
        perTransformer.push({ transformerId: tRows[0]!.transformer_id!, targetSchemaUri: tRows[0]!.target_schema_uri, results: tRows.map((r) => outputs.get(r)) });
      }
      const naked = runRows.filter((r) => r.transformer_id === null).map((r) => r.part);
      const assembled = assembleDatasets(perTransformer, naked);
      for (const warning of assembled.warnings) {
        this.options.log?.('warn', warning, { runId: runRows[0]!.run_id });
      }
      assembled.datasets.forEach((data, ordinal) => datasets.push({ run_id: runRows[0]!.run_id, ordinal, data }));
    }
    await client.query(S.INSERT_COMPUTED_DATASETS, [JSON.stringify(datasets)]);
  }

  /** JSON Schema validation of run parts and dataset elements whose schema has one; never rejects anything. */
  private async validate(client: PoolClient, runIds: number[]): Promise<void> {
    type Part = { run_id?: number; dataset_id?: number; schema_id: number; version: string; json_schema: unknown; part: unknown };
    const runParts = (await client.query<Part>(S.RUN_PARTS_TO_VALIDATE, [runIds])).rows;
    const datasetParts = (await client.query<Part>(S.DATASET_PARTS_TO_VALIDATE, [runIds])).rows;
    if (runParts.length === 0 && datasetParts.length === 0) {
      return;
    }
    const refs = new Set<string>();
    for (const p of [...runParts, ...datasetParts]) externalRefs(p.json_schema, refs);
    const referenced = new Map<string, unknown>();
    if (refs.size > 0) {
      for (const row of (await client.query<{ uri: string; schema: unknown }>(S.SCHEMAS_BY_URI, [[...refs]])).rows) {
        referenced.set(row.uri, row.schema);
      }
    }
    const check = (parts: Part[], idOf: (p: Part) => number) =>
      parts.flatMap((p) =>
        this.validator
          .validate({ id: p.schema_id, version: p.version }, p.json_schema, p.part, (uri) => referenced.get(uri))
          .map((error) => ({ id: idOf(p), schema_id: p.schema_id, error })),
      );
    const runErrors = check(runParts, (p) => p.run_id!);
    const datasetErrors = check(datasetParts, (p) => p.dataset_id!);
    if (runErrors.length > 0) await client.query(S.STORE_RUN_VALIDATION_ERRORS, [JSON.stringify(runErrors)]);
    if (datasetErrors.length > 0) await client.query(S.STORE_DATASET_VALIDATION_ERRORS, [JSON.stringify(datasetErrors)]);
  }

  /** Expands one request without a test (label or schema changed) into per-test recalculations. */
  async expandRequest(): Promise<boolean> {
    return this.transaction('expand recalculation request', async (client) => {
      const request = (await client.query<{ id: number; kind: string; reason: string; label_ids: number[]; schema_id: number | null }>(R.CLAIM_REQUEST)).rows[0];
      if (request) {
        if (request.kind === 'labels') {
          await client.query(R.EXPAND_LABEL_REQUEST, [request.label_ids, request.reason]);
        } else if (request.kind === 'runs' && request.schema_id !== null) {
          await client.query(R.MARK_RUNS_OF_SCHEMA, [request.schema_id, request.reason]);
        }
        await client.query(R.FINISH_REQUEST, [request.id]);
        return true;
      }
      const testRuns = (await client.query<{ id: number; test_id: number }>(R.CLAIM_TEST_RUNS_REQUEST)).rows[0];
      if (testRuns) {
        await client.query(R.MARK_RUNS_OF_TEST, [testRuns.id, testRuns.test_id]);
        await client.query(R.REFRESH_RUN_PROGRESS);
        return true;
      }
      return false;
    });
  }

  /**
   * One chunk of a 'labels' or 'fingerprints' recalculation; false when none is waiting. The
   * chunk is split into parts computed in their own transactions side by side, while this one
   * keeps the recalculation locked (no other worker takes it) and advances its cursor once every
   * part has committed. After a crash in between, the chunk is done again: each part replaces
   * what it wrote, and old values stay readable until a part's commit replaces them.
   */
  async recalculateChunk(): Promise<boolean> {
    return this.transaction('recalculate', async (client) => {
      const job = (await client.query<{ id: number; test_id: number; kind: string; label_ids: number[]; cursor: number }>(R.CLAIM_TEST_RECALCULATION)).rows[0];
      if (!job) {
        return false;
      }
      const partSize = this.options.batchSize * 4;
      const parallelism = Math.max(1, this.options.recalculationParallelism ?? 1);
      const chunk = partSize * parallelism;
      if (job.kind === 'fingerprints') {
        await client.query(R.ADVANCE_TOTAL, [job.id, (await client.query<{ n: number }>(R.COUNT_TEST_DATASETS, [job.test_id])).rows[0]!.n]);
      }
      const ids =
        job.kind === 'labels'
          ? (await client.query<{ id: number }>(R.NEXT_LABEL_CHUNK, [job.test_id, job.cursor, job.label_ids, chunk])).rows.map((r) => r.id)
          : (await client.query<{ id: number }>(R.NEXT_DATASET_CHUNK, [job.test_id, job.cursor, chunk])).rows.map((r) => r.id);
      if (ids.length === 0) {
        await client.query(R.FINISH_REQUEST, [job.id]);
        return true;
      }
      const fingerprints = job.kind === 'fingerprints' || (await client.query<{ touches: boolean }>(R.TOUCHES_FINGERPRINT, [job.test_id, job.label_ids])).rows[0]!.touches;
      const recalculate = async (part: number[], partClient: PoolClient): Promise<number> => {
        const errors = job.kind === 'labels' ? await this.computeLabels(partClient, part, job.label_ids) : 0;
        if (fingerprints) {
          await partClient.query(S.UPDATE_FINGERPRINTS, [part]);
        }
        // Recalculated values are not news: changes they reveal are recorded without notifying.
        await partClient.query(C.QUEUE_DETECTION, [part, false]);
        return errors;
      };
      const parts = splitEvenly(ids, Math.ceil(ids.length / partSize));
      const outcomes = await Promise.allSettled(
        parts.map((part) => (parts.length === 1 ? recalculate(part, client) : this.transaction('recalculate a part', (partClient) => recalculate(part, partClient)))),
      );
      const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failed) {
        throw failed.reason;
      }
      const errors = outcomes.reduce((sum, o) => sum + (o.status === 'fulfilled' ? o.value : 0), 0);
      await client.query(R.ADVANCE, [job.id, ids[ids.length - 1], ids.length, errors]);
      return true;
    });
  }

  /**
   * Datapoints and changes of datasets whose label values are new: one test at a time (detection
   * of a series reads and writes its state, so a test is locked for the transaction; another
   * worker takes another test). A batch that fails is done again one dataset at a time, and a
   * dataset that cannot be analysed is set aside (logged, dropped from the queue) instead of
   * blocking the work behind it.
   */
  async detectPending(limit = this.options.batchSize * 4): Promise<boolean> {
    let claimedIds: number[] = [];
    try {
      return await this.transaction('detect changes', async (client) => {
        for (const { test_id, has_rules } of (await client.query<{ test_id: number; has_rules: boolean }>(C.TESTS_WITH_PENDING_DETECTION)).rows) {
          if (!(await client.query<{ locked: boolean }>(C.TRY_LOCK_TEST, [test_id])).rows[0]!.locked) {
            continue;
          }
          const claimed = (await client.query<{ dataset_id: number; notify: boolean }>(C.CLAIM_PENDING_DETECTION, [test_id, limit])).rows;
          if (claimed.length === 0) {
            continue;
          }
          claimedIds = claimed.map((c) => c.dataset_id);
          await this.changes.detect(client, claimed);
          if (has_rules) {
            await evaluateMissingDataRules(client, claimedIds, this.functions);
          }
          return true;
        }
        return false;
      });
    } catch (error) {
      if (claimedIds.length === 0) {
        throw error;
      }
      if (limit > 1) {
        this.options.log?.('warn', 'a change detection batch failed; detecting one dataset at a time', { error: String(error) });
        for (let i = 0; i < claimedIds.length && (await this.detectPending(1)); i++) {
          // one by one
        }
        return true;
      }
      await this.transaction('set a dataset aside from change detection', (client) => client.query(C.DROP_PENDING_DETECTION, [claimedIds[0]]));
      this.options.log?.('error', 'a dataset could not be analysed for changes and was set aside', { datasetId: claimedIds[0], error: String(error) });
      return true;
    }
  }

  /**
   * One chunk of a 'changes' recalculation (variables changed, or asked for): the first resets the
   * test's detection (decided and manual changes stay), each computes datapoints for a chunk of
   * datasets, the last re-analyses every series of the test from its start, without notifying.
   */
  async recalculateChanges(): Promise<boolean> {
    return this.transaction('recalculate changes', async (client) => {
      const job = (await client.query<{ id: number; test_id: number; cursor: number; state: string }>(C.CLAIM_CHANGES_RECALCULATION)).rows[0];
      if (!job) {
        return false;
      }
      await client.query(C.LOCK_TEST, [job.test_id]);
      if (job.state === 'queued') {
        await client.query(C.RESET_TEST_DETECTION, [job.test_id, job.id]);
      }
      const ids = (await client.query<{ id: number }>(R.NEXT_DATASET_CHUNK, [job.test_id, job.cursor, this.options.batchSize * 4])).rows.map((r) => r.id);
      if (ids.length > 0) {
        const { errors } = await this.changes.computeDatapoints(client, ids);
        if ((await client.query<{ has_rules: boolean }>(C.TEST_HAS_RULES, [job.test_id])).rows[0]!.has_rules) {
          await evaluateMissingDataRules(client, ids, this.functions);
        }
        await client.query(R.ADVANCE, [job.id, ids[ids.length - 1], ids.length, errors]);
        return true;
      }
      const variables = new Map((await loadVariables(client, [job.test_id], this.options.log)).map((v) => [v.id, v]));
      const testName = (await client.query<{ name: string }>(C.TEST_NAME, [job.test_id])).rows[0]?.name ?? '';
      const series = (await client.query<{ variable_id: number; hash: string; fingerprint: Record<string, unknown> }>(C.SERIES_OF_TEST, [job.test_id])).rows;
      for (const { variable_id, hash, fingerprint } of series) {
        const variable = variables.get(variable_id);
        if (variable) {
          await this.changes.analyseSeries(client, { variable, testName, hash, fingerprint, points: [], notify: false }, true);
        }
      }
      await client.query(R.FINISH_REQUEST, [job.id]);
      return true;
    });
  }

  private async transaction<T>(reason: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      // Derived data only: if the server crashes before this commit reaches the disk, the runs
      // are still pending and the work is done again, so the commit need not wait for the disk.
      // Room for a batch's documents in memory: label values keep each dataset's document for
      // every label (a recalculation chunk of 800 documents of 20 KB is 27 MB; with the default
      // 4 MB it went to a temporary file: about 10 % slower).
      await client.query(
        `BEGIN; SET LOCAL synchronous_commit = off; SET LOCAL work_mem = '64MB'; SELECT set_config('granary.user_id', '', true), ` +
          `set_config('granary.roles', ${client.escapeLiteral(this.options.systemRoles.join(','))}, true), ` +
          `set_config('granary.reason', ${client.escapeLiteral(`pipeline: ${reason}`)}, true)`,
      );
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

/** `items` in `count` consecutive parts whose sizes differ by at most one. */
export function splitEvenly<T>(items: readonly T[], count: number): T[][] {
  const parts: T[][] = [];
  let start = 0;
  for (let i = 0; i < count; i++) {
    const end = start + Math.floor((items.length - start) / (count - i));
    parts.push(items.slice(start, end));
    start = end;
  }
  return parts.filter((part) => part.length > 0);
}
