import { describe, expect, it } from 'vitest';
import { identity, prepareSegment, qHatProfile, scanSplits } from './energy';
import { mulberry32, shuffle } from './random';
import fixture from './testing/fixtures/mongodb-perf-1635.json';

/** Direct O(L²) q̂ from the definition, to check the O(L log L) scan. */
function bruteQHat(values: number[], m: number): number {
  const x = values.slice(0, m);
  const y = values.slice(m);
  const n = y.length;
  if (m === 0 || n === 0) {
    return 0;
  }
  let cross = 0;
  for (const a of x) for (const b of y) cross += Math.abs(a - b);
  let wx = 0;
  for (let i = 0; i < m; i++) for (let k = i + 1; k < m; k++) wx += Math.abs(x[i]! - x[k]!);
  let wy = 0;
  for (let i = 0; i < n; i++) for (let k = i + 1; k < n; k++) wy += Math.abs(y[i]! - y[k]!);
  const e = (2 * cross) / (m * n) - (m > 1 ? wx / ((m * (m - 1)) / 2) : 0) - (n > 1 ? wy / ((n * (n - 1)) / 2) : 0);
  return ((m * n) / (m + n)) * e;
}

const randomValues = (seed: number, length: number): number[] => {
  const r = mulberry32(seed);
  return Array.from({ length }, () => Math.round(r() * 1000) / 10);
};

describe('e-divisive q̂', () => {
  it('matches the q̂ that MongoDB signal-processing-algorithms expects for a real 173-point series', () => {
    const profile = qHatProfile(fixture.values);
    fixture.qhat.forEach((expected, m) => {
      // Relative 1e-9: the upstream values were summed in another order.
      expect(Math.abs(profile[m]! - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
    });
  });

  it.each([
    [1, 2],
    [2, 7],
    [3, 40],
    [4, 41],
  ])('equals the definition on random data with ties (seed %i, %i points)', (seed, length) => {
    const values = randomValues(seed, length).map((v) => Math.round(v / 10));
    const profile = qHatProfile(values);
    for (let m = 0; m <= length; m++) {
      expect(profile[m]).toBeCloseTo(bruteQHat(values, m), 8);
    }
  });

  it('scores a permutation of the points as if the permuted series had been prepared', () => {
    const values = randomValues(9, 30);
    const order = identity(values.length);
    shuffle(order, mulberry32(5));
    const permuted = Array.from(order, (i) => values[i]!);
    const viaOrder = scanSplits(prepareSegment(values), order, { minSize: 3 });
    const direct = scanSplits(prepareSegment(permuted), identity(values.length), { minSize: 3 });
    expect(viaOrder.index).toBe(direct.index);
    expect(viaOrder.q).toBeCloseTo(direct.q, 9);
  });

  it('keeps at least minSize points on each side of the best split', () => {
    const values = [500, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    expect(scanSplits(prepareSegment(values), identity(values.length), { minSize: 1 }).index).toBe(1);
    expect(scanSplits(prepareSegment(values), identity(values.length), { minSize: 3 }).index).toBeGreaterThanOrEqual(3);
    expect(scanSplits(prepareSegment([1, 2, 3]), identity(3), { minSize: 2 }).index).toBe(-1);
  });

  it('is 0 everywhere on a constant series', () => {
    expect([...qHatProfile([7, 7, 7, 7, 7])]).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
