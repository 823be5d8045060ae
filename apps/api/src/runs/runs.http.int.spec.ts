import { sql, sqlAs } from '@granary/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bootApp, type TestApp } from '../test-support/app';

const ADMIN_PASSWORD = 'runs-admin-password';

describe('POST /api/run/data (Horreum addRunFromData) and POST /api/test (addTest)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let uploaderKey = '';

  const call = (method: string, path: string, auth: Record<string, string>, body?: string, contentType = 'application/json') =>
    fetch(`${t.baseUrl}${path}`, { method, headers: { ...auth, ...(body === undefined ? {} : { 'content-type': contentType }) }, body });
  const bearer = (name: string) => ({ authorization: `Bearer ${tokens[name]}` });

  beforeAll(async () => {
    t = await bootApp(inject('granaryDb'), { GRANARY_ADMIN_PASSWORD: ADMIN_PASSWORD });
    const login = async (u: string, p: string) => (await t.client.POST('/api/auth/login', { body: { username: u, password: p } })).data!.token;
    tokens.admin = await login('admin', ADMIN_PASSWORD);
    await call('POST', '/api/user/team/perf-team', bearer('admin'));
    for (const [name, roles] of [['tester', ['tester']], ['uploader', ['uploader']], ['viewer', ['viewer']]] as const) {
      await call('POST', '/api/user/createUser', bearer('admin'), JSON.stringify({ user: { username: name }, password: `${name}-password`, team: 'perf-team', roles }));
      tokens[name] = await login(name, `${name}-password`);
    }
    uploaderKey = await (await call('POST', '/api/user/apikey', bearer('uploader'), JSON.stringify({ name: 'ci', uploadOnly: true }))).text();
  });
  afterAll(() => t.close());

  it('lets a tester create a test of its team, and nobody else', async () => {
    const created = await call('POST', '/api/test', bearer('tester'), JSON.stringify({ name: 'throughput', owner: 'perf-team', access: 'PRIVATE' }));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ id: expect.any(Number), name: 'throughput', owner: 'perf-team', access: 'PRIVATE' });
    expect((await call('POST', '/api/test', bearer('viewer'), JSON.stringify({ name: 'nope', owner: 'perf-team' }))).status).toBe(403);
    expect((await call('POST', '/api/test', bearer('tester'), JSON.stringify({ name: 'throughput', owner: 'perf-team' }))).status).toBe(409);
    expect((await call('POST', '/api/test', {}, JSON.stringify({ name: 'anon', owner: 'perf-team' }))).status).toBe(401);
  });

  it('stores an upload byte for byte and as jsonb, reading start and stop from the document', async () => {
    const body = '{ "$schema": "urn:old",  "startTime": 1698019215000, "stopTime": "2023-10-23T00:10:15Z",\n  "results": [1.5, 2.25] }';
    const response = await call('POST', '/api/run/data?test=throughput&start=$.startTime&stop=$.stopTime&schema=urn:load:1.0&description=nightly', { 'x-horreum-api-key': uploaderKey }, body);
    expect(response.status).toBe(202);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const id = Number(await response.text());
    const [run] = await sql<{ raw_data: string; data: Record<string, unknown>; start: Date; stop: Date; owner: string; access: string; description: string }>(
      t.db.ownerUrl,
      'SELECT raw_data, data, start, stop, owner, access, description FROM run WHERE id = $1',
      [id],
    );
    expect(run!.raw_data).toBe(body);
    expect(run!.data).toEqual({ $schema: 'urn:load:1.0', startTime: 1698019215000, stopTime: '2023-10-23T00:10:15Z', results: [1.5, 2.25] });
    expect(run!.start.toISOString()).toBe('2023-10-23T00:00:15.000Z');
    expect(run!.stop.toISOString()).toBe('2023-10-23T00:10:15.000Z');
    expect(run).toMatchObject({ owner: 'perf-team', access: 'PRIVATE', description: 'nightly' });
  });

  it('reads start, stop and description from the text of the document, through arrays as PostgreSQL does, without a schema change', async () => {
    const upload = async (query: string, body: string) => {
      const response = await call('POST', `/api/run/data?test=throughput&${query}`, { 'x-horreum-api-key': uploaderKey }, body);
      expect(response.status, await response.clone().text()).toBe(202);
      const [run] = await sql<{ raw_data: string; start: Date; stop: Date; description: string | null }>(
        t.db.ownerUrl, 'SELECT raw_data, start, stop, description FROM run WHERE id = $1', [Number(await response.text())]);
      return { raw: run!.raw_data, start: run!.start.toISOString(), stop: run!.stop.toISOString(), description: run!.description };
    };
    // Nested members, a repeated member (the last one counts, as in jsonb), an escaped name.
    const nested = '{"info": {"start": 1, "times": {"st\\u0061rt": "2024-05-01T10:00:00Z"}}, "stop": 0, "stop": 1714557660000, "note": {"text": "nightly"}}';
    expect(await upload('start=$.info.times.start&stop=$.stop&description=$.note.text', nested)).toEqual({
      raw: nested, start: '2024-05-01T10:00:00.000Z', stop: '2024-05-01T10:01:00.000Z', description: 'nightly',
    });
    // Lax mode looks into arrays: the root array's first element with a start, a member inside an array.
    const inArrays = '[{"other": 1}, {"start": "2024-05-02", "run": [{"stop": "2024-05-03"}]}]';
    expect(await upload('start=$.start&stop=$.run.stop', inArrays)).toMatchObject({ raw: inArrays, start: '2024-05-02T00:00:00.000Z', stop: '2024-05-03T00:00:00.000Z' });
    // A path that is not member names only: PostgreSQL evaluates it.
    expect(await upload('start=$.times[1]&stop=$.times[2]', '{"times": [0, 1714557600000, 1714557660000]}')).toMatchObject({ start: '2024-05-01T10:00:00.000Z' });
  });

  it.each([
    ['text that is not JSON, its times read from it', 'start=$.start&stop=$.start', '{"start": 1, "x": tru}', 400, 'malformed-json'],
    ['text that is not JSON, with a time it cannot read', 'start=$.start&stop=0', '{"start": "soon", ', 400, 'malformed-json'],
    ['a path into text that is not JSON', 'start=$.a[0]&stop=0', '{"a": [1,}', 400, 'malformed-json'],
    ['JSON that jsonb cannot hold (\\u0000)', 'start=0&stop=0', '{"a": "x\\u0000y"}', 400, 'validation-failed'],
    ['a lone surrogate escape, which JSON.parse takes and jsonb does not', 'start=0&stop=0', '{"a": "\\ud800"}', 400, 'malformed-json'],
  ])('refuses %s (%s) with a problem and writes nothing', async (_case, query, body, status, slug) => {
    const before = await sql<{ n: number }>(t.db.ownerUrl, 'SELECT count(*)::int AS n FROM run');
    const response = await call('POST', `/api/run/data?test=throughput&${query}`, { 'x-horreum-api-key': uploaderKey }, body);
    const problem = (await response.json()) as { type: string; detail: string };
    expect(response.status, problem.detail).toBe(status);
    expect(problem.type).toBe(`urn:granary:problem:${slug}`);
    expect(await sql(t.db.ownerUrl, 'SELECT count(*)::int AS n FROM run')).toEqual(before);
  });

  it('refuses documents in a character set other than UTF-8 and other media types with 415', async () => {
    for (const type of ['application/json; charset=iso-8859-1', 'text/csv']) {
      const response = await call('POST', '/api/run/data?test=throughput&start=0&stop=0', { 'x-horreum-api-key': uploaderKey }, '{"a": 1}', type);
      expect(response.status, type).toBe(415);
    }
    const utf8 = await call('POST', '/api/run/data?test=throughput&start=0&stop=0', { 'x-horreum-api-key': uploaderKey }, '{"name": "é"}', 'application/json; charset=UTF-8');
    expect(utf8.status).toBe(202);
    const [run] = await sql<{ raw_data: string }>(t.db.ownerUrl, 'SELECT raw_data FROM run WHERE id = $1', [Number(await utf8.text())]);
    expect(run!.raw_data).toBe('{"name": "é"}');
  });

  it('keeps uploads write-only: the uploader cannot read the private run it wrote, a viewer can', async () => {
    const uploaderRoles = ['perf-team', 'perf-uploader', 'uploader'];
    const viewerRoles = ['perf-team', 'perf-viewer', 'viewer'];
    expect(await sqlAs(t.db.appUrl, { roles: uploaderRoles }, 'SELECT id FROM run')).toEqual([]);
    expect((await sqlAs(t.db.appUrl, { roles: viewerRoles }, 'SELECT id FROM run')).length).toBeGreaterThan(0);
  });

  it('answers the same 400 for a missing test and for a test the caller may not upload to', async () => {
    const missing = await call('POST', '/api/run/data?test=no-such-test&start=0&stop=0', bearer('uploader'), '{}');
    const forbidden = await call('POST', '/api/run/data?test=throughput&start=0&stop=0', bearer('viewer'), '{}');
    expect(missing.status).toBe(400);
    expect(forbidden.status).toBe(400);
    const a = (await missing.json()) as { type: string };
    const b = (await forbidden.json()) as { type: string };
    expect(a.type).toBe('urn:granary:problem:upload-refused');
    expect(b.type).toBe(a.type);
  });

  it.each([
    ['a start that is no time', '/api/run/data?test=throughput&start=yesterday&stop=0', '{}', 'validation-failed'],
    ['a JSONPath that finds nothing', '/api/run/data?test=throughput&start=$.missing&stop=0', '{}', 'validation-failed'],
    ['a JSONPath PostgreSQL cannot parse', '/api/run/data?test=throughput&start=$.a[&stop=0', '{}', 'validation-failed'],
    ['a stop before the start', '/api/run/data?test=throughput&start=1000&stop=10', '{}', 'validation-failed'],
    ['an unknown access level', '/api/run/data?test=throughput&start=0&stop=0&access=secret', '{}', 'validation-failed'],
    ['a missing start', '/api/run/data?test=throughput&stop=0', '{}', 'validation-failed'],
    ['malformed JSON', '/api/run/data?test=throughput&start=0&stop=0', '{"a": ', 'malformed-json'],
  ])('refuses %s with 400 and writes nothing', async (_case, path, body, slug) => {
    const before = await sql<{ n: number }>(t.db.ownerUrl, 'SELECT count(*)::int AS n FROM run');
    const response = await call('POST', path, bearer('tester'), body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { type: string }).type).toBe(`urn:granary:problem:${slug}`);
    expect(await sql(t.db.ownerUrl, 'SELECT count(*)::int AS n FROM run')).toEqual(before);
  });

  it('writes an upload in one statement whose identity ends with it, under the caller\'s row-level security', async () => {
    const [uploader] = await sql<{ id: string }>(t.db.ownerUrl, `SELECT id::text FROM app_user WHERE username = 'uploader'`);
    const client = new pg.Client({ connectionString: t.db.appUrl });
    await client.connect();
    try {
      const store = async (roles: string, owner: string | null) =>
        (
          await client.query<{ outcome: string; run_id: number | null; owner: string | null }>(
            `SELECT * FROM granary_upload_run($1::text, $2, 'throughput', NULL, $3, ARRAY['perf-team'], NULL, '{"x": 1}', NULL, now(), now(), NULL, 'PRIVATE', $1::uuid)`,
            [uploader!.id, roles, owner],
          )
        ).rows[0]!;
      const created = await store('perf-team,perf-uploader,uploader', null);
      expect(created).toEqual({ outcome: 'created', run_id: expect.any(Number), owner: 'perf-team' });
      // The identity was the statement's own transaction's: nothing is left on the connection.
      const after = await client.query<{ user_id: string | null; roles: string | null }>(`SELECT current_setting('granary.user_id', true) AS user_id, current_setting('granary.roles', true) AS roles`);
      expect([after.rows[0]!.user_id ?? '', after.rows[0]!.roles ?? '']).toEqual(['', '']);
      // Without the uploader's roles the test is not there to upload to; another owner team is refused.
      expect((await store('viewer', null)).outcome).toBe('no-test');
      expect(await store('perf-team,perf-uploader,uploader', 'other-team')).toEqual({ outcome: 'owner-refused', run_id: null, owner: 'other-team' });
      const [{ n }] = (await sql<{ n: number }>(t.db.ownerUrl, `SELECT count(*)::int AS n FROM run WHERE id >= $1`, [created.run_id])) as [{ n: number }];
      expect(n).toBe(1);
    } finally {
      await client.end();
    }
  });

  it('refuses the next upload once the key is revoked', async () => {
    const list = (await (await call('GET', '/api/user/apikey', bearer('uploader'))).json()) as { id: number }[];
    await call('PUT', `/api/user/apikey/${list[0]!.id}/revoke`, bearer('uploader'));
    const response = await call('POST', '/api/run/data?test=throughput&start=0&stop=0', { 'x-horreum-api-key': uploaderKey }, '{}');
    expect(response.status).toBe(401);
  });
});
