import { describe, expect, it } from 'vitest';
import { EDIVISIVE_DEFAULTS } from './config';
import { SeriesDetector, detectChanges, type DetectorState } from './detect';
import { gaussian } from './testing/synthetic-series';
import { points, repeat } from './testing/points';
import type { Change, Condition, Datapoint } from './types';

const relative: Condition = { model: 'relativeDifference', config: { window: 1, threshold: 0.2, minPrevious: 5, filter: 'mean' } };
const floating: Condition = { model: 'relativeDifference', config: { window: 5, threshold: 0.1, minPrevious: 5, filter: 'mean' } };
const band: Condition = {
  model: 'fixedThreshold',
  config: { min: { enabled: true, inclusive: true, value: 50 }, max: { enabled: true, inclusive: true, value: 400 } },
};
const eDivisive: Condition = { model: 'eDivisive', config: { ...EDIVISIVE_DEFAULTS } };

/** Levels changing every 40 points with 3 % noise and the odd spike. */
function noisySteps(seed: number, length: number): Datapoint[] {
  const g = gaussian(seed);
  const levels = [100, 130, 90, 140, 60, 100];
  return points(
    Array.from({ length }, (_, i) => levels[Math.floor(i / 40) % levels.length]! * (1 + 0.03 * g()) * (i % 53 === 52 ? 1.6 : 1)),
  );
}

const indices = (changes: Array<{ index: number }>): number[] => changes.map((c) => c.index);
const byIndexThenModel = (changes: Change[]): Change[] =>
  [...changes].sort((a, b) => a.index - b.index || a.model.localeCompare(b.model));

describe('detectChanges and SeriesDetector', () => {
  it.each([1, 2, 3])('finds the same changes point by point as in one walk (seed %i)', (seed) => {
    const series = noisySteps(seed, 400);
    const conditions = [relative, floating, band];
    const detector = SeriesDetector.create(conditions);
    const incremental = series.flatMap((p) => detector.push(p));
    // detectChanges orders by index; push reports per step (a window can attribute to an older point).
    expect(byIndexThenModel(incremental)).toEqual(byIndexThenModel(detectChanges({ points: series }, conditions)));
    expect(incremental.length).toBeGreaterThan(5);
  });

  it('continues identically from a state saved as JSON', () => {
    const series = noisySteps(4, 300);
    const conditions = [relative, floating];
    const straight = SeriesDetector.create(conditions);
    const all = series.flatMap((p) => straight.push(p));
    let detector = SeriesDetector.create(conditions);
    const resumed = series.flatMap((p) => {
      const found = detector.push(p);
      const state = JSON.parse(JSON.stringify(detector.toState())) as DetectorState;
      detector = SeriesDetector.restore(state, conditions);
      return found;
    });
    expect(resumed).toEqual(all);
  });

  it('keeps only the newest window of points in its state', () => {
    const detector = SeriesDetector.create([floating], { points: points(repeat(100, 10_000)) });
    const state = detector.toState();
    expect(state.segment.recent).toHaveLength(5);
    expect(state.segment.count).toBe(10_000);
    expect(state.nextIndex).toBe(10_000);
  });

  it('refuses a saved state that keeps fewer points than the conditions need', () => {
    const state = SeriesDetector.create([relative]).toState();
    expect(() => SeriesDetector.restore(state, [floating])).toThrow(/keeps 1 points/);
  });

  it('analyses only the points from `from` on; earlier ones are history', () => {
    const values = [...repeat(100, 6), 200, ...repeat(100, 6), 200];
    const series = { points: points(values) };
    expect(indices(detectChanges(series, [relative]))).toEqual([6, 13]);
    expect(indices(detectChanges(series, [relative], { from: 13 }))).toEqual([13]);
    expect(indices(detectChanges(series, [relative], { from: 7 }))).toEqual([13]);
  });

  it('restarts the history at known changes, as at detected ones', () => {
    const values = [...repeat(100, 10), ...repeat(200, 10)];
    expect(indices(detectChanges({ points: points(values) }, [relative]))).toEqual([10]);
    expect(indices(detectChanges({ points: points(values), changes: [10] }, [relative]))).toEqual([]);
  });

  it('skips points flagged as outliers and points without a finite value', () => {
    const values = [...repeat(100, 10), 300, NaN, ...repeat(100, 5)];
    // Unflagged, the outlier alerts, restarts the history, and the return to 100 alerts again.
    expect(indices(detectChanges({ points: points(values) }, [relative]))).toEqual([10, 16]);
    expect(indices(detectChanges({ points: points(values), outliers: [10] }, [relative]))).toEqual([]);
  });

  it('matches point ids by value, whatever their type', () => {
    const values = [...repeat(100, 10), ...repeat(200, 10)];
    const withStringIds = points(values).map((p) => ({ ...p, id: String(p.id) }));
    expect(indices(detectChanges({ points: withStringIds, changes: [10] }, [relative]))).toEqual([]);
  });

  it('restarts at the newest change when several conditions alert on one point', () => {
    const values = [...repeat(100, 10), ...repeat(500, 10)];
    const changes = detectChanges({ points: points(values) }, [relative, band]);
    expect(changes.filter((c) => c.index === 10).map((c) => c.model)).toEqual(['relativeDifference', 'fixedThreshold']);
    // The restart at 10 leaves relativeDifference nothing more to find; fixedThreshold flags every point above 400.
    expect(changes.filter((c) => c.model === 'relativeDifference')).toHaveLength(1);
    expect(changes.filter((c) => c.model === 'fixedThreshold')).toHaveLength(10);
  });

  it('runs eDivisive once, on the segment since the last change', () => {
    const values = [...repeat(10, 20), ...repeat(30, 20), ...repeat(10, 20)];
    expect(indices(detectChanges({ points: points(values) }, [eDivisive]))).toEqual([20, 40]);
    expect(indices(detectChanges({ points: points(values), changes: [20] }, [eDivisive]))).toEqual([40]);
    expect(indices(detectChanges({ points: points(values), changes: [40] }, [eDivisive]))).toEqual([]);
  });

  it('lets eDivisive find a change before the newest point with hindsight', () => {
    const values = [...repeat(10, 20), ...repeat(30, 6)];
    const changes = detectChanges({ points: points(values) }, [eDivisive], { from: values.length - 1 });
    expect(changes).toMatchObject([{ model: 'eDivisive', index: 20, pointId: 20, oldMean: 10, newMean: 30, relativeDifference: 2 }]);
    expect(changes[0]?.pValue).toBeLessThanOrEqual(EDIVISIVE_DEFAULTS.maxPValue);
    expect(changes[0]?.description).toMatch(/^eDivisive change \+200\.00% at datapoint 20 \(2025-01-21T00:00:00\.000Z\): mean 10 → 30/);
  });

  it('lets eDivisive ignore flagged outliers and map changes back to series indices', () => {
    const values = [...repeat(10, 20), 99, ...repeat(30, 20)];
    expect(indices(detectChanges({ points: points(values), outliers: [20] }, [eDivisive]))).toEqual([21]);
  });

  it('rejects an invalid condition', () => {
    const bad: Condition = { model: 'relativeDifference', config: { window: 0, threshold: 0.1, minPrevious: 5, filter: 'mean' } };
    expect(() => detectChanges({ points: [] }, [bad])).toThrow(/window must be at least 1/);
  });
});
