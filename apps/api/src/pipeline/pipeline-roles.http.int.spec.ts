import { sql } from '@granary/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bootApp, type TestApp } from '../test-support/app';

const ADMIN_PASSWORD = 'pipeline-roles-admin';

/**
 * The pipeline on its own role (`granary_worker`, BYPASSRLS, as the launcher configures it) and,
 * without DATABASE_WORKER_URL, on the app role under row-level security: the same results.
 */
describe.each<{ mode: string; env: Record<string, string>; pipelineUser: string | null }>([
  { mode: 'the worker role', env: {}, pipelineUser: 'granary_worker' },
  { mode: 'the app role (no DATABASE_WORKER_URL)', env: { DATABASE_WORKER_URL: '' }, pipelineUser: null },
])('pipeline on $mode', ({ env, pipelineUser }) => {
  let t: TestApp;
  let admin = '';
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${t.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${admin}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await bootApp(inject('granaryDb'), { GRANARY_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env });
    admin = (await t.client.POST('/api/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } })).data!.token;
    await call('POST', '/api/user/team/secret-team');
    // Private: under row-level security only the system's roles let the pipeline see it.
    expect((await call('POST', '/api/test', { name: 'hidden', owner: 'secret-team', access: 'PRIVATE', fingerprintLabels: ['host'] })).status).toBe(201);
    const [schema] = await sql<{ id: number }>(
      t.db.ownerUrl,
      `INSERT INTO schema (uri, name, owner, access, updated_at) VALUES ('urn:hidden:1', 'hidden', 'secret-team', 'PRIVATE', now()) RETURNING id`,
    );
    await sql(
      t.db.ownerUrl,
      `INSERT INTO label (name, schema_id, extractors, function, filtering, metrics, owner, access) VALUES
         ('host', $1, '[{"name":"h","jsonpath":"$.host","isarray":false}]', NULL, true, false, 'secret-team', 'PRIVATE'),
         ('double', $1, '[{"name":"v","jsonpath":"$.value","isarray":false}]', 'v => v * 2', false, true, 'secret-team', 'PRIVATE')`,
      [schema!.id],
    );
  });
  afterAll(() => t?.close());

  it('computes datasets, label values and fingerprints of a private test', async () => {
    const response = await call('POST', '/api/run/data?test=hidden&start=1&stop=2&wait=true', { $schema: 'urn:hidden:1', host: 'h1', value: 21 });
    expect(response.status).toBe(202);
    const runId = Number(await response.text());
    const rows = await sql<{ name: string; value: unknown; fingerprint: unknown }>(
      t.db.ownerUrl,
      `SELECT l.name, lv.value, d.fingerprint FROM dataset d JOIN label_value lv ON lv.dataset_id = d.id JOIN label l ON l.id = lv.label_id
       WHERE d.run_id = $1 ORDER BY l.name`,
      [runId],
    );
    expect(rows).toEqual([
      { name: 'double', value: 42, fingerprint: { host: 'h1' } },
      { name: 'host', value: 'h1', fingerprint: { host: 'h1' } },
    ]);
  });

  it(pipelineUser ? 'connects as the worker role' : 'opens no connection of its own', async () => {
    const users = await sql<{ usename: string }>(
      t.db.superuserUrl,
      `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'granary-pipeline'`,
    );
    expect(users).toEqual(pipelineUser ? [{ usename: pipelineUser }] : []);
  });
});
