import { describe, expect, it } from 'vitest';
import { EDIVISIVE_DEFAULTS } from './config';
import { detectChanges } from './detect';
import { findEDivisiveChangePoints } from './e-divisive';
import { gaussian } from './testing/synthetic-series';
import { points, repeat } from './testing/points';
import type { EDivisiveConfig } from './types';

const config = (c: Partial<EDivisiveConfig> = {}): EDivisiveConfig => ({ ...EDIVISIVE_DEFAULTS, ...c });
const find = (values: number[], c: Partial<EDivisiveConfig> = {}): number[] =>
  findEDivisiveChangePoints(values, config(c)).map((cp) => cp.index);

const noisy = (seed: number, levels: Array<[number, number]>, noise = 0.01): number[] => {
  const g = gaussian(seed);
  return levels.flatMap(([length, level]) => Array.from({ length }, () => level * (1 + noise * g())));
};

describe('e-divisive', () => {
  // Series and expected change points of the upstream tests: Apache Otava tests/analysis_test.py and
  // tests/series_test.py; MongoDB signal-processing-algorithms tests/test_detection.py (Apache-2.0).
  it.each<[string, number[], number[]]>([
    ['otava single', [1.02, 0.95, 0.99, 1, 1.12, 1, 1.01, 0.98, 1.01, 0.96, 0.5, 0.51, 0.48, 0.48, 0.55, 0.5, 0.49, 0.51, 0.5, 0.49], [10]],
    ['otava series 1', [1.02, 0.95, 0.99, 1, 1.12, 0.9, 0.5, 0.51, 0.48, 0.48, 0.55], [6]],
    ['otava series 2', [2.02, 2.03, 2.01, 2.04, 1.82, 1.85, 1.79, 1.81, 1.8, 1.76, 1.78], [4]],
    ['mongodb simple regression', [...repeat(50, 15), ...repeat(100, 15)], [15]],
    ['mongodb finds ahead', [...repeat(50, 14), 74, ...repeat(100, 15)], [15]],
    ['mongodb finds behind', [...repeat(50, 14), 76, ...repeat(100, 15)], [14]],
    ['mongodb regression with an outlier', [50, 50, 100, ...repeat(50, 12), ...repeat(100, 15)], [15]],
    ['mongodb two regressions', [50, 50, 100, ...repeat(50, 12), ...repeat(100, 15), ...repeat(150, 15)], [15, 30]],
    ['mongodb regression and recovery', [50, 50, 100, ...repeat(50, 12), ...repeat(100, 15), 50, 50, 100, ...repeat(50, 12)], [15, 30]],
    ['mongodb no regressions', repeat(50, 30), []],
    [
      'mongodb random-ish',
      [
        41, 18, 23, 3, 32, 11, 40, 13, 29, 48, 47, 35, 18, 21, 6, 2, 23, 3, 4, 7, 120, 103, 102, 81, 71, 62, 115, 61, 108, 63, 70, 98, 65, 96,
        64, 74, 70, 113, 90, 114, 208, 196, 153, 150, 225, 179, 206, 165, 177, 151, 218, 217, 244, 245, 229, 195, 225, 229, 176, 250,
      ],
      [20, 40],
    ],
  ])('%s', (_, values, expected) => {
    expect(find(values)).toEqual(expected);
  });

  it('gives the same result for the same data', () => {
    const values = noisy(3, [[70, 100], [70, 104], [70, 99]], 0.02);
    expect(findEDivisiveChangePoints(values, config())).toEqual(findEDivisiveChangePoints([...values], config()));
  });

  it.each(Array.from({ length: 12 }, (_, k) => k + 1))('does not alert on a single outlier (seed %i)', (seed) => {
    const values = noisy(seed, [[120, 100]]);
    const at = 10 + ((seed * 37) % 110);
    values[at] = seed % 2 === 0 ? 160 : 40;
    expect(find(values)).toEqual([]);
  });

  it.each([1, 2, 3, 4, 5, 6])('does not alert online while a single outlier arrives and the series goes on (seed %i)', (seed) => {
    const values = noisy(100 + seed, [[60, 100]]);
    values.push(seed % 2 === 0 ? 150 : 50, ...noisy(200 + seed, [[6, 100]]));
    const series = points(values);
    for (let i = 60; i < series.length; i++) {
      const found = detectChanges({ points: series.slice(0, i + 1) }, [{ model: 'eDivisive', config: config() }], { from: i });
      expect(found).toEqual([]);
    }
  });

  it('does not alert on a single outlier as the newest point', () => {
    const values = noisy(4, [[60, 100]]);
    values.push(300);
    expect(find(values)).toEqual([]);
  });

  it.each([
    ['constant', repeat(7, 200)],
    ['too short for two segments', [1, 2, 3, 100, 101]],
    ['bimodal noise without a change', noisy(5, [[150, 1]]).map((v, i) => v * ((i * 7919) % 3 === 0 ? 1.25 : 1))],
  ])('finds nothing on a %s series', (_, values) => {
    expect(find(values)).toEqual([]);
  });

  it('reports significant change points at least minSegmentSize apart, in order', () => {
    const values = noisy(6, [[40, 100], [40, 120], [40, 90], [40, 130], [40, 100]], 0.03);
    const cps = findEDivisiveChangePoints(values, config());
    expect(cps.map((c) => c.index)).toEqual([40, 80, 120, 160]);
    for (const cp of cps) {
      expect(cp.pValue).toBeLessThanOrEqual(EDIVISIVE_DEFAULTS.maxPValue);
      expect(cp.oldMean).toBeLessThan(cp.newMean * 2);
    }
  });

  it('finds a change in a long segment through its windows', () => {
    const values = noisy(7, [[400, 100], [100, 105]], 0.01);
    expect(find(values)).toEqual([400]);
  });

  it('drops changes smaller than minMagnitude', () => {
    const values = noisy(8, [[50, 100], [50, 102]], 0.001);
    expect(find(values)).toEqual([50]);
    expect(find(values, { minMagnitude: 0.05 })).toEqual([]);
  });

  it('needs enough points after a change: minSegmentSize', () => {
    const values = [...noisy(9, [[40, 100]]), 150, 150];
    expect(find(values, { minSegmentSize: 3 })).toEqual([]);
    expect(find([...values, 150], { minSegmentSize: 3 })).toEqual([40]);
  });
});
