import type { PointId } from './types';

/** A datapoint with its position in the series. */
export interface IndexedPoint {
  index: number;
  id: PointId;
  time: number;
  value: number;
}

/** JSON form of a {@link Segment}, for callers that keep it between calls. */
export interface SegmentState {
  /** How many of the newest points are kept (the largest relativeDifference window, at least 1). */
  capacity: number;
  /** Points in the segment since the last change (outliers excluded), the change point included. */
  count: number;
  /** Sums are of (value − shift): the first value of the segment, which keeps them small. */
  shift: number;
  sum: number;
  sumOfSquares: number;
  /** The newest min(count, capacity) points, oldest first. */
  recent: IndexedPoint[];
}

/**
 * The points since the last change, summarised for the continuous models: count, running sums and the
 * newest `capacity` points. Adding a point and restarting at a recent change cost O(capacity), whatever
 * the length of the history.
 */
export class Segment {
  private state: SegmentState;

  constructor(capacity: number, state?: SegmentState) {
    this.state = state
      ? { ...state, recent: [...state.recent] }
      : { capacity: Math.max(1, capacity), count: 0, shift: 0, sum: 0, sumOfSquares: 0, recent: [] };
  }

  get count(): number {
    return this.state.count;
  }

  get capacity(): number {
    return this.state.capacity;
  }

  /** The newest point, if any. */
  get newest(): IndexedPoint | undefined {
    return this.state.recent[this.state.recent.length - 1];
  }

  /** Index of the oldest point of the segment (its change point), when it is still known. */
  get startIndex(): number | undefined {
    const { recent, count } = this.state;
    return count === recent.length ? recent[0]?.index : undefined;
  }

  toJSON(): SegmentState {
    return { ...this.state, recent: [...this.state.recent] };
  }

  /** Empties the segment: the next point starts a new history. */
  reset(): void {
    this.state = { capacity: this.state.capacity, count: 0, shift: 0, sum: 0, sumOfSquares: 0, recent: [] };
  }

  push(point: IndexedPoint): void {
    this.addToSums(point.value);
    const { recent, capacity } = this.state;
    recent.push(point);
    if (recent.length > capacity) {
      recent.shift();
    }
  }

  /**
   * Counts a value that will not be among the newest `capacity` points (building a segment from a
   * long history): it enters the sums only.
   */
  addToSums(value: number): void {
    const s = this.state;
    if (s.count === 0) {
      s.shift = value;
    }
    const d = value - s.shift;
    s.count++;
    s.sum += d;
    s.sumOfSquares += d * d;
  }

  /** The newest `k` points, newest first (k ≤ capacity). */
  newestFirst(k: number): IndexedPoint[] {
    const { recent } = this.state;
    const out: IndexedPoint[] = [];
    for (let i = recent.length - 1; i >= 0 && out.length < k; i--) {
      out.push(recent[i]!);
    }
    return out;
  }

  /**
   * Mean and sample standard deviation of the segment without its newest `skip` points (Horreum's
   * "previous" datapoints); NaN when nothing is left.
   */
  statsExcludingNewest(skip: number): { count: number; mean: number; stddev: number } {
    const s = this.state;
    let sum = s.sum;
    let squares = s.sumOfSquares;
    for (const p of this.newestFirst(skip)) {
      const d = p.value - s.shift;
      sum -= d;
      squares -= d * d;
    }
    const count = s.count - skip;
    if (count <= 0) {
      return { count: 0, mean: NaN, stddev: NaN };
    }
    const centeredMean = sum / count;
    const variance = count > 1 ? Math.max(0, (squares - count * centeredMean * centeredMean) / (count - 1)) : 0;
    return { count, mean: s.shift + centeredMean, stddev: Math.sqrt(variance) };
  }

  /**
   * Restarts the history at the recent point `index` (a change was just found there): the segment keeps
   * only the points from `index` on. The point must be among the newest `capacity` points.
   */
  restartAt(index: number): void {
    const kept = this.state.recent.filter((p) => p.index >= index);
    if (kept.length === 0 || kept[0]!.index !== index) {
      throw new RangeError(`point #${index} is not among the newest ${this.state.capacity} points of the segment`);
    }
    this.reset();
    kept.forEach((p) => this.push(p));
  }
}
