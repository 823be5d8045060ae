import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatEpoch, formatJsonValue } from './format';

describe('formatEpoch', () => {
  it.each<[number | null | undefined, string]>([
    [1700000000000, '2023-11-14 22:13:20 UTC'],
    [0, '1970-01-01 00:00:00 UTC'],
    [null, ''],
    [undefined, ''],
    [Number.NaN, ''],
  ])('%s → %j', (ms, expected) => {
    expect(formatEpoch(ms)).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each([
    [450, '450 ms'],
    [1000, '1 s'],
    [60_000, '1 min'],
    [3_723_000, '1 h 2 min 3 s'],
    [7_200_000, '2 h'],
    [-1, ''],
  ])('%d ms → %j', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe('formatBytes', () => {
  it.each([
    [512, '512 B'],
    [1536, '1.5 KiB'],
    [200 * 1024, '200 KiB'],
    [5 * 1024 * 1024, '5 MiB'],
  ])('%d → %j', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });
});

describe('formatJsonValue', () => {
  it.each<[unknown, string]>([
    ['x86_64', 'x86_64'],
    [1530.25, '1530.25'],
    [false, 'false'],
    [null, ''],
    [undefined, ''],
    [{ a: 1 }, '{"a":1}'],
    [[1, 2], '[1,2]'],
  ])('%j → %j', (value, expected) => {
    expect(formatJsonValue(value)).toBe(expected);
  });
});
