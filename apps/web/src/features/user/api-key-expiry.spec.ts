import { describe, expect, it } from 'vitest';
import { describeExpiry, endOfLocalDay, formatTimestamp, keyStatus, toDateInputValue, type ExpiryDescription, type KeyStatus } from './api-key-expiry';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

describe('keyStatus', () => {
  it.each<[string, { isRevoked: boolean; expiresAt?: string }, KeyStatus]>([
    ['active without expiry', { isRevoked: false }, { text: 'Active', color: 'green' }],
    ['active before its expiry', { isRevoked: false, expiresAt: at(DAY) }, { text: 'Active', color: 'green' }],
    ['expired at its expiry', { isRevoked: false, expiresAt: at(0) }, { text: 'Expired', color: 'red' }],
    ['expired after it', { isRevoked: false, expiresAt: at(-DAY) }, { text: 'Expired', color: 'red' }],
    ['revoked', { isRevoked: true }, { text: 'Revoked', color: 'grey' }],
    ['revoked wins over expired', { isRevoked: true, expiresAt: at(-DAY) }, { text: 'Revoked', color: 'grey' }],
  ])('%s', (_name, key, expected) => {
    expect(keyStatus(key, NOW)).toEqual(expected);
  });
});

describe('describeExpiry', () => {
  it.each<[string, string | undefined, ExpiryDescription]>([
    ['never', undefined, { text: 'Never', isWarning: false }],
    ['past', at(-HOUR), { text: 'Expired', isWarning: true }],
    ['this very moment', at(0), { text: 'Expired', isWarning: true }],
    ['within a day', at(3 * HOUR), { text: 'Today', isWarning: true }],
    ['in a day and a bit', at(DAY + HOUR), { text: 'Tomorrow', isWarning: true }],
    ['in six days', at(6 * DAY + HOUR), { text: 'In 6 days', isWarning: true }],
    ['in a week', at(7 * DAY + HOUR), { text: 'In 7 days', isWarning: false }],
    ['in a year', at(365 * DAY), { text: 'In 365 days', isWarning: false }],
  ])('%s', (_name, expiresAt, expected) => {
    expect(describeExpiry({ expiresAt }, NOW)).toEqual(expected);
  });
});

describe('formatTimestamp', () => {
  it.each<[string | undefined, string]>([
    ['2026-03-04T05:06:07.890Z', '2026-03-04 05:06 UTC'],
    ['2026-03-04T23:59:59+02:00', '2026-03-04 21:59 UTC'],
    [undefined, ''],
    ['not a date', 'not a date'],
  ])('%j → %j', (iso, expected) => {
    expect(formatTimestamp(iso)).toBe(expected);
  });
});

describe('endOfLocalDay', () => {
  it.each<[string, string | undefined]>([
    ['2030-01-31', new Date(2030, 0, 31, 23, 59, 59, 999).toISOString()],
    [' 2030-12-01 ', new Date(2030, 11, 1, 23, 59, 59, 999).toISOString()],
    ['2030-02-30', undefined],
    ['2030-13-01', undefined],
    ['31/01/2030', undefined],
    ['', undefined],
  ])('%j → %j', (input, expected) => {
    expect(endOfLocalDay(input)).toBe(expected);
  });
});

describe('toDateInputValue', () => {
  it.each<[Date, string]>([
    [new Date(2026, 0, 5), '2026-01-05'],
    [new Date(2026, 11, 31, 23, 59), '2026-12-31'],
  ])('%s → %s', (date, expected) => {
    expect(toDateInputValue(date)).toBe(expected);
  });
});
