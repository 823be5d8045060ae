import {
  SeriesDetector,
  detectEDivisive,
  reanalyse,
  resolveCondition,
  type Change,
  type Condition,
  type Datapoint,
  type DetectorState,
} from '@granary/change-detection';
import type { PoolClient } from 'pg';
import * as C from './changes-sql';
import { groupBy } from './group-by';
import type { FunctionRunner } from './processor';

/** A variable as detection uses it: labels, calculation and its resolved conditions. */
export interface VariableRow {
  id: number;
  test_id: number;
  name: string;
  labels: string[];
  calculation: string | null;
  conditions: Condition[];
}

interface DatasetRow {
  dataset_id: number;
  test_id: number;
  run_id: number;
  ordinal: number;
  fingerprint: Record<string, unknown>;
  hash: string;
  start_ms: number;
  test_name: string;
  fingerprint_filter: string | null;
  timeline_labels: string[];
  timeline_function: string | null;
  notifications_enabled: boolean;
  label_values: Record<string, unknown> | null;
}

/** A datapoint with what a change needs to be stored by run and ordinal. */
interface Point extends Datapoint {
  id: number;
  run_id: number;
  ordinal: number;
}

/** The new points of one series in this unit of work. */
interface SeriesWork {
  variable: VariableRow;
  testName: string;
  hash: string;
  fingerprint: Record<string, unknown>;
  points: Point[];
  notify: boolean;
}

export interface DetectionResult {
  datasets: number;
  datapoints: number;
  changes: number;
  errors: number;
}

type Log = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

