import { describe, expect, it } from 'vitest';
import { reduceSeries } from './lttb';

const series = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => ({ time: i * 1000, value: f(i) }));

describe('reduceSeries (largest-triangle-three-buckets)', () => {
  it('returns every point when the series is short enough', () => {
    expect(reduceSeries(series(5, (i) => i), 10)).toEqual([0, 1, 2, 3, 4]);
  });

  it('reduces a long series to about the threshold, keeping the first and the last point', () => {
    const indexes = reduceSeries(series(10_000, (i) => Math.sin(i / 50)), 500);
    expect(indexes.length).toBeGreaterThanOrEqual(498);
    expect(indexes.length).toBeLessThanOrEqual(500);
    expect(indexes[0]).toBe(0);
    expect(indexes[indexes.length - 1]).toBe(9_999);
    expect([...indexes].sort((a, b) => a - b)).toEqual(indexes);
  });

  it('keeps a spike that averaging would flatten', () => {
    const indexes = reduceSeries(series(1_000, (i) => (i === 537 ? 100 : 1)), 50);
    expect(indexes).toContain(537);
  });

  it('never drops a point where a change starts', () => {
    const keep = new Set([3, 4_321, 7_777]);
    const indexes = reduceSeries(series(10_000, () => 1), 100, keep);
    for (const i of keep) expect(indexes).toContain(i);
  });
});
