import { describe, expect, it } from 'vitest';
import { detectChanges } from './detect';
import { checkRelativeDifference } from './relative-difference';
import { Segment } from './segment';
import { points, repeat } from './testing/points';
import type { RelativeDifferenceConfig } from './types';

const config = (c: Partial<RelativeDifferenceConfig> = {}): RelativeDifferenceConfig => ({
  window: 1,
  threshold: 0.2,
  minPrevious: 5,
  filter: 'mean',
  ...c,
});

const walk = (values: number[], c: Partial<RelativeDifferenceConfig> = {}): number[] =>
  detectChanges({ points: points(values) }, [{ model: 'relativeDifference', config: config(c) }]).map((ch) => ch.index);

describe('relativeDifference (Horreum semantics)', () => {
  it.each<[string, number[], Partial<RelativeDifferenceConfig>, number[]]>([
    ['needs minPrevious + window points: 5 before the newest', [...repeat(100, 5), 200], {}, [5]],
    ['no analysis with too few previous points', [...repeat(100, 4), 200], {}, []],
    ['raises minPrevious to the window', [100, 100, 100, 130, 130, 130], { window: 3, minPrevious: 1 }, [3]],
    ['needs the relative difference to exceed the threshold strictly', [...repeat(100, 5), 120], {}, []],
    ['alerts just above the threshold', [...repeat(100, 5), 120.01], {}, [5]],
    ['alerts on drops as on rises', [...repeat(100, 5), 79.9], {}, [5]],
    ['attributes a drop to the oldest window point below the previous mean', [...repeat(100, 6), 70, 70], { window: 3, threshold: 0.1 }, [6]],
    ['filter max: a rise in any window point', [...repeat(100, 5), 110, 150, 150], { window: 3, filter: 'max' }, [5]],
    ['filter min: only when every window point rose', [...repeat(100, 5), 110, 150, 150], { window: 3, filter: 'min' }, []],
    ['previous mean 0 and a non-zero value: infinite ratio, a change', [...repeat(0, 5), 5], {}, [5]],
    ['previous mean 0 and value 0: NaN ratio, no change', repeat(0, 8), {}, []],
    ['restarts the history at each change', [...repeat(100, 5), ...repeat(200, 8)], {}, [5]],
    ['a single outlier above the threshold alerts once (window 1)', [...repeat(100, 10), 160, ...repeat(100, 10)], {}, [10]],
    ['a single outlier diluted by a window of 5 does not alert', [...repeat(100, 10), 140, ...repeat(100, 10)], { window: 5, threshold: 0.1 }, []],
  ])('%s', (_, values, c, expected) => {
    expect(walk(values, c)).toEqual(expected);
  });

  it('treats a negative threshold as 0', () => {
    const segment = new Segment(1);
    points([...repeat(100, 5), 100.001]).forEach((p, index) => segment.push({ ...p, index }));
    expect(checkRelativeDifference(segment, config({ threshold: -1 }))?.index).toBe(5);
  });

  it('attributes the change to the newest point when no window point lies on the changed side', () => {
    // prevMean −10, newest −20: ratio 2 (> 1) but no point lies above −10.
    expect(walk([...repeat(-10, 5), -20])).toEqual([5]);
  });

  it('describes the change as Horreum does, with ids and times of the window', () => {
    const [change] = detectChanges({ points: points([...repeat(100, 5), 150]) }, [{ model: 'relativeDifference', config: config() }]);
    expect(change).toMatchObject({ model: 'relativeDifference', index: 5, pointId: 5, oldMean: 100, newMean: 150, relativeDifference: 0.5 });
    expect(change?.description).toBe(
      'Datapoints 5 (2025-01-06T00:00:00.000Z) - 5 (2025-01-06T00:00:00.000Z): mean 150.000000, previous mean 100.000000 (stddev 0.000000), relative change 50.00%',
    );
  });

  it('reports the sample standard deviation of the previous points', () => {
    const [change] = detectChanges({ points: points([90, 110, 90, 110, 100, 200]) }, [{ model: 'relativeDifference', config: config() }]);
    expect(change?.description).toContain('previous mean 100.000000 (stddev 10.000000)');
  });

  it('gives a null relative difference for an infinite ratio', () => {
    const [change] = detectChanges({ points: points([...repeat(0, 5), 5]) }, [{ model: 'relativeDifference', config: config() }]);
    expect(change?.relativeDifference).toBeNull();
    expect(change?.description).toContain('relative change Infinity%');
  });

  it('finds no change on a slow monotone drift below the threshold', () => {
    const values = Array.from({ length: 300 }, (_, i) => 100 + i * 0.05);
    expect(walk(values)).toEqual([]);
  });
});
