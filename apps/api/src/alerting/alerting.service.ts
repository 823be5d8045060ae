import { Inject, Injectable } from '@nestjs/common';
import { CHANGE_DETECTION_MODELS, horreumDefaultConditions, reduceSeries } from '@granary/change-detection';
import { Db, Prisma, type Tx } from '@granary/db';
import { identityOf, type Caller, type UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import { offsetOf1Based } from '../datasets/dto/query-params';
import { PipelineRequests } from '../pipeline/pipeline-requests';
import { testerOfTest, visibleTest } from '../tests/test-access';
import { VARIABLE_COLUMNS, replaceVariables, resolveVariables, variableDto, type VariableRow } from './variables.writer';
import type {
  ChangeDetectionSettingsDto,
  ChangeDto,
  LastDatapointDto,
  LastDatapointsRequestDto,
  ChangeUpdateDto,
  ConditionConfigDto,
  DatapointRecalculationStatusDto,
  FingerprintSeriesDto,
  ManualChangeDto,
  OutlierDto,
  RecentChangesDto,
  SeriesDto,
  VariableDto,
} from './alerting.dto';

interface ChangeRow {
  id: number;
  variable_id: number;
  test_id: number;
  run_id: number;
  ordinal: number;
  dataset_id: number | null;
  fingerprint: Record<string, unknown> | null;
  time: Date;
  model: string;
  description: string;
  old_mean: number | null;
  new_mean: number | null;
  relative_difference: number | null;
  p_value: number | null;
  confirmed: boolean;
  ignored: boolean;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Date;
}

/** Default and maximum points of a series answer. */
const DEFAULT_POINTS = 1000;

/**
 * Change detection settings and results: Horreum's alerting endpoints (variables, changes,
 * recalculation, models) and Granary's (series for charts, fingerprints, manual changes,
 * outliers, recent changes). Detection itself runs in the pipeline (packages/pipeline/src/changes.ts).
 */
@Injectable()
export class AlertingService {
  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(PipelineRequests) private readonly pipeline: PipelineRequests,
  ) {}

  models(): ConditionConfigDto[] {
    return CHANGE_DETECTION_MODELS.map((m) => ({ ...m, ui: m.ui.map((c) => ({ ...c })), defaults: { ...m.defaults } }));
  }

  defaultConditions(): { model: string; config: Record<string, unknown> }[] {
    return horreumDefaultConditions().map((c) => ({ model: c.model, config: { ...c.config } }));
  }

  async variables(caller: Caller, testId: number | undefined): Promise<VariableDto[]> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      if (testId !== undefined) await visibleTest(tx, testId);
      const rows = await tx.$queryRaw<VariableRow[]>(Prisma.sql`
        SELECT ${VARIABLE_COLUMNS} FROM variable v
        WHERE ${testId ?? null}::int IS NULL OR v.test_id = ${testId ?? null}::int
        ORDER BY v.test_id, v."order", v.id`);
      return rows.map(variableDto);
    });
  }

  /**
   * Horreum's full replace of a test's variables: variables missing from the list go (with their
   * datapoints and changes), ids absent or negative are new. Conditions get their defaults and are
   * checked; then change detection runs again over the test's history, in the background.
   */
  async saveVariables(caller: UserCaller, testId: number, variables: VariableDto[]): Promise<void> {
    resolveVariables(variables);
    await this.db.asCaller(identityOf(caller), async (tx) => {
      await testerOfTest(tx, caller, testId, 'Changing the change detection');
      if (await replaceVariables(tx, testId, variables, 'id')) {
        await this.pipeline.changesChanged(tx, testId, `variables of test ${testId} changed by ${caller.username}`);
      }
    });
    this.pipeline.wake(testId);
  }

  /** Changes of a variable, of one series when a fingerprint (JSON, or its hash) is given, oldest first. */
  async changes(caller: Caller, variableId: number, fingerprint: string | undefined): Promise<ChangeDto[]> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      const variable = await this.visibleVariable(tx, variableId);
      const hash = fingerprint === undefined ? null : await seriesHash(tx, fingerprint);
      const rows = await tx.$queryRaw<ChangeRow[]>(Prisma.sql`
        SELECT * FROM change WHERE variable_id = ${variableId} AND (${hash}::text IS NULL OR fingerprint_hash = ${hash}::text)
        ORDER BY time, id`);
      return rows.map((r) => changeDto(r, variable));
    });
  }

  /** Confirms or ignores a change (Horreum's PUT reads only `confirmed`; Granary also `ignored`). */
  async updateChange(caller: UserCaller, id: number, body: ChangeUpdateDto): Promise<void> {
    if (body.id !== undefined && body.id !== id) {
      throw new DomainError('validation-failed', { detail: `The body is change ${body.id}, the path change ${id}.`, errors: [{ pointer: '/id', message: 'does not match the path' }] });
    }
    if (body.confirmed && body.ignored) {
      throw new DomainError('validation-failed', { detail: 'A change cannot be both confirmed and ignored.', errors: [{ pointer: '/ignored', message: 'conflicts with confirmed' }] });
    }
    await this.db.asCaller(identityOf(caller), async (tx) => {
      const change = await this.writableChange(tx, caller, id);
      const confirmed = body.confirmed ?? (body.ignored ? false : change.confirmed);
      const ignored = body.ignored ?? (body.confirmed ? false : change.ignored);
      await tx.$executeRaw(Prisma.sql`
        UPDATE change SET confirmed = ${confirmed}, ignored = ${ignored},
               decided_by = CASE WHEN ${confirmed} OR ${ignored} THEN ${caller.username} END,
               decided_at = CASE WHEN ${confirmed} OR ${ignored} THEN now() END
        WHERE id = ${id}`);
    });
  }

  async deleteChange(caller: UserCaller, id: number): Promise<void> {
    await this.db.asCaller(identityOf(caller), async (tx) => {
      await this.writableChange(tx, caller, id);
      await tx.$executeRaw(Prisma.sql`DELETE FROM change WHERE id = ${id}`);
    });
  }

  /** A change point added by hand: it restarts the history as a detected one does; the series is re-analysed after it. */
  async addManualChange(caller: UserCaller, body: ManualChangeDto): Promise<ChangeDto> {
    const change = await this.db.asCaller(identityOf(caller), async (tx) => {
      const variable = await this.writableVariable(tx, caller, body.variableId);
      const point = await this.pointOf(tx, variable, body.datasetId);
      const rows = await tx.$queryRaw<ChangeRow[]>(Prisma.sql`
        INSERT INTO change (variable_id, test_id, run_id, ordinal, dataset_id, fingerprint, fingerprint_hash, time, model,
                            description, confirmed, decided_by, decided_at, created_by)
        VALUES (${variable.id}, ${variable.test_id}, ${point.run_id}, ${point.ordinal}, ${body.datasetId}, ${JSON.stringify(point.fingerprint)}::jsonb,
                ${point.hash}, ${point.time}, 'manual', ${body.description?.trim() || `Change marked by ${caller.username}`},
                true, ${caller.username}, now(), ${caller.username})
        ON CONFLICT (variable_id, fingerprint_hash, run_id, ordinal) DO NOTHING
        RETURNING *`);
      if (rows.length === 0) {
        throw new DomainError('conflict', { detail: `Dataset ${body.datasetId} already carries a change of variable ${variable.name}: confirm it instead.` });
      }
      await this.reanalyseFrom(tx, variable, point.hash, body.datasetId);
      return changeDto(rows[0]!, variable);
    });
    this.pipeline.wake(change.dataset.testId);
    return change;
  }

  /** Flags a datapoint as an outlier (detection skips it) or clears the flag; the series is re-analysed. */
  async setOutlier(caller: UserCaller, body: OutlierDto): Promise<void> {
    const testId = await this.db.asCaller(identityOf(caller), async (tx) => {
      const variable = await this.writableVariable(tx, caller, body.variableId);
      const point = await this.pointOf(tx, variable, body.datasetId);
      if (body.outlier) {
        await tx.$executeRaw(Prisma.sql`
          INSERT INTO outlier (variable_id, test_id, run_id, ordinal, flagged_by) VALUES (${variable.id}, ${variable.test_id}, ${point.run_id}, ${point.ordinal}, ${caller.username})
          ON CONFLICT DO NOTHING`);
      } else {
        await tx.$executeRaw(Prisma.sql`DELETE FROM outlier WHERE variable_id = ${variable.id} AND run_id = ${point.run_id} AND ordinal = ${point.ordinal}`);
      }
      await this.reanalyseFrom(tx, variable, point.hash, body.datasetId);
      return variable.test_id;
    });
    this.pipeline.wake(testId);
  }

  /** A series for a chart: points in timeline order (reduced when long, never dropping a change point) and its changes. */
  async series(caller: Caller, q: { var: number; fingerprint?: string; points?: number; from?: number; to?: number }): Promise<SeriesDto> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      const variable = await this.visibleVariable(tx, q.var);
      let hash = q.fingerprint === undefined ? null : await seriesHash(tx, q.fingerprint);
      if (hash === null) {
        // One series only: the variable's; else the caller must choose.
        const hashes = await tx.$queryRaw<{ hash: string }[]>(Prisma.sql`SELECT DISTINCT fingerprint_hash AS hash FROM datapoint WHERE variable_id = ${q.var} LIMIT 2`);
        if (hashes.length > 1) {
          throw new DomainError('validation-failed', { detail: `Variable ${variable.name} has several series: choose one with fingerprint (see GET /api/alerting/fingerprints).`, errors: [{ pointer: '/fingerprint', message: 'required: several series' }] });
        }
        hash = hashes[0]?.hash ?? '';
      }
      const points = await tx.$queryRaw<{ time: Date; value: number; dataset_id: number; run_id: number; ordinal: number; outlier: boolean; fingerprint: Record<string, unknown> | null }[]>(Prisma.sql`
        SELECT p.time, p.value, p.dataset_id, p.run_id, p.ordinal, p.fingerprint,
               EXISTS (SELECT 1 FROM outlier o WHERE o.variable_id = p.variable_id AND o.run_id = p.run_id AND o.ordinal = p.ordinal) AS outlier
        FROM datapoint p
        WHERE p.variable_id = ${q.var} AND p.fingerprint_hash = ${hash}
          AND (${q.from ?? null}::float8 IS NULL OR p.time >= to_timestamp(${q.from ?? null}::float8 / 1000))
          AND (${q.to ?? null}::float8 IS NULL OR p.time <= to_timestamp(${q.to ?? null}::float8 / 1000))
        ORDER BY p.time, p.dataset_id`);
      const changes = await tx.$queryRaw<ChangeRow[]>(Prisma.sql`
        SELECT * FROM change WHERE variable_id = ${q.var} AND fingerprint_hash = ${hash} ORDER BY time, id`);
      const changeAt = new Set(changes.map((c) => `${c.run_id}/${c.ordinal}`));
      const keep = new Set<number>();
      points.forEach((p, i) => {
        if (changeAt.has(`${p.run_id}/${p.ordinal}`) || p.outlier) keep.add(i);
      });
      const series = points.map((p) => ({ time: p.time.getTime(), value: p.value }));
      const chosen = reduceSeries(series, q.points ?? DEFAULT_POINTS, keep);
      return {
        variable: variableDto(variable),
        fingerprint: points[0]?.fingerprint ?? changes[0]?.fingerprint ?? null,
        hash,
        total: points.length,
        reduced: chosen.length < points.length,
        points: chosen.map((i) => {
          const p = points[i]!;
          return { time: p.time.getTime(), value: p.value, datasetId: p.dataset_id, runId: p.run_id, ordinal: p.ordinal, outlier: p.outlier };
        }),
        changes: changes.map((c) => changeDto(c, variable)),
      };
    });
  }

  /** The series (fingerprints) of a test that have datapoints, most points first. */
  async fingerprints(caller: Caller, testId: number): Promise<FingerprintSeriesDto[]> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      await visibleTest(tx, testId);
      const rows = await tx.$queryRaw<{ hash: string; fingerprint: Record<string, unknown> | null; datapoints: number; last_time: Date }[]>(Prisma.sql`
        SELECT fingerprint_hash AS hash, (array_agg(fingerprint))[1] AS fingerprint, count(*)::int AS datapoints, max(time) AS last_time
        FROM datapoint WHERE test_id = ${testId} GROUP BY fingerprint_hash ORDER BY count(*) DESC, fingerprint_hash`);
      return rows.map((r) => ({ hash: r.hash, fingerprint: r.fingerprint, datapoints: r.datapoints, lastTime: r.last_time.getTime() }));
    });
  }

  /** Changes across every test the caller may see, newest first. */
  async recent(caller: Caller, limit = 25, page?: number): Promise<RecentChangesDto> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      const rows = await tx.$queryRaw<(ChangeRow & { test_name: string; variable: VariableRow })[]>(Prisma.sql`
        SELECT c.*, t.name AS test_name,
               (SELECT row_to_json(x) FROM (SELECT ${VARIABLE_COLUMNS} FROM variable v WHERE v.id = c.variable_id) x) AS variable
        FROM change c JOIN test t ON t.id = c.test_id
        ORDER BY c.created_at DESC, c.id DESC
        LIMIT ${limit} OFFSET ${offsetOf1Based(limit, page)}`);
      const [{ n }] = (await tx.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM change c JOIN test t ON t.id = c.test_id`)) as [{ n: number }];
      return {
        total: n,
        changes: rows.map((r) => ({ ...changeDto(r, r.variable), test: { id: r.test_id, name: r.test_name } })),
      };
    });
  }

  /**
   * Horreum's POST /api/alerting/changeDetection: the test's timeline and fingerprint settings.
   * A change recomputes fingerprints (when they changed) and detects changes again.
   */
  async updateSettings(caller: UserCaller, testId: number, body: ChangeDetectionSettingsDto): Promise<void> {
    const changed = await this.db.asCaller(identityOf(caller), async (tx) => {
      await testerOfTest(tx, caller, testId, 'Changing the change detection');
      const [before] = await tx.$queryRaw<{ f: boolean; t: boolean }[]>(Prisma.sql`
        SELECT fingerprint_labels IS DISTINCT FROM ${body.fingerprintLabels ?? []}::text[] OR fingerprint_filter IS DISTINCT FROM ${body.fingerprintFilter || null} AS f,
               timeline_labels IS DISTINCT FROM ${body.timelineLabels ?? []}::text[] OR timeline_function IS DISTINCT FROM ${body.timelineFunction || null} AS t
        FROM test WHERE id = ${testId}`);
      if (!before!.f && !before!.t) {
        return false;
      }
      await tx.$executeRaw(Prisma.sql`
        UPDATE test SET fingerprint_labels = ${body.fingerprintLabels ?? []}::text[], fingerprint_filter = ${body.fingerprintFilter || null},
               timeline_labels = ${body.timelineLabels ?? []}::text[], timeline_function = ${body.timelineFunction || null}, updated_at = now()
        WHERE id = ${testId}`);
      if (before!.f) {
        await this.pipeline.fingerprintsChanged(tx, testId, `fingerprint of test ${testId} changed by ${caller.username}`);
      }
      await this.pipeline.changesChanged(tx, testId, `change detection settings of test ${testId} changed by ${caller.username}`);
      return true;
    });
    if (changed) {
      this.pipeline.wake(testId);
    }
  }

  /** Horreum's POST /api/alerting/datapoint/last: the newest datapoint time per variable of one series. */
  async lastDatapoints(caller: Caller, body: LastDatapointsRequestDto): Promise<LastDatapointDto[]> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      const hash = await seriesHash(tx, body.fingerprint);
      const rows = await tx.$queryRaw<{ variable: number; time: Date }[]>(Prisma.sql`
        SELECT DISTINCT ON (variable_id) variable_id AS variable, time FROM datapoint
        WHERE variable_id = ANY(${body.variables}::int[]) AND fingerprint_hash = ${hash}
        ORDER BY variable_id, time DESC`);
      return rows.map((r) => ({ variable: r.variable, timestamp: r.time.getTime() }));
    });
  }

  /** Detects changes again over the test's whole history (Horreum: POST /api/alerting/recalculate). */
  async recalculate(caller: UserCaller, testId: number): Promise<void> {
    await this.db.asCaller(identityOf(caller), async (tx) => {
      await testerOfTest(tx, caller, testId, 'Changing the change detection');
      await this.pipeline.changesChanged(tx, testId, `change detection recalculation requested by ${caller.username}`);
    });
    this.pipeline.wake(testId);
  }

  async recalculationStatus(caller: Caller, testId: number): Promise<DatapointRecalculationStatusDto> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      await visibleTest(tx, testId);
      const [latest] = await tx.$queryRaw<{ state: string; done: number; total: number; errors: number }[]>(Prisma.sql`
        SELECT state, done, total, errors FROM recalculation WHERE test_id = ${testId} AND kind = 'changes' ORDER BY id DESC LIMIT 1`);
      if (!latest) {
        return { percentage: 100, done: 0, totalDatasets: 0, errors: 0, datasetsWithoutValue: [], finished: true };
      }
      const finished = latest.state === 'done' || latest.state === 'failed';
      // The last step (re-analysing every series) comes after the last dataset: 99 % until it is done.
      const percentage = finished ? 100 : latest.total === 0 ? 0 : Math.min(99, Math.floor((100 * latest.done) / latest.total));
      return { percentage, done: latest.done, totalDatasets: latest.total, errors: latest.errors, datasetsWithoutValue: [], finished };
    });
  }

  /** Queues a dataset for detection after its series' state is dropped: the series is re-analysed from that point. */
  private async reanalyseFrom(tx: Tx, variable: VariableRow, hash: string, datasetId: number): Promise<void> {
    await tx.$executeRaw(Prisma.sql`DELETE FROM series_state WHERE variable_id = ${variable.id} AND fingerprint_hash = ${hash}`);
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO detection_pending (dataset_id, test_id, notify) VALUES (${datasetId}, ${variable.test_id}, false)
      ON CONFLICT (dataset_id) DO UPDATE SET notify = false`);
  }

  /** The datapoint of a variable on a dataset (a dataset of the variable's test, which has a value for it). */
  private async pointOf(tx: Tx, variable: VariableRow, datasetId: number): Promise<{ run_id: number; ordinal: number; hash: string; fingerprint: unknown; time: Date }> {
    const [point] = await tx.$queryRaw<{ run_id: number; ordinal: number; hash: string; fingerprint: unknown; time: Date }[]>(Prisma.sql`
      SELECT run_id, ordinal, fingerprint_hash AS hash, fingerprint, time FROM datapoint WHERE variable_id = ${variable.id} AND dataset_id = ${datasetId}`);
    if (!point) {
      throw new DomainError('invalid-reference', {
        detail: `Dataset ${datasetId} has no value of variable ${variable.name} (it is not in test ${variable.test_id}, or its labels gave no number).`,
        errors: [{ pointer: '/datasetId', message: 'no datapoint of this variable' }],
      });
    }
    return point;
  }

  private async visibleVariable(tx: Tx, variableId: number): Promise<VariableRow> {
    const [variable] = await tx.$queryRaw<VariableRow[]>(Prisma.sql`SELECT ${VARIABLE_COLUMNS} FROM variable v WHERE v.id = ${variableId}`);
    if (!variable) {
      throw new DomainError('not-found', { detail: `Variable ${variableId} does not exist, or you may not see it.` });
    }
    return variable;
  }

  private async writableVariable(tx: Tx, caller: UserCaller, variableId: number): Promise<VariableRow> {
    const variable = await this.visibleVariable(tx, variableId);
    await testerOfTest(tx, caller, variable.test_id, 'Changing the change detection');
    return variable;
  }

  private async writableChange(tx: Tx, caller: UserCaller, id: number): Promise<{ confirmed: boolean; ignored: boolean }> {
    const [change] = await tx.$queryRaw<{ test_id: number; confirmed: boolean; ignored: boolean }[]>(Prisma.sql`SELECT test_id, confirmed, ignored FROM change WHERE id = ${id}`);
    if (!change) {
      throw new DomainError('not-found', { detail: `Change ${id} does not exist, or you may not see it.` });
    }
    await testerOfTest(tx, caller, change.test_id, 'Changing the change detection');
    return change;
  }
}

