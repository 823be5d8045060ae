import { describe, expect, it } from 'vitest';
import { splitEvenly } from './processor';

describe('splitEvenly', () => {
  it.each([
    [10, 3, [3, 3, 4]],
    [9, 3, [3, 3, 3]],
    [2, 3, [1, 1]],
    [0, 2, []],
    [7, 1, [7]],
  ])('splits %i items into %i parts of sizes %j, in order', (n, count, sizes) => {
    const items = Array.from({ length: n }, (_, i) => i);
    const parts = splitEvenly(items, count);
    expect(parts.map((p) => p.length)).toEqual(sizes);
    expect(parts.flat()).toEqual(items);
  });
});
