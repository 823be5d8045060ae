import { describe, expect, it } from 'vitest';
import { formatStaleness, parseStaleness, toStalenessInput, type StalenessInput } from './staleness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('formatStaleness', () => {
  it.each<[number, string]>([
    [6 * HOUR, '6 h'],
    [2 * DAY, '2 days'],
    [DAY, '1 day'],
    [7 * DAY, '1 week'],
    [14 * DAY, '2 weeks'],
    [36 * HOUR, '36 h'],
    [90 * MINUTE, '90 min'],
    [90_000, '1.5 min'],
    [30_000, '30 s'],
    [1500, '1500 ms'],
    [0, ''],
    [-5, ''],
    [Number.NaN, ''],
  ])('%d ms reads %s', (ms, expected) => {
    expect(formatStaleness(ms)).toBe(expected);
  });
});

describe('toStalenessInput', () => {
  it.each<[number, StalenessInput]>([
    [6 * HOUR, { amount: '6', unit: 'hours' }],
    [2 * DAY, { amount: '2', unit: 'days' }],
    [21 * DAY, { amount: '3', unit: 'weeks' }],
    [45 * MINUTE, { amount: '45', unit: 'minutes' }],
    [90_000, { amount: '1.5', unit: 'minutes' }],
    [0, { amount: '', unit: 'minutes' }],
  ])('%d ms is %o', (ms, expected) => {
    expect(toStalenessInput(ms)).toEqual(expected);
  });

  it.each([MINUTE, 6 * HOUR, 3 * DAY, 2 * 7 * DAY, 90 * MINUTE])('parses back to the same %d ms', (ms) => {
    expect(parseStaleness(toStalenessInput(ms))).toEqual({ isOk: true, ms });
  });
});

describe('parseStaleness', () => {
  it.each<[StalenessInput, ReturnType<typeof parseStaleness>]>([
    [{ amount: '6', unit: 'hours' }, { isOk: true, ms: 6 * HOUR }],
    [{ amount: ' 1.5 ', unit: 'hours' }, { isOk: true, ms: 90 * MINUTE }],
    [{ amount: '2', unit: 'days' }, { isOk: true, ms: 2 * DAY }],
    [{ amount: '1', unit: 'weeks' }, { isOk: true, ms: 7 * DAY }],
    [{ amount: '', unit: 'days' }, { isOk: false, message: 'Enter how long data may be missing.' }],
    [{ amount: 'soon', unit: 'days' }, { isOk: false, message: 'Enter a number, e.g. 6 or 1.5.' }],
    [{ amount: '0', unit: 'days' }, { isOk: false, message: 'Enter a time greater than 0.' }],
    [{ amount: '-1', unit: 'hours' }, { isOk: false, message: 'Enter a time greater than 0.' }],
    [{ amount: '0.5', unit: 'minutes' }, { isOk: false, message: 'Enter at least one minute.' }],
    [{ amount: '5000', unit: 'days' }, { isOk: false, message: 'Enter at most ten years.' }],
  ])('%o gives %o', (input, expected) => {
    expect(parseStaleness(input)).toEqual(expected);
  });
});
