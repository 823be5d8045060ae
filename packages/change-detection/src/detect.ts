import { assertValidCondition } from './config';
import { findEDivisiveChangePoints } from './e-divisive';
import { checkFixedThreshold } from './fixed-threshold';
import { formatNumber, formatPercent, formatTime, relativeDifferenceOf } from './format';
import { checkRelativeDifference } from './relative-difference';
import { Segment, type IndexedPoint, type SegmentState } from './segment';
import type { Change, Condition, Datapoint, EDivisiveConfig, PointId, Series } from './types';

/** JSON state of a {@link SeriesDetector}: what the next point needs, O(largest window) in size. */
export interface DetectorState {
  version: 1;
  /** Index the next pushed point gets in the series. */
  nextIndex: number;
  segment: SegmentState;
}

/** Per-point options of {@link SeriesDetector.push}. */
export interface PushOptions {
  /** The point is flagged as an outlier: it gets an index but no model sees it. */
  isOutlier?: boolean;
  /** A change is known to start at this point (manual change): the history restarts with it. */
  isKnownChange?: boolean;
}

type ContinuousCondition = Exclude<Condition, { model: 'eDivisive' }>;

const key = (id: PointId): string => String(id);

/** A point can be analysed when it is not flagged and its value is a finite number. */
const isUsable = (p: Datapoint, outliers: ReadonlySet<string>): boolean =>
  Number.isFinite(p.value) && (outliers.size === 0 || !outliers.has(key(p.id)));

/**
 * Incremental detection for one series with the continuous models (relativeDifference and
 * fixedThreshold), as Horreum runs them on every new datapoint: the history is the segment since the
 * last change, and each change found restarts it. {@link push} costs O(window) however long the series
 * is; {@link toState} / {@link SeriesDetector.restore} keep the detector between calls as JSON.
 *
 * eDivisive is a bulk model (it re-analyses the whole segment): use {@link detectChanges} for it.
 *
 * @example
 * const detector = SeriesDetector.create(conditions, { points: history, changes: knownChangeIds });
 * const changes = detector.push({ id: 42, time: Date.parse('2025-01-02'), value: 118.5 });
 */
export class SeriesDetector {
  private readonly conditions: readonly ContinuousCondition[];
  private readonly segment: Segment;
  private nextIndex: number;

  private constructor(conditions: readonly Condition[], segment: Segment, nextIndex: number) {
    conditions.forEach(assertValidCondition);
    this.conditions = conditions.filter((c): c is ContinuousCondition => c.model !== 'eDivisive');
    if (segment.capacity < windowCapacity(conditions)) {
      throw new RangeError(`the saved state keeps ${segment.capacity} points; the conditions need ${windowCapacity(conditions)}`);
    }
    this.segment = segment;
    this.nextIndex = nextIndex;
  }

  /**
   * A detector positioned after `history` (all of it is treated as analysed; no change is reported for
   * it). One pass over the points since the last known change.
   */
  static create(conditions: readonly Condition[], history: Series = { points: [] }): SeriesDetector {
    const detector = new SeriesDetector(conditions, new Segment(windowCapacity(conditions)), 0);
    const { points } = history;
    const start = lastKnownChangeIndex(history, points.length - 1);
    const outliers = new Set((history.outliers ?? []).map(key));
    // Only the newest `capacity` usable points are kept; older ones enter the sums only.
    let keepFrom = points.length;
    for (let kept = 0; keepFrom > start && kept < detector.segment.capacity; ) {
      keepFrom--;
      if (isUsable(points[keepFrom]!, outliers)) {
        kept++;
      }
    }
    for (let i = start; i < points.length; i++) {
      const p = points[i]!;
      if (!isUsable(p, outliers)) {
        continue;
      }
      if (i < keepFrom) {
        detector.segment.addToSums(p.value);
      } else {
        detector.segment.push({ index: i, id: p.id, time: p.time, value: p.value });
      }
    }
    detector.nextIndex = points.length;
    return detector;
  }

  static restore(state: DetectorState, conditions: readonly Condition[]): SeriesDetector {
    if (state.version !== 1) {
      throw new TypeError(`unsupported detector state version ${String(state.version)}`);
    }
    return new SeriesDetector(conditions, new Segment(state.segment.capacity, state.segment), state.nextIndex);
  }

  toState(): DetectorState {
    return { version: 1, nextIndex: this.nextIndex, segment: this.segment.toJSON() };
  }

  /** Index of the first point of the current segment (the last change), when known. */
  get segmentStart(): number | undefined {
    return this.segment.startIndex;
  }

  /** Adds the next point of the series and returns the changes the continuous conditions find. */
  push(point: Datapoint, options: PushOptions = {}): Change[] {
    const index = this.nextIndex++;
    if (options.isKnownChange) {
      this.segment.reset();
    }
    if (options.isOutlier || !Number.isFinite(point.value)) {
      return [];
    }
    this.segment.push({ index, id: point.id, time: point.time, value: point.value });
    const changes: Change[] = [];
    for (const condition of this.conditions) {
      const change =
        condition.model === 'relativeDifference'
          ? checkRelativeDifference(this.segment, condition.config)
          : checkFixedThreshold(this.segment, condition.config);
      if (change) {
        changes.push(change);
      }
    }
    if (changes.length > 0) {
      // Any change restarts the history (Horreum: the newest change, confirmed or not, bounds the window).
      this.segment.restartAt(Math.max(...changes.map((c) => c.index)));
    }
    return changes;
  }
}

