import { sql } from '@granary/db/testing';
import { COMPUTE_LABEL_VALUES, STORE_LABEL_VALUES } from '@granary/pipeline';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bootApp, type TestApp } from '../test-support/app';

const ADMIN_PASSWORD = 'pipeline-admin-password';

/** The results pipeline end to end: upload → run schemas → datasets → label values → fingerprints. */
describe('results pipeline', () => {
  let t: TestApp;
  let admin = '';
  let uploaderKey = '';
  let schemaId = 0;

  const call = (method: string, path: string, auth: Record<string, string>, body?: unknown) =>
    fetch(`${t.baseUrl}${path}`, {
      method,
      headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const asAdmin = () => ({ authorization: `Bearer ${admin}` });
  const asUploader = () => ({ 'x-horreum-api-key': uploaderKey });
  const owner = () => t.db.ownerUrl;

  const upload = async (test: string, document: unknown, extra = '') => {
    const response = await call('POST', `/api/run/data?test=${test}&start=$.start&stop=$.stop&wait=true${extra}`, asUploader(), document);
    expect(response.status).toBe(202);
    return Number(await response.text());
  };
  const labelValues = async (runId: number) => {
    const rows = await sql<{ ordinal: number; name: string; value: unknown; error: string | null }>(
      owner(),
      `SELECT d.ordinal, l.name, lv.value, lv.error FROM dataset d JOIN label_value lv ON lv.dataset_id = d.id JOIN label l ON l.id = lv.label_id
       WHERE d.run_id = $1 ORDER BY d.ordinal, l.name`,
      [runId],
    );
    return rows;
  };
  const valuesOf = async (runId: number, ordinal = 0) =>
    Object.fromEntries((await labelValues(runId)).filter((r) => r.ordinal === ordinal).map((r) => [r.name, r.error === null ? r.value : { error: r.error }]));
  const addLabel = async (name: string, extractors: { name: string; jsonpath: string; isarray?: boolean }[], fn: string | null = null, filtering = false) => {
    const [row] = await sql<{ id: number }>(
      owner(),
      `INSERT INTO label (name, schema_id, extractors, function, filtering, metrics, owner, access) VALUES ($1, $2, $3, $4, $5, true, 'perf-team', 'PUBLIC') RETURNING id`,
      [name, schemaId, JSON.stringify(extractors.map((e) => ({ isarray: false, ...e }))), fn, filtering],
    );
    return row!.id;
  };

  beforeAll(async () => {
    // Small batches and recalculation chunks split in three parts: a recalculation below spans
    // several chunks, each computed by parallel transactions. With batches of one run, the
    // looping label's time limit is spent once per run, so whole-test recalculations take seconds.
    t = await bootApp(inject('granaryDb'), { GRANARY_ADMIN_PASSWORD: ADMIN_PASSWORD, GRANARY_FUNCTION_TIMEOUT_MS: '200', GRANARY_PIPELINE_BATCH: '1', GRANARY_RECALCULATION_PARALLELISM: '3' });
    admin = (await t.client.POST('/api/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } })).data!.token;
    await call('POST', '/api/user/team/perf-team', asAdmin());
    await call('POST', '/api/user/createUser', asAdmin(), { user: { username: 'ci' }, password: 'ci-password-123', team: 'perf-team', roles: ['uploader'] });
    const ci = (await t.client.POST('/api/auth/login', { body: { username: 'ci', password: 'ci-password-123' } })).data!.token;
    uploaderKey = await (await call('POST', '/api/user/apikey', { authorization: `Bearer ${ci}` }, { name: 'ci' })).text();
    expect((await call('POST', '/api/test', asAdmin(), { name: 'load', owner: 'perf-team', access: 'PUBLIC' })).status).toBe(201);
    const [schema] = await sql<{ id: number }>(owner(), `INSERT INTO schema (uri, name, owner, access, updated_at) VALUES ('urn:load:1.0', 'load', 'perf-team', 'PUBLIC', now()) RETURNING id`);
    schemaId = schema!.id;
    await addLabel('throughput', [{ name: 'tp', jsonpath: '$.results.throughput' }]);
    await addLabel('latencies', [{ name: 'l', jsonpath: '$.results.samples[*].latency', isarray: true }]);
    await addLabel('ratio', [{ name: 'a', jsonpath: '$.results.throughput' }, { name: 'b', jsonpath: '$.results.errors' }], '({a, b}) => a / (b + 1)');
    await addLabel('pair', [{ name: 'host', jsonpath: '$.env.host' }, { name: 'cpus', jsonpath: '$.env.cpus' }]);
    await addLabel('host', [{ name: 'h', jsonpath: '$.env.host' }], null, true);
    await addLabel('loops', [{ name: 'x', jsonpath: '$.results.throughput' }], 'x => { while (true) {} }');
  });
  afterAll(() => t.close());

  const document = (throughput: number, host = 'a1') => ({
    $schema: 'urn:load:1.0',
    start: 1700000000000,
    stop: 1700000060000,
    env: { host, cpus: 8 },
    results: { throughput, errors: 1, samples: [{ latency: 1.5 }, { latency: 2.5 }] },
  });

  it('turns an upload into a dataset with label values and a fingerprint before answering ?wait=true', async () => {
    const runId = await upload('load', document(1000));
    expect(await valuesOf(runId)).toEqual({
      throughput: 1000,
      latencies: [1.5, 2.5],
      ratio: 500,
      pair: { host: 'a1', cpus: 8 },
      host: 'a1',
      loops: { error: expect.stringMatching(/time/i) },
    });
    await sql(owner(), `UPDATE test SET fingerprint_labels = '{host}' WHERE name = 'load'`);
    const [run] = await sql<{ pending: boolean }>(owner(), 'SELECT pending FROM run WHERE id = $1', [runId]);
    expect(run!.pending).toBe(false);
  });

  it("refers to the run's document instead of copying it when the document is the dataset, and shows it the same", async () => {
    const runId = await upload('load', document(1100));
    const [stored] = await sql<{ id: number; copied: boolean; schemas: unknown }>(
      owner(),
      `SELECT d.id, d.data IS NOT NULL AS copied, (SELECT jsonb_agg(jsonb_build_array(ds.index, ds.uri)) FROM dataset_schema ds WHERE ds.dataset_id = d.id) AS schemas
       FROM dataset d WHERE d.run_id = $1`,
      [runId],
    );
    expect(stored).toMatchObject({ copied: false, schemas: [[0, 'urn:load:1.0']] });
    const response = await call('GET', `/api/dataset/${stored!.id}`, asAdmin());
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown }).data).toEqual([document(1100)]);
    expect(await valuesOf(runId)).toMatchObject({ throughput: 1100, host: 'a1' });
    // Two schema-carrying parts (the root and a first-level object): the dataset holds both.
    const twoParts = await upload('load', { ...document(1200), extra: { $schema: 'urn:load:1.0', results: { throughput: 5 } } });
    const [copied] = await sql<{ data: unknown[] }>(owner(), 'SELECT data FROM dataset WHERE run_id = $1', [twoParts]);
    expect(copied!.data).toHaveLength(2);
  });

  it('records the fingerprint from the test fingerprint labels, values as text', async () => {
    const runId = await upload('load', document(1200, 'b2'));
    const [dataset] = await sql<{ fingerprint: unknown }>(owner(), 'SELECT fingerprint FROM dataset WHERE run_id = $1', [runId]);
    expect(dataset!.fingerprint).toEqual({ host: 'b2' });
  });

  it('keeps a run without a known schema as one empty dataset', async () => {
    const runId = await upload('load', { start: 1700000000000, stop: 1700000000001, whatever: true });
    const rows = await sql<{ data: unknown; description: string }>(owner(), 'SELECT data, description FROM dataset WHERE run_id = $1', [runId]);
    expect(rows).toEqual([{ data: [], description: 'Empty Dataset for run data without any schema.' }]);
  });

  it('recomputes only a changed label, with progress, keeping old values readable meanwhile', async () => {
    const before = await upload('load', document(2000));
    // 4 datasets per part, 3 parts per chunk: 14 more datasets make two chunks of parallel parts.
    const more = await Promise.all(Array.from({ length: 14 }, (_, i) => upload('load', document(100 + i))));
    const [{ id: labelId }] = (await sql<{ id: number }>(owner(), `SELECT id FROM label WHERE name = 'throughput'`)) as [{ id: number }];
    const [{ id: ratioId }] = (await sql<{ id: number }>(owner(), `SELECT id FROM label WHERE name = 'ratio'`)) as [{ id: number }];
    await sql(owner(), `UPDATE label_value SET value = '"stale"' WHERE label_id = $1`, [ratioId]);
    await sql(owner(), `UPDATE label SET function = 'v => v * 2' WHERE id = $1`, [labelId]);
    await sql(owner(), `INSERT INTO recalculation (kind, reason, label_ids) VALUES ('labels', 'test', $1)`, [[labelId]]);
    await call('POST', '/api/run/data?test=load&start=$.start&stop=$.stop&wait=true', asUploader(), document(1)); // wakes the worker
    await expect.poll(async () => (await valuesOf(before)).throughput, { timeout: 30_000 }).toBe(4000);
    // The other label was not recomputed.
    expect((await valuesOf(before)).ratio).toBe('stale');
    await expect.poll(async () => (await Promise.all(more.map(async (id) => (await valuesOf(id)).throughput))), { timeout: 30_000 }).toEqual(more.map((_, i) => 2 * (100 + i)));
    const progress = await sql<{ state: string; done: number; total: number }>(owner(), `SELECT state, done, total FROM recalculation WHERE test_id IS NOT NULL AND kind = 'labels'`);
    expect(progress).toEqual([{ state: 'done', done: progress[0]!.total, total: expect.any(Number) }]);
    expect(progress[0]!.total).toBeGreaterThanOrEqual(15);
  }, 90_000);

  it('makes a repeated upload with the same upload key a no-op', async () => {
    const first = await upload('load', document(5), '&uploadKey=build-17');
    const second = await upload('load', document(5), '&uploadKey=build-17');
    expect(second).toBe(first);
    const [count] = await sql<{ n: number }>(owner(), `SELECT count(*)::int AS n FROM run WHERE upload_key = 'build-17'`);
    expect(count!.n).toBe(1);
  });

  it('refuses documents nested deeper than the limit with 422 and stores nothing', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = { d: deep };
    const [{ n: before }] = (await sql<{ n: number }>(owner(), 'SELECT count(*)::int AS n FROM run')) as [{ n: number }];
    const response = await call('POST', '/api/run/data?test=load&start=1&stop=2', asUploader(), deep);
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    const [{ n: after }] = (await sql<{ n: number }>(owner(), 'SELECT count(*)::int AS n FROM run')) as [{ n: number }];
    expect(after).toBe(before);
  });

  it('answers 415 to a document that is not sent as JSON, 400 to invalid JSON, and stores neither', async () => {
    const [{ n: before }] = (await sql<{ n: number }>(owner(), 'SELECT count(*)::int AS n FROM run')) as [{ n: number }];
    const xml = await fetch(`${t.baseUrl}/api/run/data?test=load&start=1&stop=2`, { method: 'POST', headers: { ...asUploader(), 'content-type': 'application/xml' }, body: '<run/>' });
    expect(xml.status).toBe(415);
    expect(((await xml.json()) as { type: string }).type).toBe('urn:granary:problem:unsupported-media-type');
    const broken = await fetch(`${t.baseUrl}/api/run/data?test=load&start=1&stop=2`, { method: 'POST', headers: { ...asUploader(), 'content-type': 'application/json' }, body: '{"a": ' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { type: string }).type).toBe('urn:granary:problem:malformed-json');
    const [{ n: after }] = (await sql<{ n: number }>(owner(), 'SELECT count(*)::int AS n FROM run')) as [{ n: number }];
    expect(after).toBe(before);
  });

  it('accepts Horreum addRun (POST /api/run/test) with a Run object', async () => {
    const response = await call('POST', '/api/run/test?test=load&wait=true', asUploader(), { start: 1700000000000, stop: 1700000001000, data: document(7), metadata: { $schema: 'urn:meta', tool: 'x' } });
    expect(response.status).toBe(202);
    const [id] = (await response.json()) as number[];
    expect((await valuesOf(id!)).throughput).toBe(14);
    const [run] = await sql<{ metadata: unknown }>(owner(), 'SELECT metadata FROM run WHERE id = $1', [id]);
    expect(run!.metadata).toEqual([{ $schema: 'urn:meta', tool: 'x' }]);
  });

  it('recalculates a test on request (POST /api/test/{id}/recalculate) with Horreum status and Granary progress', async () => {
    const [{ id: testId }] = (await sql<{ id: number }>(owner(), `SELECT id FROM test WHERE name = 'load'`)) as [{ id: number }];
    const [{ n: runs }] = (await sql<{ n: number }>(owner(), `SELECT count(*)::int AS n FROM run WHERE test_id = $1 AND NOT trashed`, [testId])) as [{ n: number }];
    expect((await call('POST', `/api/test/${testId}/recalculate`, asUploader())).status).toBe(403);
    expect((await call('POST', `/api/test/${testId}/recalculate`, asAdmin())).status).toBe(201);
    await expect
      .poll(async () => (await (await call('GET', `/api/test/${testId}/recalculate`, asAdmin())).json()) as Record<string, unknown>, { timeout: 45_000 })
      .toMatchObject({ totalRuns: runs, finished: runs, state: 'done', percent: 100, datasets: expect.any(Number), timestamp: expect.any(Number) });
    const list = (await (await call('GET', `/api/test/${testId}/recalculations`, asAdmin())).json()) as { kind: string; state: string }[];
    expect(list[0]).toMatchObject({ kind: 'runs', state: 'done' });
    const [{ n: pending }] = (await sql<{ n: number }>(owner(), `SELECT count(*)::int AS n FROM run WHERE pending`)) as [{ n: number }];
    expect(pending).toBe(0);
  }, 90_000);

  it('recalculates one run synchronously and answers its dataset ids (Horreum recalculateRunDatasets)', async () => {
    const runId = await upload('load', document(3));
    const response = await call('POST', `/api/run/${runId}/recalculate`, asAdmin());
    expect(response.status).toBe(200);
    const ids = (await response.json()) as number[];
    const datasets = await sql<{ id: number }>(owner(), 'SELECT id FROM dataset WHERE run_id = $1', [runId]);
    expect(ids).toEqual(datasets.map((d) => d.id));
    expect((await call('POST', `/api/run/999999/recalculate`, asAdmin())).status).toBe(404);
  });

  it('previews a label on a pasted document, a run and a dataset, with console output and errors', async () => {
    const preview = async (body: unknown) => {
      const response = await call('POST', '/api/labels/preview', asAdmin(), body);
      expect(response.status).toBe(200);
      return (await response.json()) as { value?: unknown; error?: string; output?: string };
    };
    const label = { extractors: [{ name: 'a', jsonpath: '$.x' }, { name: 'b', jsonpath: '$.y[*]', isarray: true }], function: '({a, b}) => { console.log("a is", a); return a + b.length; }' };
    expect(await preview({ label, document: { x: 40, y: [1, 2] } })).toEqual({ value: 42, output: 'a is 40' });
    expect((await preview({ label: { ...label, function: 'v => { while (true) {} }' }, document: { x: 1 } })).error).toMatch(/time/i);
    expect((await preview({ label: { extractors: [{ name: 'a', jsonpath: '$.x ? (' }] }, document: {} })).error).toMatch(/^Extractor a: /);
    const runId = await upload('load', document(11));
    const [dataset] = await sql<{ id: number }>(owner(), 'SELECT id FROM dataset WHERE run_id = $1', [runId]);
    const tp = { extractors: [{ name: 'tp', jsonpath: '$.results.throughput' }], schemaId };
    expect(await preview({ label: tp, runId })).toEqual({ value: 11 });
    expect(await preview({ label: tp, datasetId: dataset!.id })).toEqual({ value: 11 });
    const horreum = await call('POST', `/api/dataset/${dataset!.id}/previewLabel`, asAdmin(), { name: 'tp', ...tp, function: 'v => v + 1' });
    expect(await horreum.json()).toEqual({ value: 12 });
    expect((await call('POST', '/api/labels/preview', asAdmin(), { label: tp, runId: 999999 })).status).toBe(404);
    expect((await call('POST', '/api/labels/preview', asAdmin(), { label: tp })).status).toBe(400);
  });

  it("evaluates a JSONPath in PostgreSQL's dialect on a pasted document", async () => {
    const evaluate = async (jsonpath: string, isarray: boolean, doc: unknown) =>
      (await (await call('POST', '/api/jsonpath/evaluate', asAdmin(), { jsonpath, isarray, document: doc })).json()) as { value?: unknown; error?: string };
    const doc = { a: [{ b: 1 }, { b: 2 }, { b: 3 }] };
    expect(await evaluate('$.a.b', true, doc)).toEqual({ value: [1, 2, 3] }); // lax mode unwraps arrays
    expect(await evaluate('$.a[*] ? (@.b > 1).b', false, doc)).toEqual({ value: 2 });
    expect(await evaluate('$.a.size()', false, doc)).toEqual({ value: 3 });
    expect((await evaluate('$.a[', false, doc)).error).toEqual(expect.any(String));
  });

  it('runs the transformer a test selected: one dataset per result, tagged with the target schema, with its labels', async () => {
    const [{ id: testId }] = (await sql<{ id: number }>(owner(), `SELECT id FROM test WHERE name = 'load'`)) as [{ id: number }];
    const [multi] = await sql<{ id: number }>(owner(), `INSERT INTO schema (uri, name, owner, access, updated_at) VALUES ('urn:multi:1.0', 'multi', 'perf-team', 'PUBLIC', now()) RETURNING id`);
    const [item] = await sql<{ id: number }>(owner(), `INSERT INTO schema (uri, name, owner, access, updated_at) VALUES ('urn:item:1.0', 'item', 'perf-team', 'PUBLIC', now()) RETURNING id`);
    const [transformer] = await sql<{ id: number }>(
      owner(),
      `INSERT INTO transformer (name, schema_id, target_schema_uri, extractors, function, owner) VALUES ('split', $1, 'urn:item:1.0', $2, $3, 'perf-team') RETURNING id`,
      [multi!.id, JSON.stringify([{ name: 'results', jsonpath: '$.results[*]', isarray: true }, { name: 'host', jsonpath: '$.host', isarray: false }]), '({results, host}) => results.map(r => ({ host, name: r.name, value: r.value }))'],
    );
    await sql(owner(), 'INSERT INTO test_transformer (test_id, transformer_id) VALUES ($1, $2)', [testId, transformer!.id]);
    await sql(owner(), `INSERT INTO label (name, schema_id, extractors, owner) VALUES ('value', $1, $2, 'perf-team'), ('name', $1, $3, 'perf-team')`, [
      item!.id,
      JSON.stringify([{ name: 'v', jsonpath: '$.value', isarray: false }]),
      JSON.stringify([{ name: 'n', jsonpath: '$.name', isarray: false }]),
    ]);
    const runId = await upload('load', { $schema: 'urn:multi:1.0', start: 1, stop: 2, host: 'h1', results: [{ name: 'a', value: 1 }, { name: 'b', value: 2 }, { name: 'c', value: 3 }] });
    const datasets = await sql<{ ordinal: number; data: unknown }>(owner(), 'SELECT ordinal, data FROM dataset WHERE run_id = $1 ORDER BY ordinal', [runId]);
    expect(datasets).toEqual([
      { ordinal: 0, data: [{ $schema: 'urn:item:1.0', host: 'h1', name: 'a', value: 1 }] },
      { ordinal: 1, data: [{ $schema: 'urn:item:1.0', host: 'h1', name: 'b', value: 2 }] },
      { ordinal: 2, data: [{ $schema: 'urn:item:1.0', host: 'h1', name: 'c', value: 3 }] },
    ]);
    expect(await valuesOf(runId, 2)).toEqual({ name: 'c', value: 3 });
    // A run of another schema in the same test is still one dataset of its own parts.
    expect(await valuesOf(await upload('load', document(9)))).toMatchObject({ throughput: 18 });
  });

  it('records JSON Schema violations on the run and its dataset without refusing the upload', async () => {
    await sql(owner(), `UPDATE schema SET schema = $1, updated_at = now() WHERE uri = 'urn:load:1.0'`, [JSON.stringify({ type: 'object', required: ['results'], properties: { env: { type: 'object', required: ['host'] } } })]);
    const runId = await upload('load', { $schema: 'urn:load:1.0', start: 1, stop: 2, env: {} });
    const runErrors = await sql<{ error: { type: string; message: string } }>(owner(), 'SELECT error FROM run_validation_error WHERE run_id = $1 ORDER BY id', [runId]);
    expect(runErrors.map((e) => e.error.type).sort()).toEqual(['required', 'required']);
    const datasetErrors = await sql<{ error: { type: string } }>(owner(), 'SELECT e.error FROM dataset_validation_error e JOIN dataset d ON d.id = e.dataset_id WHERE d.run_id = $1', [runId]);
    expect(datasetErrors).toHaveLength(2);
    expect((await valuesOf(runId)).host).toBeNull();
    await sql(owner(), `UPDATE schema SET schema = NULL WHERE uri = 'urn:load:1.0'`);
  });

  it('sets a run schema afterwards (Horreum updateRunSchema) and transforms the run again', async () => {
    const runId = await upload('load', { start: 1, stop: 2, results: { throughput: 77 } });
    expect(await valuesOf(runId)).toEqual({});
    const response = await fetch(`${t.baseUrl}/api/run/${runId}/schema`, { method: 'POST', headers: { ...asAdmin(), 'content-type': 'text/plain' }, body: '"urn:load:1.0"' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ [String(schemaId)]: 'urn:load:1.0' });
    await expect.poll(async () => (await valuesOf(runId)).throughput, { timeout: 10_000 }).toBe(154);
    const bad = await fetch(`${t.baseUrl}/api/run/${runId}/schema?path=nowhere`, { method: 'POST', headers: { ...asAdmin(), 'content-type': 'text/plain' }, body: 'urn:load:1.0' });
    expect(bad.status).toBe(400);
  });

  it("deletes a label's values with the label, also those of a computation it waited for, and a schema's with the schema", async () => {
    const [other] = await sql<{ id: number }>(owner(), `INSERT INTO schema (uri, name, owner, access, updated_at) VALUES ('urn:gone:1.0', 'gone', 'perf-team', 'PUBLIC', now()) RETURNING id`);
    const labelIn = async (schema: number, name: string) =>
      (await sql<{ id: number }>(owner(), `INSERT INTO label (name, schema_id, extractors, owner, access) VALUES ($1, $2, '[{"name": "v", "jsonpath": "$.v", "isarray": false}]', 'perf-team', 'PUBLIC') RETURNING id`, [name, schema]))[0]!.id;
    const doomed = await labelIn(schemaId, 'doomed');
    const onOther = await labelIn(other!.id, 'on_other');
    const runId = await upload('load', [{ ...document(5), v: 1 }, { $schema: 'urn:gone:1.0', v: 2 }]);
    const countOf = async (labelId: number) => (await sql<{ n: number }>(owner(), 'SELECT count(*)::int AS n FROM label_value WHERE label_id = $1', [labelId]))[0]!.n;
    expect([await countOf(doomed), await countOf(onOther)]).toEqual([1, 1]);
    const datasetIds = (await sql<{ id: number }>(owner(), 'SELECT id FROM dataset WHERE run_id = $1', [runId])).map((r) => r.id);

    // The pipeline's computation holds the label: deleting it waits, then deletes the values written meanwhile.
    const pipeline = new pg.Client({ connectionString: owner() });
    const deleter = new pg.Client({ connectionString: owner() });
    await Promise.all([pipeline.connect(), deleter.connect()]);
    try {
      await pipeline.query('BEGIN');
      await pipeline.query('DELETE FROM label_value WHERE label_id = $1', [doomed]);
      await pipeline.query(COMPUTE_LABEL_VALUES, [datasetIds, [doomed]]);
      await deleter.query(`SET lock_timeout = '300ms'`);
      await expect(deleter.query('DELETE FROM label WHERE id = $1', [doomed])).rejects.toMatchObject({ code: '55P03' });
      await deleter.query('SET lock_timeout = 0');
      const deleted = deleter.query('DELETE FROM label WHERE id = $1', [doomed]);
      // Function results of a label that no longer exists are not stored.
      const stored = await pipeline.query(STORE_LABEL_VALUES, [JSON.stringify([{ dataset_id: datasetIds[0], label_id: 2_000_000_000, value: 1, error: null }])]);
      expect(stored.rowCount).toBe(0);
      await pipeline.query('COMMIT');
      expect((await deleted).rowCount).toBe(1);
    } finally {
      await Promise.all([pipeline.end(), deleter.end()]);
    }
    expect(await countOf(doomed)).toBe(0);
    await sql(owner(), 'DELETE FROM schema WHERE id = $1', [other!.id]);
    expect(await countOf(onOther)).toBe(0);
    // The other labels' values stay.
    expect((await labelValues(runId)).length).toBeGreaterThan(0);
  });

  it("answers Horreum's /api/config/version and /api/config/keycloak", async () => {
    expect(await (await call('GET', '/api/config/version', {})).json()).toMatchObject({ version: expect.any(String), startTimestamp: expect.any(Number) });
    expect(await (await call('GET', '/api/config/keycloak', {})).json()).toEqual({ realm: null, url: null, clientId: null });
  });
});
