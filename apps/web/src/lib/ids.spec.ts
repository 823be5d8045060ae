import { describe, expect, it } from 'vitest';
import { parseId } from './ids';

describe('parseId', () => {
  it.each<[string | undefined, number | undefined]>([
    ['42', 42],
    ['1', 1],
    ['2147483647', 2147483647],
    ['2147483648', undefined],
    ['0', undefined],
    ['-3', undefined],
    ['4e2', undefined],
    ['12a', undefined],
    [' 12', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (segment, expected) => {
    expect(parseId(segment)).toBe(expected);
  });
});