/** A datapoint id in a model's description: "Datapoints 17 (" and " - 18 (" (relativeDifference), "at datapoint 17 (" (eDivisive). */
const DATAPOINT_REF = /(^Datapoints | - |at datapoint )(\d+) \(/g;

/** How many of the newest points of a segment eDivisive sees after an append (windows of 30 by default). */
const EDIVISIVE_TAIL = 120;

/**
 * Change detection in the pipeline: datapoints from label values (one per dataset and variable, at
 * the dataset's timeline position), then, per series (variable × fingerprint), the models. A series
 * that only grows at its end continues from its saved detector state (O(window) per point); a
 * back-filled or re-processed point re-analyses the series from that point and reconciles with
 * the stored changes, so nothing is reported twice and decided changes stay decided.
 */
export class ChangeDetection {
  constructor(
    private readonly functions: FunctionRunner,
    private readonly log?: Log,
  ) {}

  /** Datapoints and changes of the datasets (all of one test, which the caller has locked). */
  async detect(client: PoolClient, datasets: readonly { dataset_id: number; notify: boolean }[]): Promise<DetectionResult> {
    const notify = new Map(datasets.map((d) => [d.dataset_id, d.notify]));
    const { series, datapoints, errors } = await this.computeDatapoints(client, [...notify.keys()], notify);
    let changes = 0;
    for (const work of series) {
      changes += await this.analyseSeries(client, work, false);
    }
    return { datasets: notify.size, datapoints, changes, errors };
  }

  /**
   * Replaces the datapoints of the datasets; returns the series they belong to with their new
   * points. Values come from the variables' labels (by name); a calculation runs in the sandbox,
   * once per variable for all datasets.
   */
  async computeDatapoints(
    client: PoolClient,
    datasetIds: number[],
    notify: ReadonlyMap<number, boolean> = new Map(),
  ): Promise<{ series: SeriesWork[]; datapoints: number; errors: number }> {
    const rows = (await client.query<DatasetRow>(C.DATASETS_FOR_DATAPOINTS, [datasetIds])).rows;
    await client.query(C.DELETE_DATAPOINTS_OF_DATASETS, [datasetIds]);
    if (rows.length === 0) {
      return { series: [], datapoints: 0, errors: 0 };
    }
    const variables = await loadVariables(client, [...new Set(rows.map((r) => r.test_id))], this.log);
    let errors = 0;
    const included = await this.applyFingerprintFilters(rows);
    const times = await this.timelinePositions(included);
    const inserted: Record<string, unknown>[] = [];
    const series = new Map<string, SeriesWork>();
    for (const variable of variables) {
      const mine = included.filter((r) => r.test_id === variable.test_id);
      if (mine.length === 0) continue;
      const values = await this.variableValues(variable, mine);
      mine.forEach((row, i) => {
        const value = values[i]!;
        if (value === 'error') {
          errors++;
          return;
        }
        if (value === null) return;
        const time = times.get(row.dataset_id)!;
        inserted.push({
          variable_id: variable.id,
          test_id: row.test_id,
          dataset_id: row.dataset_id,
          run_id: row.run_id,
          ordinal: row.ordinal,
          time,
          value,
          fingerprint: row.fingerprint,
          hash: row.hash,
        });
        const key = `${variable.id}:${row.hash}`;
        let work = series.get(key);
        if (!work) {
          work = { variable, testName: row.test_name, hash: row.hash, fingerprint: row.fingerprint, points: [], notify: false };
          series.set(key, work);
        }
        work.points.push({ id: row.dataset_id, run_id: row.run_id, ordinal: row.ordinal, time, value });
        work.notify ||= (notify.get(row.dataset_id) ?? false) && row.notifications_enabled;
      });
    }
    if (inserted.length > 0) {
      await client.query(C.INSERT_DATAPOINTS, [JSON.stringify(inserted)]);
    }
    for (const work of series.values()) work.points.sort(byTimeline);
    return { series: [...series.values()], datapoints: inserted.length, errors };
  }

  /**
   * Runs the variable's conditions over one series after `work.points` arrived (or, with `full`,
   * over the whole series); stores new changes (with a `change/new` event each) and the detector
   * state. Returns how many changes were added.
   */
  async analyseSeries(client: PoolClient, work: SeriesWork, full: boolean): Promise<number> {
    const { variable, hash } = work;
    if (variable.conditions.length === 0) {
      return 0;
    }
    const stored = (await client.query<{ state: DetectorState; last_time: number; last_dataset_id: number }>(C.SERIES_STATE, [variable.id, hash])).rows[0];
    const outlierKeys = new Set((await client.query<{ run_id: number; ordinal: number }>(C.OUTLIERS_OF_VARIABLE, [variable.id])).rows.map(runKey));
    const existing = (await client.query<StoredChange>(C.SERIES_CHANGES, [variable.id, hash])).rows;
    const first = work.points[0];
    const appends =
      !full &&
      stored !== undefined &&
      first !== undefined &&
      byTimeline(first, { id: stored.last_dataset_id, time: stored.last_time }) > 0;
    // A state this version cannot continue from (another format, or saved for other conditions)
    // means a whole re-analysis, which saves a new one.
    const restored = appends ? restoreOrUndefined(stored.state, variable.conditions) : undefined;

    let added: Change[];
    let obsolete: StoredChange[] = [];
    let state: DetectorState;
    let last: { id: number; time: number };
    const known = new Map<number, Point>(work.points.map((p) => [p.id, p]));
    if (restored) {
      // The series grows at its end: continue from the saved state, O(window) per point.
      const decided = new Set(existing.map(runKey));
      const detector = restored;
      added = [];
      for (const p of work.points) {
        added.push(...detector.push(p, { isOutlier: outlierKeys.has(runKey(p)), isKnownChange: decided.has(runKey(p)) }));
      }
      // relativeDifference with a window above 1 may place a change on a point of an earlier batch.
      await this.learnPoints(client, work, added, known);
      for (const change of await this.eDivisiveOnTail(client, work, existing, added, outlierKeys, known)) added.push(change);
      state = detector.toState();
      last = work.points[work.points.length - 1]!;
    } else {
      // A new series, a back-filled or re-processed point, or a recalculation: the whole series,
      // re-analysed from the earliest new point, reconciled with the stored changes.
      const points = (await client.query<Point>(C.SERIES_POINTS, [variable.id, hash])).rows;
      if (points.length === 0) {
        return 0;
      }
      for (const p of points) known.set(p.id, p);
      const indexOf = new Map(points.map((p, i) => [p.id, i]));
      const pointOf = new Map(points.map((p) => [runKey(p), p.id]));
      const from = full ? 0 : Math.min(...work.points.map((p) => indexOf.get(p.id) ?? points.length));
      const mapped = existing
        .filter((c) => pointOf.has(runKey(c)))
        .map((c) => ({ ...c, pointId: pointOf.get(runKey(c))!, confirmed: c.confirmed || c.model === 'manual' }));
      const outliers = points.filter((p) => outlierKeys.has(runKey(p))).map((p) => p.id);
      const result = reanalyse({ series: { points, outliers }, existing: mapped, conditions: variable.conditions, from });
      added = result.added;
      obsolete = result.obsolete.filter((c) => !c.ignored && c.model !== 'manual');
      const kept = mapped.filter((c) => !obsolete.includes(c)).map((c) => c.pointId);
      state = SeriesDetector.create(variable.conditions, { points, outliers, changes: [...kept, ...added.map((c) => c.pointId)] }).toState();
      last = points[points.length - 1]!;
    }

    if (obsolete.length > 0) {
      await client.query(C.DELETE_OBSOLETE_CHANGES, [obsolete.map((c) => c.id)]);
    }
    await client.query(C.SAVE_SERIES_STATE, [variable.id, variable.test_id, hash, JSON.stringify(state), last.time, last.id]);
    await client.query(C.REPOINT_CHANGES, [variable.id, hash]);
    return this.storeChanges(client, work, added, known);
  }

  /** Adds to `known` the stored points of the series that changes start at and `known` lacks. */
  private async learnPoints(client: PoolClient, work: SeriesWork, changes: readonly Change[], known: Map<number, Point>): Promise<void> {
    const missing = [...new Set(changes.map((c) => Number(c.pointId)).filter((id) => !known.has(id)))];
    if (missing.length > 0) {
      for (const p of (await client.query<Point>(C.SERIES_POINTS_BY_DATASET, [work.variable.id, missing])).rows) known.set(p.id, p);
    }
  }

  /**
   * eDivisive (a bulk model) after an append: on the newest points of the segment since the last
   * change (at most EDIVISIVE_TAIL), skipping points that already carry a change. Adds the tail's
   * points to `known`.
   */
  private async eDivisiveOnTail(
    client: PoolClient,
    work: SeriesWork,
    existing: readonly StoredChange[],
    found: readonly Change[],
    outlierKeys: ReadonlySet<string>,
    known: Map<number, Point>,
  ): Promise<Change[]> {
    const conditions = work.variable.conditions.filter((c): c is Extract<Condition, { model: 'eDivisive' }> => c.model === 'eDivisive');
    if (conditions.length === 0) {
      return [];
    }
    const since = Math.max(0, ...existing.map((c) => c.time), ...found.map((c) => c.time));
    const tail = (await client.query<Point>(C.SERIES_TAIL, [work.variable.id, work.hash, since, EDIVISIVE_TAIL])).rows.reverse();
    for (const p of tail) known.set(p.id, p);
    const taken = new Set([...existing.map(runKey), ...found.flatMap((c) => (known.has(Number(c.pointId)) ? [runKey(known.get(Number(c.pointId))!)] : []))]);
    const outliers = tail.filter((p) => outlierKeys.has(runKey(p))).map((p) => p.id);
    const result: Change[] = [];
    for (const condition of conditions) {
      for (const change of detectEDivisive({ points: tail, outliers }, { start: 0, config: condition.config })) {
        const key = runKey(known.get(Number(change.pointId))!); // a tail point: known above
        if (!taken.has(key)) {
          taken.add(key);
          result.push(change);
        }
      }
    }
    return result;
  }

  /** Inserts changes (a point already carrying one is skipped) and a `change/new` event for each. */
  private async storeChanges(client: PoolClient, work: SeriesWork, changes: readonly Change[], points: ReadonlyMap<number, Point>): Promise<number> {
    if (changes.length === 0) {
      return 0;
    }
    // The models name datapoints by their id (here a dataset id); people and Horreum's format know
    // datasets by run and ordinal: "Datasets 123/0 (…) - 125/0 (…)".
    const named = [...new Set(changes.flatMap((c) => [...c.description.matchAll(DATAPOINT_REF)].map((m) => Number(m[2]))))].filter((id) => !points.has(id));
    const names = new Map<number, { run_id: number; ordinal: number }>(points);
    if (named.length > 0) {
      for (const p of (await client.query<Point>(C.SERIES_POINTS_BY_DATASET, [work.variable.id, named])).rows) names.set(p.id, p);
    }
    const describe = (description: string) =>
      description.replace(DATAPOINT_REF, (all, lead: string, id: string) => {
        const p = names.get(Number(id));
        const word = lead === 'Datapoints ' ? 'Datasets ' : lead === 'at datapoint ' ? 'at dataset ' : lead;
        return p ? `${word}${p.run_id}/${p.ordinal} (` : all;
      });
    const rows = changes.flatMap((c) => {
      const p = points.get(Number(c.pointId));
      return p
        ? [
            {
              variable_id: work.variable.id,
              test_id: work.variable.test_id,
              run_id: p.run_id,
              ordinal: p.ordinal,
              dataset_id: Number(c.pointId),
              fingerprint: work.fingerprint,
              hash: work.hash,
              time: c.time,
              model: c.model,
              description: describe(c.description),
              old_mean: finiteOrNull(c.oldMean),
              new_mean: finiteOrNull(c.newMean),
              relative_difference: finiteOrNull(c.relativeDifference),
              p_value: finiteOrNull(c.pValue),
            },
          ]
        : [];
    });
    const inserted = (
      await client.query<{ id: number; run_id: number; ordinal: number; dataset_id: number; fingerprint: unknown; time: number; model: string; description: string }>(
        C.INSERT_CHANGES,
        [JSON.stringify(rows)],
      )
    ).rows;
    if (inserted.length > 0) {
      const events = inserted.map((c) => ({
        kind: 'change/new',
        test_id: work.variable.test_id,
        notify: work.notify,
        payload: {
          changeId: c.id,
          variableId: work.variable.id,
          variableName: work.variable.name,
          testName: work.testName,
          datasetId: c.dataset_id,
          runId: c.run_id,
          ordinal: c.ordinal,
          fingerprint: c.fingerprint,
          time: new Date(c.time).toISOString(),
          description: c.description,
          model: c.model,
        },
      }));
      await client.query(C.INSERT_EVENTS, [JSON.stringify(events)]);
      this.log?.('info', 'changes detected', { testId: work.variable.test_id, variableId: work.variable.id, changes: inserted.length });
    }
    return inserted.length;
  }

  /** Datasets the test's fingerprint filter lets into change detection (a throwing filter keeps one out). */
  private async applyFingerprintFilters(rows: DatasetRow[]): Promise<DatasetRow[]> {
    const out: DatasetRow[] = [];
    for (const group of groupBy(rows, (r) => r.fingerprint_filter ?? '')) {
      const source = group[0]!.fingerprint_filter;
      if (!source) {
        out.push(...group);
        continue;
      }
      const results = await this.functions.evaluate(source, group.map((r) => r.fingerprint));
      group.forEach((r, i) => {
        const e = results[i]!;
        if (e.ok && e.value) out.push(r);
        else if (!e.ok) this.log?.('warn', 'fingerprint filter failed', { datasetId: r.dataset_id, error: e.error });
      });
    }
    return out;
  }

  /** Timeline position (epoch ms) of each dataset: the timeline label(s) and function, else its start. */
  private async timelinePositions(rows: DatasetRow[]): Promise<Map<number, number>> {
    const times = new Map<number, number>();
    for (const group of groupBy(rows, (r) => `${r.timeline_labels.join('\u0000')}\u0001${r.timeline_function ?? ''}`)) {
      const { timeline_labels: labels, timeline_function: source } = group[0]!;
      if (labels.length === 0) {
        group.forEach((r) => times.set(r.dataset_id, r.start_ms));
        continue;
      }
      const inputs = group.map((r) => inputOf(labels, r.label_values));
      const values = source ? (await this.functions.evaluate(source, inputs)).map((e) => (e.ok ? e.value : undefined)) : inputs;
      group.forEach((r, i) => times.set(r.dataset_id, toEpochMs(values[i]) ?? r.start_ms));
    }
    return times;
  }

  /** The variable's value per dataset: a finite number, null (no datapoint) or 'error'. */
  private async variableValues(variable: VariableRow, rows: DatasetRow[]): Promise<(number | null | 'error')[]> {
    const inputs = rows.map((r) => inputOf(variable.labels, r.label_values));
    if (variable.calculation) {
      const results = await this.functions.evaluate(variable.calculation, inputs);
      return results.map((e, i) => {
        if (!e.ok) {
          this.log?.('warn', 'variable calculation failed', { variableId: variable.id, datasetId: rows[i]!.dataset_id, error: e.error });
          return 'error';
        }
        return e.value === null || e.value === undefined ? null : (toNumber(e.value) ?? 'error');
      });
    }
    if (variable.labels.length !== 1) {
      return inputs.map(() => null);
    }
    return inputs.map((v) => (v === null || v === undefined ? null : toNumber(v)));
  }
}

interface StoredChange {
  id: number;
  run_id: number;
  ordinal: number;
  model: string;
  confirmed: boolean;
  ignored: boolean;
  time: number;
}

/** Variables of the tests with resolved conditions; a condition that does not resolve is logged and skipped. */
export async function loadVariables(client: PoolClient, testIds: number[], log?: Log): Promise<VariableRow[]> {
  const rows = (await client.query<Omit<VariableRow, 'conditions'> & { conditions: { model: string; config: unknown }[] }>(C.VARIABLES_OF_TESTS, [testIds])).rows;
  return rows.map((row) => ({
    ...row,
    conditions: row.conditions.flatMap((c) => {
      const resolved = resolveCondition(c.model, c.config);
      if (!resolved.ok) {
        log?.('warn', 'a change detection condition is invalid and was skipped', { variableId: row.id, model: c.model, errors: resolved.errors });
        return [];
      }
      return [resolved.condition];
    }),
  }));
}

function restoreOrUndefined(state: DetectorState, conditions: readonly Condition[]): SeriesDetector | undefined {
  try {
    return SeriesDetector.restore(state, conditions);
  } catch {
    return undefined;
  }
}

/** Horreum's input of a function over labels: the single label's value, else an object by label name. */
function inputOf(labels: readonly string[], values: Record<string, unknown> | null): unknown {
  if (labels.length === 1) {
    return values?.[labels[0]!] ?? null;
  }
  return Object.fromEntries(labels.map((l) => [l, values?.[l] ?? null]));
}

/** Horreum's Util.toDoubleOrNull: finite numbers and numeric strings. */
function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** A timeline value: epoch milliseconds, or an ISO-8601 text. */
function toEpochMs(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const n = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Date.parse(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function runKey(p: { run_id: number; ordinal: number }): string {
  return `${p.run_id}/${p.ordinal}`;
}

/** Timeline order: time, then dataset id. */
function byTimeline(a: { id: number; time: number }, b: { id: number; time: number }): number {
  return a.time - b.time || a.id - b.id;
}

