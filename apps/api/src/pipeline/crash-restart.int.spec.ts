import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase, sql, type TestDatabase } from '@granary/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const RUNS = 1500;
const CLIENTS = 8;
const ADMIN_PASSWORD = 'crash-admin-password';

/** The API as its own process (dist/main.js), so that it can be killed like a crashing server. */
async function startApi(db: TestDatabase): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = fork(path.resolve(__dirname, '../../dist/main.js'), [], {
    env: { ...process.env, DATABASE_URL: db.ownerUrl, DATABASE_APP_URL: db.appUrl, GRANARY_API_PORT: '0', GRANARY_API_HOST: '127.0.0.1', LOG_LEVEL: process.env.CRASH_LOG ?? 'error', GRANARY_ADMIN_PASSWORD: ADMIN_PASSWORD },
    stdio: ['ignore', process.env.CRASH_LOG ? 'inherit' : 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the API exited with ${code}`)));
    child.on('message', (m: { type?: string; port?: number }) => m.type === 'listening' && resolve(m.port!));
  });
  child.removeAllListeners('exit');
  return { child, baseUrl: `http://127.0.0.1:${port}` };
}

describe('a server killed in the middle of an upload burst', () => {
  let db: TestDatabase;
  let api: { child: ChildProcess; baseUrl: string };

  beforeAll(async () => {
    db = await createTestDatabase(inject('granaryDb'));
    api = await startApi(db);
  });
  afterAll(() => {
    api?.child.kill('SIGKILL');
  });

  it('loses no acknowledged run and leaves no dataset without its label values after a restart', async () => {
    const call = (method: string, p: string, headers: Record<string, string>, body?: unknown) =>
      fetch(`${api.baseUrl}${p}`, { method, headers: { ...headers, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const login = await call('POST', '/api/auth/login', {}, { username: 'admin', password: ADMIN_PASSWORD });
    const admin = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
    await call('POST', '/api/user/team/perf-team', admin);
    await call('POST', '/api/test', admin, { name: 'burst', owner: 'perf-team' });
    const [schema] = await sql<{ id: number }>(db.ownerUrl, `INSERT INTO schema (uri, name, owner, updated_at) VALUES ('urn:burst', 'burst', 'perf-team', now()) RETURNING id`);
    for (const [name, jsonpath, fn] of [['a', '$.a', null], ['b', '$.m.b', null], ['c', '$.m.c[*]', 'v => v * 2'], ['d', '$.s', null]] as const) {
      await sql(db.ownerUrl, `INSERT INTO label (name, schema_id, extractors, function, owner) VALUES ($1, $2, $3, $4, 'perf-team')`, [name, schema!.id, JSON.stringify([{ name, jsonpath, isarray: false }]), fn]);
    }
    const key = await (await call('POST', '/api/user/apikey', admin, { name: 'ci' })).text();

    // Eight CI clients upload; half-way through the server is killed (SIGKILL: no shutdown at all)
    // and started again; clients retry what was not acknowledged, as CI jobs do.
    const acknowledged: number[] = [];
    let next = 0;
    let pendingAtCrash = -1;
    let restarted: Promise<void> | undefined;
    const restart = async () => {
      api.child.kill('SIGKILL');
      await new Promise((resolve) => api.child.once('exit', resolve));
      pendingAtCrash = (await sql<{ n: number }>(db.ownerUrl, 'SELECT count(*)::int AS n FROM run WHERE pending'))[0]!.n;
      api = await startApi(db);
    };
    const client = async () => {
      while (next < RUNS) {
        const i = next++;
        const doc = { $schema: 'urn:burst', a: i, m: { b: `host-${i % 7}`, c: [i, i + 1] }, s: 'x'.repeat(2000), start: 1700000000000 + i, stop: 1700000000000 + i };
        if (i === Math.floor(RUNS / 2)) {
          restarted = restart();
        }
        for (let attempt = 0; attempt < 50; attempt++) {
          try {
            const response = await fetch(`${api.baseUrl}/api/run/data?test=burst&start=$.start&stop=$.stop&uploadKey=doc-${i}`, {
              method: 'POST',
              headers: { 'x-horreum-api-key': key, 'content-type': 'application/json' },
              body: JSON.stringify(doc),
            });
            if (response.status === 202) {
              acknowledged.push(Number(await response.text()));
              break;
            }
          } catch {
            // not acknowledged: the server is gone; retry once it is back
          }
          await (restarted ?? new Promise((resolve) => setTimeout(resolve, 100)));
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    await restarted;
    expect(pendingAtCrash).toBeGreaterThanOrEqual(0);
    expect(new Set(acknowledged).size).toBe(RUNS);
    await expect.poll(async () => (await sql<{ n: number }>(db.ownerUrl, 'SELECT count(*)::int AS n FROM run WHERE pending'))[0]!.n, { timeout: 60_000, interval: 200 }).toBe(0);

    const stored = await sql<{ id: number }>(db.ownerUrl, 'SELECT id FROM run');
    const storedIds = new Set(stored.map((r) => r.id));
    expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);
    const [check] = await sql<{ runs: number; datasets: number; incomplete: number; errors: number }>(
      db.ownerUrl,
      `SELECT (SELECT count(*)::int FROM run) AS runs,
              (SELECT count(*)::int FROM dataset) AS datasets,
              (SELECT count(*)::int FROM dataset d WHERE (SELECT count(*) FROM label_value lv WHERE lv.dataset_id = d.id) <> 4) AS incomplete,
              (SELECT count(*)::int FROM label_value WHERE error IS NOT NULL) AS errors`,
    );
    expect(check).toEqual({ runs: RUNS, datasets: RUNS, incomplete: 0, errors: 0 });
    console.info(`crash test: ${RUNS} runs acknowledged (retried with upload keys across the restart), ${pendingAtCrash} were pending at the crash; all processed after the restart`);
  }, 120_000);
});