/** Options of {@link detectChanges}. */
export interface DetectOptions {
  /**
   * Index of the first point to analyse (the oldest new or back-filled point); points before it are
   * history. Default 0: the whole series.
   */
  from?: number;
}

/**
 * Horreum's detection loop (§3.2) over `series`: walks the points from `options.from` one at a time,
 * each time running the continuous conditions on the segment since the last change (a known change,
 * or one found during the walk), then runs eDivisive once on the final segment since the last change.
 * Points before `from` are only history. Changes are returned by index, then in condition order.
 *
 * Cost: one pass over the points from the last known change before `from` (pass only those to keep it
 * small), O(window) per analysed point for the continuous models, and e-divisive on the final segment.
 *
 * @example detectChanges({ points, changes: [17] }, [{ model: 'relativeDifference', config }], { from: points.length - 1 })
 */
export function detectChanges(series: Series, conditions: readonly Condition[], options: DetectOptions = {}): Change[] {
  const { points } = series;
  const from = Math.max(0, options.from ?? 0);
  const known = new Set((series.changes ?? []).map(key));
  const outliers = new Set((series.outliers ?? []).map(key));
  const detector = SeriesDetector.create(conditions, {
    points: points.slice(0, Math.min(from, points.length)),
    changes: series.changes,
    outliers: series.outliers,
  });
  const changes: Change[] = [];
  let segmentStart = lastKnownChangeIndex(series, from - 1);
  for (let i = from; i < points.length; i++) {
    const p = points[i]!;
    const isKnownChange = known.has(key(p.id));
    if (isKnownChange) {
      segmentStart = i;
    }
    const found = detector.push(p, { isOutlier: outliers.has(key(p.id)), isKnownChange });
    if (found.length > 0) {
      segmentStart = Math.max(...found.map((c) => c.index));
      changes.push(...found);
    }
  }
  for (const condition of from < points.length ? conditions : []) {
    if (condition.model === 'eDivisive') {
      changes.push(...detectEDivisive(series, { start: segmentStart, config: condition.config }));
    }
  }
  return changes.sort((a, b) => a.index - b.index);
}

/**
 * eDivisive on the points of `series` from index `start` (the segment since the last change; outliers
 * and non-finite values skipped), as Changes of the series.
 *
 * @example detectEDivisive({ points }, { start: 0, config: EDIVISIVE_DEFAULTS })
 */
export function detectEDivisive(series: Series, options: { start: number; config: EDivisiveConfig }): Change[] {
  const outliers = new Set((series.outliers ?? []).map(key));
  const used: IndexedPoint[] = [];
  for (let i = Math.max(0, options.start); i < series.points.length; i++) {
    const p = series.points[i]!;
    if (isUsable(p, outliers)) {
      used.push({ index: i, id: p.id, time: p.time, value: p.value });
    }
  }
  const values = used.map((p) => p.value);
  return findEDivisiveChangePoints(values, options.config).map((cp) => {
    const dp = used[cp.index]!;
    const relative = relativeDifferenceOf(cp.newMean, cp.oldMean);
    return {
      model: 'eDivisive',
      index: dp.index,
      pointId: dp.id,
      time: dp.time,
      oldMean: cp.oldMean,
      newMean: cp.newMean,
      relativeDifference: relative,
      pValue: cp.pValue,
      description:
        `eDivisive change ${relative === null ? 'n/a' : formatPercent(relative)} at datapoint ${dp.id} (${formatTime(dp.time)}): ` +
        `mean ${formatNumber(cp.oldMean)} → ${formatNumber(cp.newMean)} ` +
        `(${cp.index - cp.contextStart} points before, ${cp.contextEnd - cp.index} after), ` +
        `p-value ${formatNumber(cp.pValue)} over ${cp.permutations} permutations`,
    } satisfies Change;
  });
}

/** The largest relativeDifference window of the conditions (at least 1): how many points a segment keeps. */
function windowCapacity(conditions: readonly Condition[]): number {
  let capacity = 1;
  for (const c of conditions) {
    if (c.model === 'relativeDifference') {
      capacity = Math.max(capacity, Math.floor(c.config.window));
    }
  }
  return capacity;
}

/** Index of the newest known change at or before `upTo`, or 0. */
function lastKnownChangeIndex(series: Series, upTo: number): number {
  if (!series.changes || series.changes.length === 0) {
    return 0;
  }
  const known = new Set(series.changes.map(key));
  for (let i = Math.min(upTo, series.points.length - 1); i > 0; i--) {
    if (known.has(key(series.points[i]!.id))) {
      return i;
    }
  }
  return 0;
}
