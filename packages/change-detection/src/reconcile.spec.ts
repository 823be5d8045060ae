import { describe, expect, it } from 'vitest';
import { EDIVISIVE_DEFAULTS } from './config';
import { detectChanges } from './detect';
import { reanalyse, reconcileChanges, type ExistingChange } from './reconcile';
import { points, repeat } from './testing/points';
import type { Change, Condition, Datapoint } from './types';

const relative: Condition = { model: 'relativeDifference', config: { window: 1, threshold: 0.2, minPrevious: 5, filter: 'mean' } };
const eDivisive: Condition = { model: 'eDivisive', config: { ...EDIVISIVE_DEFAULTS } };

const change = (pointId: number | string, model: Change['model'] = 'relativeDifference'): Change => ({
  model,
  index: Number(pointId),
  pointId,
  time: 0,
  oldMean: 1,
  newMean: 2,
  relativeDifference: 1,
  description: '',
});

/** Stores what a reconciliation says, as the API would. */
function apply(stored: ExistingChange[], r: ReturnType<typeof reanalyse>): ExistingChange[] {
  return [...stored.filter((c) => !r.obsolete.includes(c)), ...r.added.map((c) => ({ pointId: c.pointId, confirmed: false }))];
}

describe('reconcileChanges', () => {
  const series = { points: points(repeat(1, 30)) };

  it('tells new changes from known ones by point id, whatever the id type', () => {
    const r = reconcileChanges({ series, existing: [{ pointId: '10' }], detected: [change(10), change(20)] });
    expect(r.known.map((c) => c.pointId)).toEqual([10]);
    expect(r.added.map((c) => c.pointId)).toEqual([20]);
  });

  it('reports a change found twice by the same model once', () => {
    const r = reconcileChanges({ series, existing: [], detected: [change(5), change(5), change(5, 'eDivisive')] });
    expect(r.added.map((c) => `${c.model}@${c.pointId}`)).toEqual(['relativeDifference@5', 'eDivisive@5']);
  });

  it.each<[string, ExistingChange, number, boolean]>([
    ['an unconfirmed change in the re-analysed range that is no longer found', { pointId: 20, confirmed: false }, 15, true],
    ['a confirmed change', { pointId: 20, confirmed: true }, 15, false],
    ['a change before the re-analysed range', { pointId: 10, confirmed: false }, 15, false],
    ['a change at a point the series does not have', { pointId: 99, confirmed: false }, 0, false],
  ])('marks obsolete: %s → %s', (_, existing, from, isObsolete) => {
    const r = reconcileChanges({ series, existing: [existing], detected: [], from });
    expect(r.obsolete.length === 1).toBe(isObsolete);
  });
});

describe('reanalyse', () => {
  const values = [...repeat(100, 20), ...repeat(150, 20), ...repeat(100, 20)];

  it('is idempotent: the same data analysed again adds nothing', () => {
    const series = { points: points(values) };
    const first = reanalyse({ series, existing: [], conditions: [relative, eDivisive], from: 0 });
    expect(first.added.length).toBeGreaterThan(0);
    const stored = apply([], first);
    const second = reanalyse({ series, existing: stored, conditions: [relative, eDivisive], from: 0 });
    expect(second.added).toEqual([]);
    expect(second.obsolete).toEqual([]);
  });

  it('does not report old changes again when a point is back-filled before them', () => {
    const all = points(values);
    const backfilled: Datapoint = { id: 'late', time: all[5]!.time + 1, value: 101 };
    const before = { points: all };
    const stored = apply([], reanalyse({ series: before, existing: [], conditions: [relative, eDivisive], from: 0 }));
    const after = { points: [...all.slice(0, 6), backfilled, ...all.slice(6)] };
    const r = reanalyse({ series: after, existing: stored, conditions: [relative, eDivisive], from: 6 });
    expect(r.added).toEqual([]);
    expect(r.known.map((c) => c.pointId).sort()).toEqual(stored.map((c) => c.pointId).sort());
  });

  it('keeps confirmed changes as restart points and recomputes unconfirmed ones', () => {
    const series = { points: points(values) };
    const existing: ExistingChange[] = [
      { pointId: 3, confirmed: true }, // manual: restarts history at 3
      { pointId: 33, confirmed: false }, // no longer found
    ];
    const r = reanalyse({ series, existing, conditions: [relative], from: 0 });
    expect(r.added.map((c) => c.pointId)).toEqual([20, 40]);
    expect(r.obsolete).toEqual([existing[1]]);
  });

  it('analyses point by point to the same changes as in one pass', () => {
    const all = points(values);
    let stored: ExistingChange[] = [];
    for (let i = 0; i < all.length; i++) {
      stored = apply(stored, reanalyse({ series: { points: all.slice(0, i + 1) }, existing: stored, conditions: [relative], from: i }));
    }
    const oneWalk = detectChanges({ points: all }, [relative]).map((c) => c.pointId);
    expect(stored.map((c) => c.pointId)).toEqual(oneWalk);
  });
});
