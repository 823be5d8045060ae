import { describe, expect, it } from 'vitest';
import { loginPath, safeNextPath, sessionEndedPath } from './safe-next';

describe('safeNextPath', () => {
  it.each<[string, string | string[] | null | undefined, string]>([
    ['keeps a plain path', '/user/api-keys', '/user/api-keys'],
    ['keeps the query and fragment', '/?page=2&sort=owner#top', '/?page=2&sort=owner#top'],
    ['keeps Horreum-style paths', '/test/12', '/test/12'],
    ['normalizes dot segments', '/admin/../user/api-keys', '/user/api-keys'],
    ['takes the first of repeated values', ['/admin', '/evil'], '/admin'],
    ['falls back when missing', undefined, '/'],
    ['falls back when empty', '', '/'],
    ['falls back for null', null, '/'],
    ['refuses an absolute URL', 'https://evil.example/', '/'],
    ['refuses a javascript: URL', 'javascript:alert(1)', '/'],
    ['refuses a scheme-relative URL', '//evil.example/x', '/'],
    ['refuses a backslash trick', '/\\evil.example', '/'],
    ['refuses an encoded-looking backslash path too', '/\\/evil.example', '/'],
    ['refuses a relative path', 'user/api-keys', '/'],
    ['refuses control characters', '/user\n/api-keys', '/'],
    ['refuses a tab before the host', '/\t/evil.example', '/'],
    ['refuses the login page (a loop)', '/login?next=/admin', '/'],
    ['refuses the sign-in routes', '/auth/oidc/callback?code=x', '/'],
    ['allows a path that merely starts like login', '/loginx', '/loginx'],
    ['refuses a very long value', `/${'a'.repeat(3000)}`, '/'],
  ])('%s', (_name, raw, expected) => {
    expect(safeNextPath(raw)).toBe(expected);
  });

  it('uses the given fallback', () => {
    expect(safeNextPath('https://evil.example/', '/admin')).toBe('/admin');
  });
});

describe('loginPath', () => {
  it.each([
    ['/user/api-keys', '/login?next=%2Fuser%2Fapi-keys'],
    ['/teams/perf-team?x=1', '/login?next=%2Fteams%2Fperf-team%3Fx%3D1'],
    ['/', '/login'],
    ['//evil.example', '/login'],
  ])('sends %s through %s', (path, expected) => {
    expect(loginPath(path)).toBe(expected);
  });
});

describe('sessionEndedPath', () => {
  it.each([
    ['/admin', '/auth/session-ended?next=%2Fadmin'],
    ['/?page=2', '/auth/session-ended?next=%2F%3Fpage%3D2'],
    ['https://evil.example', '/auth/session-ended?next=%2F'],
  ])('sends %s through %s', (path, expected) => {
    expect(sessionEndedPath(path)).toBe(expected);
  });
});
