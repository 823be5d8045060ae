import type { Problem } from '@granary/api-client';
import { describe, expect, it } from 'vitest';
import { formatWait, loginFailureMessage, parseRetryAfter, SSO_ERRORS, ssoErrorMessage, type LoginMessage } from './login-messages';

const problem = (status: number, extra: Partial<Problem> = {}): Problem => ({ type: 'about:blank', title: 'Some title', status, ...extra });

describe('loginFailureMessage', () => {
  it.each<[string, Problem, string | null, LoginMessage]>([
    ['a wrong password', problem(401, { type: 'urn:granary:problem:invalid-credentials' }), null, { title: 'Wrong user name or password', detail: 'Check both and try again.' }],
    ['too many attempts, with the wait', problem(429), '30', { title: 'Too many failed sign-in attempts', detail: 'Wait 30 seconds, then try again.' }],
    ['too many attempts, minutes', problem(429), '125', { title: 'Too many failed sign-in attempts', detail: 'Wait 3 minutes, then try again.' }],
    ['too many attempts without Retry-After', problem(429), null, { title: 'Too many failed sign-in attempts', detail: 'Wait a moment, then try again.' }],
    ['local login turned off', problem(403, { detail: 'Use SSO.' }), null, { title: 'Password sign-in is turned off', detail: 'Use SSO.' }],
    ['an empty field', problem(400), null, { title: 'Enter a user name and a password' }],
    ['anything else shows the problem', problem(503, { title: 'The Granary API is not reachable', detail: 'Try again.' }), null, { title: 'The Granary API is not reachable', detail: 'Try again.' }],
  ])('%s', (_name, p, retryAfter, expected) => {
    expect(loginFailureMessage(p, retryAfter)).toEqual(expected);
  });
});

describe('formatWait', () => {
  it.each([
    [0, '1 second'],
    [1, '1 second'],
    [2, '2 seconds'],
    [59, '59 seconds'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [600, '10 minutes'],
  ])('%i s reads %s', (seconds, expected) => {
    expect(formatWait(seconds)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each<[string | null | undefined, number | undefined]>([
    ['30', 30],
    [' 5 ', 5],
    ['Thu, 01 Jan 2026 00:01:00 GMT', 60],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %j', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('ssoErrorMessage', () => {
  it.each(Object.keys(SSO_ERRORS))('knows %s', (code) => {
    expect(ssoErrorMessage(code)?.title).toBeTruthy();
  });

  it.each([undefined, '', 'Your account was hacked, call 555-0100', 'toString', '__proto__'])('shows nothing for %j', (code) => {
    expect(ssoErrorMessage(code)).toBeUndefined();
  });
});
