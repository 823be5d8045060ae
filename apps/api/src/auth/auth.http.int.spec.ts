import { sql } from '@granary/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bootApp, memoryLogger, type TestApp } from '../test-support/app';

const ADMIN_PASSWORD = 'admin-password-for-tests';

/** Granary's own users: bootstrap administrator, sessions, Basic, API keys, throttling. */
describe("authentication with Granary's own users", () => {
  let t: TestApp;
  let adminToken: string;

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.baseUrl}${path}`, { headers });
  const send = (method: string, path: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${t.baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const login = async (username: string, password: string) => {
    const { data, error, response } = await t.client.POST('/api/auth/login', { body: { username, password } });
    return { data, error, status: response.status };
  };

  beforeAll(async () => {
    t = await bootApp(inject('granaryDb'), { GRANARY_ADMIN_PASSWORD: ADMIN_PASSWORD });
    const { data } = await login('admin', ADMIN_PASSWORD);
    adminToken = data!.token;
  });
  afterAll(() => t.close());

  it('creates the bootstrap administrator once, with the configured password', async () => {
    const admins = await sql<{ username: string; is_admin: boolean; password_hash: string }>(t.db.ownerUrl, 'SELECT username, is_admin, password_hash FROM app_user');
    expect(admins).toEqual([{ username: 'admin', is_admin: true, password_hash: expect.stringMatching(/^\$argon2id\$/) }]);
  });

  it('signs in with a password and answers who the caller is', async () => {
    const me = await (await get('/api/auth/me', { authorization: `Bearer ${adminToken}` })).json();
    expect(me).toMatchObject({ username: 'admin', isAdmin: true, roles: ['admin'], via: 'session' });
  });

  it('refuses a wrong password with 401 and the same answer as an unknown user', async () => {
    const wrong = await login('admin', 'nope');
    const unknown = await login('nobody', 'nope');
    expect(wrong.status).toBe(401);
    expect(wrong.error).toMatchObject({ type: 'urn:granary:problem:invalid-credentials', detail: 'Unknown user name or wrong password.' });
    expect(unknown.error).toEqual({ ...wrong.error, requestId: expect.any(String) });
  });

  it('accepts HTTP Basic credentials, as Horreum does with its database users', async () => {
    const basic = `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}`;
    const response = await get('/api/user/roles', { authorization: basic });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(['admin']);
  });

  it('answers 401 with a challenge to an anonymous call of an endpoint that needs a user', async () => {
    const response = await get('/api/user/roles');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    expect(await response.json()).toMatchObject({ type: 'urn:granary:problem:unauthenticated' });
  });

  it('refuses unknown credentials instead of treating the caller as anonymous', async () => {
    expect((await get('/api/test', { authorization: 'Bearer gs_made-up-token-that-is-long-enough-to-look-real' })).status).toBe(401);
    expect((await get('/api/test', { 'x-horreum-api-key': 'HUSR_00000000_0000_0000_0000_000000000000' })).status).toBe(401);
    expect((await get('/api/test', { authorization: 'Digest abc' })).status).toBe(401);
  });

  it('ends a session at logout: the token is refused on the next request', async () => {
    const { data } = await login('admin', ADMIN_PASSWORD);
    expect((await send('POST', '/api/auth/logout', data!.token)).status).toBe(204);
    expect((await get('/api/auth/me', { authorization: `Bearer ${data!.token}` })).status).toBe(401);
  });

  describe('API keys', () => {
    let key: string;
    let keyId: number;

    beforeAll(async () => {
      const response = await send('POST', '/api/user/apikey', adminToken, { name: 'jenkins', type: 'USER' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      key = await response.text();
      const list = (await (await get('/api/user/apikey', { authorization: `Bearer ${adminToken}` })).json()) as { id: number; name: string }[];
      keyId = list.find((k) => k.name === 'jenkins')!.id;
    });

    it("has Horreum's format and is stored only as a hash", async () => {
      expect(key).toMatch(/^HUSR_[0-9A-F]{8}_[0-9A-F]{4}_[0-9A-F]{4}_[0-9A-F]{4}_[0-9A-F]{12}$/);
      const rows = await sql<{ hash: string }>(t.db.ownerUrl, "SELECT hash FROM api_key WHERE name = 'jenkins'");
      expect(rows[0]!.hash).not.toContain(key.slice(5));
    });

    it('works as X-Horreum-API-Key and as a bearer token, with its user\'s roles, and records its use', async () => {
      const viaHeader = await get('/api/auth/me', { 'x-horreum-api-key': key });
      expect(await viaHeader.json()).toMatchObject({ username: 'admin', roles: ['admin'], via: 'api-key' });
      expect((await get('/api/auth/me', { authorization: `Bearer ${key}` })).status).toBe(200);
      const list = (await (await get('/api/user/apikey', { authorization: `Bearer ${adminToken}` })).json()) as { name: string; access?: string; isRevoked: boolean }[];
      expect(list.find((k) => k.name === 'jenkins')).toMatchObject({ isRevoked: false, access: expect.any(String) });
    });

    it('can be renamed with a text/plain body, quoted or not', async () => {
      expect((await send('PUT', `/api/user/apikey/${keyId}/rename`, adminToken, '"jenkins-main"')).status).toBe(204);
      const list = (await (await get('/api/user/apikey', { authorization: `Bearer ${adminToken}` })).json()) as { id: number; name: string }[];
      expect(list.find((k) => k.id === keyId)?.name).toBe('jenkins-main');
    });

    it('cannot create further keys', async () => {
      const response = await send('POST', '/api/user/apikey', undefined, { name: 'child' }, { 'x-horreum-api-key': key });
      expect(response.status).toBe(403);
    });

    it('is refused on the very next request once revoked', async () => {
      expect((await send('PUT', `/api/user/apikey/${keyId}/revoke`, adminToken)).status).toBe(204);
      const refused = await get('/api/auth/me', { 'x-horreum-api-key': key });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ type: 'urn:granary:problem:invalid-credentials' });
    });

    it('stops working at its expiry', async () => {
      const response = await send('POST', '/api/user/apikey', adminToken, { name: 'short', expiresAt: new Date(Date.now() + 60_000).toISOString() });
      const shortKey = await response.text();
      expect((await get('/api/auth/me', { 'x-horreum-api-key': shortKey })).status).toBe(200);
      await sql(t.db.ownerUrl, "UPDATE api_key SET expires_at = now() - interval '1 second' WHERE name = 'short'");
      expect((await get('/api/auth/me', { 'x-horreum-api-key': shortKey })).status).toBe(401);
    });

    it("of another user cannot be revoked: it answers 404, as if it did not exist", async () => {
      await send('POST', '/api/user/team/keys-team', adminToken);
      await send('POST', '/api/user/createUser', adminToken, { user: { username: 'mallory' }, password: 'mallory-password', team: 'keys-team', roles: ['tester'] });
      const mallory = (await login('mallory', 'mallory-password')).data!.token;
      const theirs = await send('POST', '/api/user/apikey', adminToken, { name: 'admins-own' });
      const list = (await (await get('/api/user/apikey', { authorization: `Bearer ${adminToken}` })).json()) as { id: number; name: string }[];
      const id = list.find((k) => k.name === 'admins-own')!.id;
      expect((await send('PUT', `/api/user/apikey/${id}/revoke`, mallory)).status).toBe(404);
      expect((await get('/api/auth/me', { 'x-horreum-api-key': await theirs.text() })).status).toBe(200);
    });
  });

  it('gives an upload-only key its uploader roles and nothing that reads', async () => {
    await send('POST', '/api/user/team/upl-team', adminToken);
    await send('POST', '/api/user/createUser', adminToken, { user: { username: 'ci-bot' }, password: 'ci-bot-password', team: 'upl-team', roles: ['tester', 'uploader'] });
    const bot = (await login('ci-bot', 'ci-bot-password')).data!.token;
    const key = await (await send('POST', '/api/user/apikey', bot, { name: 'upload', uploadOnly: true })).text();
    const me = (await (await get('/api/auth/me', { 'x-horreum-api-key': key })).json()) as { roles: string[] };
    expect(me.roles).toEqual(['upl-team', 'upl-uploader', 'uploader']);
  });

  it('slows down repeated failures with 429 and Retry-After, without verifying anything', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const response = await fetch(`${t.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
        body: JSON.stringify({ username: 'victim', password: `guess-${i}` }),
      });
      statuses.push(response.status);
      retryAfter ??= response.headers.get('retry-after');
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(6)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe('logs', () => {
  it('never contain passwords, session tokens or API keys', async () => {
    const lines: string[] = [];
    const t = await bootApp(inject('granaryDb'), { GRANARY_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'trace' }, { logger: memoryLogger(lines) });
    try {
      const { data } = await t.client.POST('/api/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } });
      const token = data!.token;
      const key = await (
        await fetch(`${t.baseUrl}/api/user/apikey`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"name":"k"}' })
      ).text();
      await fetch(`${t.baseUrl}/api/auth/me`, { headers: { 'x-horreum-api-key': key } });
      await fetch(`${t.baseUrl}/api/user/roles`, { headers: { authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}` } });
      await fetch(`${t.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'wrong-secret-xyz' }) });
      const log = lines.join('');
      expect(lines.length).toBeGreaterThan(5);
      for (const secret of [ADMIN_PASSWORD, token, key, 'wrong-secret-xyz', Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')]) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await t.close();
    }
  });
});
