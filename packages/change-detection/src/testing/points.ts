import type { Datapoint } from '../types';

const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2025, 0, 1);

/** Daily datapoints with ids 0..n−1, for tests. */
export function points(values: readonly number[]): Datapoint[] {
  return values.map((value, i) => ({ id: i, time: START_MS + i * DAY_MS, value }));
}

/** `count` copies of `value`. */
export function repeat(value: number, count: number): number[] {
  return Array.from({ length: count }, () => value);
}
