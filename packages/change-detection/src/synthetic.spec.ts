import { describe, expect, it } from 'vitest';
import { EDIVISIVE_DEFAULTS } from './config';
import { detectChanges } from './detect';
import { horreumDefaultConditions } from './models';
import { syntheticScenarios, type Scenario } from './testing/synthetic-series';
import type { Condition } from './types';

const scenarios = new Map(syntheticScenarios().map((s) => [s.name, s]));
const scenario = (name: string): Scenario => scenarios.get(name)!;
const [lastVsMean, floating] = horreumDefaultConditions() as [Condition, Condition];
const eDivisive: Condition = { model: 'eDivisive', config: { ...EDIVISIVE_DEFAULTS } };
const run = (s: Scenario, condition: Condition): number[] => detectChanges({ points: s.points }, [condition]).map((c) => c.index);

/** Found changes match the truth one to one within `margin` points, with no false alarm. */
const expectTruth = (found: number[], truth: number[], margin = 2): void => {
  expect(found).toHaveLength(truth.length);
  found.forEach((f, i) => expect(Math.abs(f - truth[i]!)).toBeLessThanOrEqual(margin));
};

describe('quality on synthetic series with known truth', () => {
  describe('eDivisive (defaults)', () => {
    it.each([
      'step up, clean',
      'step down, clean',
      'noisy step',
      'three steps',
      'regression and recovery',
      'single outlier',
      'outlier as newest point',
      'bimodal noise',
      'constant',
      'gaps, irregular times',
    ])('finds exactly the true changes: %s', (name) => {
      const s = scenario(name);
      expectTruth(run(s, eDivisive), s.changes, 0);
    });

    it('cuts a slow drift of 30 % into steps (a drift is a change of distribution)', () => {
      expect(run(scenario('slow drift'), eDivisive).length).toBeGreaterThanOrEqual(5);
    });

    it('cannot find a change in 8 points: no split of 8 points reaches the significance level', () => {
      expect(run(scenario('short series'), eDivisive)).toEqual([]);
    });
  });

  describe('relativeDifference, Horreum default "last datapoint vs mean" (window 1, 20 %)', () => {
    it.each(['step up, clean', 'step down, clean', 'three steps', 'regression and recovery', 'short series'])('finds %s', (name) => {
      const s = scenario(name);
      expectTruth(run(s, lastVsMean), s.changes);
    });

    it.each(['slow drift', 'bimodal noise', 'constant'])('stays quiet on %s', (name) => {
      expect(run(scenario(name), lastVsMean)).toEqual([]);
    });

    it('misses a 12 % step in 5 % noise', () => {
      expect(run(scenario('noisy step'), lastVsMean)).toEqual([]);
    });

    it('alerts on a single outlier beyond the threshold, at the outlier', () => {
      expect(run(scenario('single outlier'), lastVsMean)).toEqual([50]);
      expect(run(scenario('outlier as newest point'), lastVsMean)).toEqual([99]);
    });
  });

  describe('relativeDifference, Horreum default "floating window" (window 5, 10 %)', () => {
    it.each(['step up, clean', 'noisy step', 'regression and recovery', 'gaps, irregular times'])('finds %s', (name) => {
      const s = scenario(name);
      expectTruth(run(s, floating), s.changes);
    });

    it('alerts repeatedly on bimodal noise: a window of 5 often holds mostly high values', () => {
      expect(run(scenario('bimodal noise'), floating).length).toBeGreaterThan(0);
    });
  });
});
