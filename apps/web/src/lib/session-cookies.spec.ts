import { describe, expect, it } from 'vitest';
import {
  clearSession,
  cookieOptions,
  ID_TOKEN_COOKIE,
  OIDC_FLOW_COOKIE,
  parseOidcFlow,
  SESSION_COOKIE,
  writeOidcFlow,
  writeSession,
  type CookieJar,
  type CookieOptions,
} from './session-cookies';

function recordingJar() {
  const set: [string, string, CookieOptions][] = [];
  const jar: CookieJar = { set: (name, value, options) => set.push([name, value, options]) };
  return { jar, set };
}

describe('cookieOptions', () => {
  it.each<[boolean, string, number | undefined, CookieOptions]>([
    [false, '/', undefined, { httpOnly: true, sameSite: 'lax', secure: false, path: '/' }],
    [true, '/', undefined, { httpOnly: true, sameSite: 'lax', secure: true, path: '/' }],
    [true, '/auth', 0, { httpOnly: true, sameSite: 'lax', secure: true, path: '/auth', maxAge: 0 }],
  ])('secure=%s path=%s maxAge=%s', (isSecure, path, maxAge, expected) => {
    expect(cookieOptions(isSecure, path, maxAge)).toEqual(expected);
  });
});

describe('writeSession and clearSession', () => {
  it('stores the token for the whole site and the id_token for /auth only', () => {
    const { jar, set } = recordingJar();
    writeSession(jar, { token: 'gs_1', idToken: 'eyJ.x.y' }, true);
    expect(set.map(([name, value, o]) => [name, value, o.path, o.secure, o.httpOnly])).toEqual([
      [SESSION_COOKIE, 'gs_1', '/', true, true],
      [ID_TOKEN_COOKIE, 'eyJ.x.y', '/auth', true, true],
    ]);
  });

  it('forgets an earlier id_token when signing in with a password', () => {
    const { jar, set } = recordingJar();
    writeSession(jar, { token: 'gs_2' }, false);
    expect(set[1]).toEqual([ID_TOKEN_COOKIE, '', expect.objectContaining({ path: '/auth', maxAge: 0 })]);
  });

  it('expires both cookies on their own paths', () => {
    const { jar, set } = recordingJar();
    clearSession(jar, false);
    expect(set.map(([name, value, o]) => [name, value, o.path, o.maxAge])).toEqual([
      [SESSION_COOKIE, '', '/', 0],
      [ID_TOKEN_COOKIE, '', '/auth', 0],
    ]);
  });
});

describe('parseOidcFlow', () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const flow = { codeVerifier: 'v', state: 's', nonce: 'n', next: '/user/api-keys' };

  it('reads back what writeOidcFlow stored', () => {
    const { jar, set } = recordingJar();
    writeOidcFlow(jar, flow, false);
    expect(set[0]?.[0]).toBe(OIDC_FLOW_COOKIE);
    expect(set[0]?.[2]).toMatchObject({ path: '/auth/oidc', httpOnly: true });
    expect(parseOidcFlow(set[0]?.[1])).toEqual(flow);
  });

  it.each<[string, string | undefined]>([
    ['a missing cookie', undefined],
    ['an empty cookie', ''],
    ['not base64 JSON', '%%%'],
    ['JSON that is not an object', encode('x')],
    ['a missing verifier', encode({ state: 's', nonce: 'n', next: '/' })],
    ['an empty state', encode({ codeVerifier: 'v', state: '', nonce: 'n', next: '/' })],
  ])('is undefined for %s', (_name, raw) => {
    expect(parseOidcFlow(raw)).toBeUndefined();
  });

  it('sanitizes next again', () => {
    expect(parseOidcFlow(encode({ ...flow, next: 'https://evil.example' }))?.next).toBe('/');
  });
});
