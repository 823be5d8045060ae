import { describe, expect, it } from 'vitest';
import { detectChanges } from './detect';
import { checkFixedThreshold } from './fixed-threshold';
import { Segment } from './segment';
import { points } from './testing/points';
import type { Bound, FixedThresholdConfig } from './types';

const off: Bound = { enabled: false, inclusive: true, value: 0 };
const bound = (value: number, inclusive = true): Bound => ({ enabled: true, inclusive, value });

function check(values: number[], config: FixedThresholdConfig): string | undefined {
  const segment = new Segment(1);
  points(values).forEach((p, index) => segment.push({ ...p, index }));
  return checkFixedThreshold(segment, config)?.description;
}

describe('fixedThreshold (Horreum semantics)', () => {
  it.each<[string, number, FixedThresholdConfig, string | undefined]>([
    ['inclusive minimum accepts the bound', 10, { min: bound(10), max: off }, undefined],
    ['below an inclusive minimum', 9.5, { min: bound(10), max: off }, '9.500000 is below lower bound 10.000000 (inclusive)'],
    ['exclusive minimum rejects the bound', 10, { min: bound(10, false), max: off }, '10.000000 is below lower bound 10.000000 (exclusive)'],
    ['inclusive maximum accepts the bound', 20, { min: off, max: bound(20) }, undefined],
    ['above an inclusive maximum', 20.5, { min: off, max: bound(20) }, '20.500000 is above upper bound 20.000000 (inclusive)'],
    ['exclusive maximum rejects the bound', 20, { min: off, max: bound(20, false) }, '20.000000 is above upper bound 20.000000 (exclusive)'],
    ['disabled bounds never alert', -1e9, { min: off, max: off }, undefined],
    ['the minimum is checked first, then nothing else', 7, { min: bound(10), max: bound(5) }, '7.000000 is below lower bound 10.000000 (inclusive)'],
  ])('%s', (_, value, config, expected) => {
    expect(check([15, value], config)).toBe(expected);
  });

  it('tests only the newest point, so every new point out of bounds is a change', () => {
    const config: FixedThresholdConfig = { min: off, max: bound(20) };
    const changes = detectChanges({ points: points([15, 25, 26, 18, 30]) }, [{ model: 'fixedThreshold', config }]);
    expect(changes.map((c) => c.index)).toEqual([1, 2, 4]);
  });

  it('reports the mean of the segment before the point as old mean', () => {
    const config: FixedThresholdConfig = { min: off, max: bound(20) };
    const [change] = detectChanges({ points: points([10, 14, 30]) }, [{ model: 'fixedThreshold', config }]);
    expect(change).toMatchObject({ index: 2, oldMean: 12, newMean: 30, relativeDifference: 1.5 });
  });

  it('has no old mean for the first point of a segment', () => {
    const config: FixedThresholdConfig = { min: off, max: bound(20) };
    const [change] = detectChanges({ points: points([30]) }, [{ model: 'fixedThreshold', config }]);
    expect(change).toMatchObject({ oldMean: null, relativeDifference: null });
  });
});
