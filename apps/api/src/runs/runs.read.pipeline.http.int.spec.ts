import { sql } from '@granary/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bootApp, type TestApp } from '../test-support/app';

const ADMIN_PASSWORD = 'runs-read-pipeline-admin-password';

/** The read API over what the real upload path and results pipeline store. */
describe('runs uploaded with ?wait=true, read back, trashed and restored', () => {
  let t: TestApp;
  let tester: Record<string, string>;
  let testId = 0;
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${t.baseUrl}${path}`, { method, headers: { ...tester, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const upload = async (value: number, arch: string) => {
    const response = await call('POST', `/api/run/data?test=e2e&start=${Date.UTC(2024, 1, value)}&stop=${Date.UTC(2024, 1, value)}&access=PUBLIC&wait=true`, {
      $schema: 'urn:e2e:1',
      result: { value, arch },
    });
    expect(response.status).toBe(202);
    return Number(await response.text());
  };
  const datasetsOf = async (runId: number) => sql<{ id: number }>(t.db.ownerUrl, 'SELECT id FROM dataset WHERE run_id = $1', [runId]);

  beforeAll(async () => {
    t = await bootApp(inject('granaryDb'), { GRANARY_ADMIN_PASSWORD: ADMIN_PASSWORD });
    const login = async (username: string, password: string) =>
      `Bearer ${((await (await fetch(`${t.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })).json()) as { token: string }).token}`;
    const admin = { authorization: await login('admin', ADMIN_PASSWORD) };
    const asAdmin = (path: string, body?: unknown) =>
      fetch(`${t.baseUrl}${path}`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    await asAdmin('/api/user/team/e2e-team');
    await asAdmin('/api/user/createUser', { user: { username: 'e2e-tester' }, password: 'e2e-tester-password', team: 'e2e-team', roles: ['tester', 'uploader'] });
    tester = { authorization: await login('e2e-tester', 'e2e-tester-password') };
    const [schema] = await sql<{ id: number }>(t.db.ownerUrl, `INSERT INTO schema (uri, name, owner, access, updated_at) VALUES ('urn:e2e:1', 'e2e', 'e2e-team', 'PUBLIC', now()) RETURNING id`);
    for (const [name, path, filtering] of [['value', '$.result.value', false], ['arch', '$.result.arch', true]] as const) {
      await sql(t.db.ownerUrl, `INSERT INTO label (name, schema_id, extractors, filtering, metrics, owner, access) VALUES ($1, $2, $3::jsonb, $4, true, 'e2e-team', 'PUBLIC')`, [
        name,
        schema!.id,
        JSON.stringify([{ name, jsonpath: path, isarray: false }]),
        filtering,
      ]);
    }
    const created = await call('POST', '/api/test', { name: 'e2e', owner: 'e2e-team', access: 'PUBLIC' });
    testId = ((await created.json()) as { id: number }).id;
  });
  afterAll(() => t.close());

  it('answers label values, datasets and runs the pipeline computed; trash deletes the datasets and restore brings them back', async () => {
    const first = await upload(7, 'x86');
    const second = await upload(30, 'arm');
    const rows = (await (await call('GET', `/api/test/${testId}/labelValues?sort=value&direction=Descending`)).json()) as { runId: number; values: object }[];
    expect(rows).toEqual([
      expect.objectContaining({ runId: second, values: { value: 30, arch: 'arm' } }),
      expect.objectContaining({ runId: first, values: { value: 7, arch: 'x86' } }),
    ]);
    const run = (await (await call('GET', `/api/run/${first}`)).json()) as { datasets: number[]; schemas: { uri: string }[] };
    expect(run.schemas.map((s) => s.uri)).toEqual(['urn:e2e:1']);
    expect(run.datasets).toHaveLength(1);
    const list = (await (await call('GET', `/api/dataset/list/byTest/${testId}?filter=${encodeURIComponent('{"arch":"arm"}')}`)).json()) as { total: number };
    expect(list.total).toBe(1);

    expect((await call('POST', `/api/run/${first}/trash`)).status).toBe(201);
    expect(await datasetsOf(first)).toEqual([]);
    expect((await call('POST', `/api/run/${first}/trash?isTrashed=false`)).status).toBe(201);
    // The restored run is pending; the woken pipeline transforms it again.
    const deadline = Date.now() + 20_000;
    while ((await datasetsOf(first)).length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await datasetsOf(first)).toHaveLength(1);
  });
});