/** The series key of a fingerprint given as JSON (Horreum) or as its md5 hash (Granary). */
async function seriesHash(tx: Tx, fingerprint: string): Promise<string> {
  if (/^[0-9a-f]{32}$/.test(fingerprint)) {
    return fingerprint;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(fingerprint);
  } catch {
    throw new DomainError('validation-failed', { detail: 'fingerprint must be a JSON object or a series hash.', errors: [{ pointer: '/fingerprint', message: 'not JSON' }] });
  }
  const [row] = await tx.$queryRaw<{ hash: string }[]>(Prisma.sql`SELECT granary_fingerprint_hash(${JSON.stringify(parsed)}::jsonb) AS hash`);
  return row!.hash;
}

function changeDto(r: ChangeRow, variable: VariableRow): ChangeDto {
  const time = (d: Date | string) => new Date(d).getTime();
  return {
    id: r.id,
    variable: variableDto(variable),
    dataset: { id: r.dataset_id, runId: r.run_id, ordinal: r.ordinal, testId: r.test_id },
    timestamp: time(r.time),
    confirmed: r.confirmed,
    description: r.description,
    ignored: r.ignored,
    model: r.model,
    fingerprint: r.fingerprint,
    oldMean: r.old_mean,
    newMean: r.new_mean,
    relativeDifference: r.relative_difference,
    pValue: r.p_value,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at ? time(r.decided_at) : null,
    createdAt: time(r.created_at),
  };
}
