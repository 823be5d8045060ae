import { describe, expect, it } from 'vitest';
import { isLoopbackHttp, isOtherLoopbackName, readWebConfig, type WebConfig } from './web-config';

describe('readWebConfig', () => {
  it.each<[string, Record<string, string | undefined>, WebConfig]>([
    ['defaults', {}, { publicUrl: 'http://localhost:8080', isSecure: false, oidc: undefined, localLogin: true }],
    [
      'an https public URL makes cookies secure, without its trailing slash',
      { GRANARY_PUBLIC_URL: 'https://granary.example.com/' },
      { publicUrl: 'https://granary.example.com', isSecure: true, oidc: undefined, localLogin: true },
    ],
    [
      'an OIDC provider with the default client id',
      { OIDC_ISSUER_URL: 'http://localhost:8180/realms/granary/' },
      {
        publicUrl: 'http://localhost:8080',
        isSecure: false,
        oidc: { issuer: 'http://localhost:8180/realms/granary', clientId: 'granary-ui', clientSecret: undefined },
        localLogin: true,
      },
    ],
    [
      'a confidential client',
      { OIDC_ISSUER_URL: 'https://sso.example.com', OIDC_CLIENT_ID: 'granary', OIDC_CLIENT_SECRET: 's3cret' },
      {
        publicUrl: 'http://localhost:8080',
        isSecure: false,
        oidc: { issuer: 'https://sso.example.com', clientId: 'granary', clientSecret: 's3cret' },
        localLogin: true,
      },
    ],
    ['local login turned off', { GRANARY_LOCAL_LOGIN: 'false' }, { publicUrl: 'http://localhost:8080', isSecure: false, oidc: undefined, localLogin: false }],
    ['local login turned off with 0', { GRANARY_LOCAL_LOGIN: ' 0 ' }, { publicUrl: 'http://localhost:8080', isSecure: false, oidc: undefined, localLogin: false }],
    ['an empty issuer means none', { OIDC_ISSUER_URL: '' }, { publicUrl: 'http://localhost:8080', isSecure: false, oidc: undefined, localLogin: true }],
  ])('%s', (_name, env, expected) => {
    expect(readWebConfig(env)).toEqual(expected);
  });
});

describe('isLoopbackHttp', () => {
  it.each([
    ['http://localhost:8180/realms/granary', true],
    ['http://127.0.0.1:4000', true],
    ['http://[::1]:4000', true],
    ['https://localhost:8180', false],
    ['http://sso.example.com', false],
    ['http://localhost.example.com', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isLoopbackHttp(url)).toBe(expected);
  });
});

describe('isOtherLoopbackName', () => {
  it.each<[string | null, string, boolean]>([
    ['127.0.0.1:8080', 'http://localhost:8080', true],
    ['localhost:8080', 'http://127.0.0.1:8080', true],
    ['localhost:8080', 'http://localhost:8080', false],
    ['127.0.0.1:9090', 'http://localhost:8080', false],
    ['granary.internal:8080', 'https://granary.example.com', false],
    ['127.0.0.1:8080', 'https://granary.example.com', false],
    [null, 'http://localhost:8080', false],
    ['bad host/with/slashes?', 'http://localhost:8080', false],
  ])('%s against %s → %s', (host, publicUrl, expected) => {
    expect(isOtherLoopbackName(host, publicUrl)).toBe(expected);
  });
});
