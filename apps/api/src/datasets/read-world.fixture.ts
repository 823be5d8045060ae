/**
 * The world the read API's HTTP tests share: two teams with their users, a public test with four
 * runs (one dataset each, with label values and a fingerprint) and another team's private test
 * with one run. Rows the results pipeline will write are inserted with the owner connection
 * (which row-level security does not restrict), as the pipeline would leave them.
 */
import { sql } from '@granary/db/testing';

export interface ReadWorld {
  auth: Record<'admin' | 'tester' | 'viewer' | 'uploader' | 'otherTester', Record<string, string>>;
  testId: number;
  secretTestId: number;
  schemaId: number;
  runIds: number[];
  datasetIds: number[];
  secretRunId: number;
  secretDatasetId: number;
}

/** Day `n` of January 2024, 00:00 UTC, in epoch milliseconds. */
export const day = (n: number) => Date.UTC(2024, 0, n);

export const LABEL_VALUES = [
  { throughput: 100, arch: 'x86', build: 'b1' },
  { throughput: 20, arch: 'arm', build: 'b2' },
  { throughput: 3.5, arch: 'x86', build: 'b3' },
  { throughput: 'n/a', arch: 'x86', build: '=cmd' },
] as const;

export async function buildReadWorld(t: { baseUrl: string; db: { ownerUrl: string } }, adminPassword: string): Promise<ReadWorld> {
  const call = (method: string, path: string, auth: Record<string, string>, body?: unknown) =>
    fetch(`${t.baseUrl}${path}`, { method, headers: { ...auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const login = async (username: string, password: string) => {
    const response = await call('POST', '/api/auth/login', {}, { username, password });
    return { authorization: `Bearer ${((await response.json()) as { token: string }).token}` };
  };
  const admin = await login('admin', adminPassword);
  await call('POST', '/api/user/team/perf-team', admin);
  await call('POST', '/api/user/team/other-team', admin);
  const users = [
    ['tester', 'perf-team', ['tester']],
    ['viewer', 'perf-team', ['viewer']],
    ['uploader', 'perf-team', ['uploader']],
    ['otherTester', 'other-team', ['tester']],
  ] as const;
  const auth = { admin } as unknown as ReadWorld['auth'];
  for (const [name, team, roles] of users) {
    const created = await call('POST', '/api/user/createUser', admin, { user: { username: name.toLowerCase() }, password: `${name}-password`, team, roles });
    if (created.status !== 201) {
      throw new Error(`creating ${name}: ${created.status}`);
    }
    auth[name] = await login(name.toLowerCase(), `${name}-password`);
  }
  const owner = t.db.ownerUrl;
  const [test] = await sql<{ id: number }>(
    owner,
    `INSERT INTO test (name, owner, access, folder, fingerprint_labels, updated_at) VALUES ('throughput', 'perf-team', 'PUBLIC', 'perf/nightly', '{arch}', now()) RETURNING id`,
  );
  const [secret] = await sql<{ id: number }>(owner, `INSERT INTO test (name, owner, access, updated_at) VALUES ('secret', 'other-team', 'PRIVATE', now()) RETURNING id`);
  const [schema] = await sql<{ id: number }>(owner, `INSERT INTO schema (uri, name, owner, access, updated_at) VALUES ('urn:load:1', 'load', 'perf-team', 'PUBLIC', now()) RETURNING id`);
  const labels: Record<string, number> = {};
  for (const [name, filtering, metrics] of [['throughput', false, true], ['arch', true, false], ['build', true, false]] as const) {
    const [label] = await sql<{ id: number }>(
      owner,
      `INSERT INTO label (name, schema_id, extractors, filtering, metrics, owner, access) VALUES ($1, $2, '[]', $3, $4, 'perf-team', 'PUBLIC') RETURNING id`,
      [name, schema!.id, filtering, metrics],
    );
    labels[name] = label!.id;
  }
  const addRun = async (testId: number, ownerTeam: string, access: string, n: number, values: Record<string, unknown>) => {
    const data = { $schema: 'urn:load:1', n, ...values };
    const [run] = await sql<{ id: number }>(
      owner,
      `INSERT INTO run (test_id, data, raw_data, start, stop, description, owner, access, pending)
       VALUES ($1, $2::jsonb, $3, to_timestamp($4 / 1000.0), to_timestamp($5 / 1000.0), $6, $7, $8::access, false) RETURNING id`,
      [testId, JSON.stringify(data), JSON.stringify(data), day(n), day(n) + 60_000, `run ${n}`, ownerTeam, access],
    );
    await sql(owner, `INSERT INTO run_schema (run_id, schema_id, uri, type, key, source) VALUES ($1, $2, 'urn:load:1', 0, '', 0)`, [run!.id, schema!.id]);
    const [dataset] = await sql<{ id: number }>(
      owner,
      `INSERT INTO dataset (run_id, test_id, ordinal, data, start, stop, description, owner, access, fingerprint)
       VALUES ($1, $2, 0, $3::jsonb, to_timestamp($4 / 1000.0), to_timestamp($5 / 1000.0), $6, $7, $8::access, $9::jsonb) RETURNING id`,
      [run!.id, testId, JSON.stringify([data]), day(n), day(n) + 60_000, `run ${n}`, ownerTeam, access, JSON.stringify({ arch: String(values.arch) })],
    );
    await sql(owner, `INSERT INTO dataset_schema (dataset_id, index, schema_id, uri) VALUES ($1, 0, $2, 'urn:load:1')`, [dataset!.id, schema!.id]);
    for (const [name, value] of Object.entries(values)) {
      await sql(owner, `INSERT INTO label_value (dataset_id, label_id, value) VALUES ($1, $2, $3::jsonb)`, [dataset!.id, labels[name], JSON.stringify(value)]);
    }
    return { runId: run!.id, datasetId: dataset!.id };
  };
  const created = [];
  for (const [i, values] of LABEL_VALUES.entries()) {
    created.push(await addRun(test!.id, 'perf-team', 'PUBLIC', i + 1, values));
  }
  const hidden = await addRun(secret!.id, 'other-team', 'PRIVATE', 9, { throughput: 1, arch: 'x86', build: 'hidden' });
  return {
    auth,
    testId: test!.id,
    secretTestId: secret!.id,
    schemaId: schema!.id,
    runIds: created.map((c) => c.runId),
    datasetIds: created.map((c) => c.datasetId),
    secretRunId: hidden.runId,
    secretDatasetId: hidden.datasetId,
  };
}
