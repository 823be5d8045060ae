import { createGranaryClient, type GranaryClient, type Schemas } from '@granary/api-client';
import { sql } from '@granary/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bootApp, type TestApp } from '../test-support/app';

const ADMIN_PASSWORD = 'definitions-admin-password';
type Who = 'admin' | 'tester' | 'viewer' | 'other' | 'anonymous';
type TestExport = Schemas['TestExport'];
type SchemaExport = Schemas['SchemaExport'];

/** The definition without the ids this instance gave it, to compare across imports. */
function withoutIds<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'id' || key === 'schemaId' ? undefined : v))) as T;
}

/** The same definitions under other names and URIs (`-copy`), as a second team would import them. */
function renamed<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replace(/(urn:[a-z-]+):1\.0/g, '$1-copy:1.0').replace(/"(name|schemaName)":"(bench[a-z-]*|carried|nightly)"/g, '"$1":"$2-copy"')) as T;
}

describe("Horreum's test export and import, and a test's transformers", () => {
  let t: TestApp;
  const as = {} as Record<Who, GranaryClient>;
  let testId = 0;
  let exported: TestExport;

  const counts = async () =>
    (
      await sql<{ schemas: number; labels: number; transformers: number; tests: number; choices: number; recalculations: number }>(
        t.db.ownerUrl,
        `SELECT (SELECT count(*) FROM schema)::int AS schemas, (SELECT count(*) FROM label)::int AS labels,
                (SELECT count(*) FROM transformer)::int AS transformers, (SELECT count(*) FROM test)::int AS tests,
                (SELECT count(*) FROM test_transformer)::int AS choices, (SELECT count(*) FROM recalculation)::int AS recalculations`,
      )
    )[0]!;
  const schemaId = async (uri: string) => (await as.tester.GET('/api/schema/idByUri/{uri}', { params: { path: { uri } } })).data!;

  beforeAll(async () => {
    // No pipeline worker: these tests check the requests filed, which a worker would consume.
    t = await bootApp(inject('granaryDb'), { GRANARY_ADMIN_PASSWORD: ADMIN_PASSWORD, GRANARY_WORKERS: 'false' });
    const login = async (username: string, password: string) => (await t.client.POST('/api/auth/login', { body: { username, password } })).data!.token;
    as.admin = createGranaryClient({ baseUrl: t.baseUrl, token: await login('admin', ADMIN_PASSWORD) });
    as.anonymous = t.client;
    for (const team of ['perf-team', 'other-team']) {
      await as.admin.POST('/api/user/team/{team}', { params: { path: { team } } });
    }
    for (const [name, team, role] of [['tester', 'perf-team', 'tester'], ['viewer', 'perf-team', 'viewer'], ['other', 'other-team', 'tester']] as const) {
      await as.admin.POST('/api/user/createUser', { body: { user: { username: name }, password: `${name}-password`, team, roles: [role] } as Schemas['NewUser'] });
      as[name] = createGranaryClient({ baseUrl: t.baseUrl, token: await login(name, `${name}-password`) });
    }

    // A test that uploads `urn:bench:1.0` documents, split by a transformer into `urn:bench-result:1.0` datasets.
    const bench = (await as.tester.POST('/api/schema', { body: { name: 'bench', uri: 'urn:bench:1.0', owner: 'perf-team', schema: { type: 'object' } } })).data!;
    await as.tester.POST('/api/schema/{schemaId}/labels', {
      params: { path: { schemaId: bench } },
      body: [
        { name: 'build', extractors: [{ name: 'build', jsonpath: '$.build' }], metrics: false },
        { name: 'throughput', extractors: [{ name: 'a', jsonpath: '$.a' }, { name: 'b', jsonpath: '$.b[*]', isarray: true }], function: '({ a, b }) => a + b.length', filtering: false },
      ],
    });
    const split = (await as.tester.POST('/api/schema/{schemaId}/transformers', {
      params: { path: { schemaId: bench } },
      body: { name: 'split', targetSchemaUri: 'urn:bench-result:1.0', extractors: [{ name: 'results', jsonpath: '$.results', isarray: true }], function: 'r => r' },
    })).data!;
    const result = (await as.tester.POST('/api/schema', { body: { name: 'bench-result', uri: 'urn:bench-result:1.0', owner: 'perf-team', access: 'PROTECTED' } })).data!;
    await as.tester.POST('/api/schema/{schemaId}/labels', { params: { path: { schemaId: result } }, body: [{ name: 'rps', extractors: [{ name: 'rps', jsonpath: '$.rps' }] }] });
    const carried = (await as.tester.POST('/api/schema', { body: { name: 'carried', uri: 'urn:carried:1.0', owner: 'perf-team' } })).data!;
    await as.tester.POST('/api/schema', { body: { name: 'unrelated', uri: 'urn:unrelated:1.0', owner: 'perf-team' } });

    testId = (await as.tester.POST('/api/test', { body: { name: 'nightly', owner: 'perf-team', access: 'PUBLIC', description: 'every night', folder: 'perf' } })).data!.id;
    await sql(t.db.ownerUrl, "UPDATE test SET fingerprint_labels = ARRAY['build'], timeline_labels = ARRAY['build'], compare_url = 'ids => ids.join()' WHERE id = $1", [testId]);
    expect((await as.tester.POST('/api/test/{id}/transformers', { params: { path: { id: testId } }, body: [split] })).response.status).toBe(201);
    // A run of the test carries the `carried` schema too (as the pipeline would record it).
    const [{ id: runId }] = (await sql<{ id: number }>(
      t.db.ownerUrl,
      `INSERT INTO run (test_id, data, raw_data, start, stop, owner, access) VALUES ($1, '{"$schema": "urn:carried:1.0"}', '{}', now(), now(), 'perf-team', 'PUBLIC') RETURNING id`,
      [testId],
    )) as [{ id: number }];
    await sql(t.db.ownerUrl, "INSERT INTO run_schema (run_id, schema_id, uri, type) VALUES ($1, $2, 'urn:carried:1.0', 0) ON CONFLICT DO NOTHING", [runId, carried]);
  });
  afterAll(() => t.close());

  it("exports a test in Horreum's TestExport shape, with the schemas, labels and transformers it uses", async () => {
    const { data, response } = await as.anonymous.GET('/api/test/{id}/export', { params: { path: { id: testId } } });
    expect(response.status).toBe(200);
    exported = data!;
    expect(exported).toMatchObject({
      id: testId,
      name: 'nightly',
      description: 'every night',
      folder: 'perf',
      owner: 'perf-team',
      access: 'PUBLIC',
      fingerprintLabels: ['build'],
      timelineLabels: ['build'],
      compareUrl: 'ids => ids.join()',
      notificationsEnabled: true,
      transformers: [{ name: 'split', schemaUri: 'urn:bench:1.0', schemaName: 'bench', targetSchemaUri: 'urn:bench-result:1.0', extractors: [{ name: 'results', jsonpath: '$.results', isarray: true }] }],
      variables: [],
      missingDataRules: [],
      experiments: [],
      actions: [],
    });
    // Anonymous callers get the public schemas only; the protected target schema needs a viewer.
    expect(exported).not.toHaveProperty('datastoreId');
    expect(exported.schemas.map((s) => s.uri)).toEqual(['urn:bench:1.0', 'urn:carried:1.0']);
    exported = (await as.viewer.GET('/api/test/{id}/export', { params: { path: { id: testId } } })).data!;
    expect(exported.schemas.map((s) => s.uri)).toEqual(['urn:bench:1.0', 'urn:bench-result:1.0', 'urn:carried:1.0']);
    const bench = exported.schemas[0]!;
    expect(bench).toMatchObject({ name: 'bench', schema: { type: 'object' }, transformers: [{ name: 'split' }] });
    expect(bench.labels.map((l) => [l.name, l.extractors.length, l.function ?? null])).toEqual([
      ['build', 1, null],
      ['throughput', 2, '({ a, b }) => a + b.length'],
    ]);
  });

  it("answers another team's private test 404, and lets anonymous callers export public ones only", async () => {
    const [{ id }] = (await sql<{ id: number }>(t.db.ownerUrl, "INSERT INTO test (name, owner, access, updated_at) VALUES ('their-secret', 'other-team', 'PRIVATE', now()) RETURNING id")) as [{ id: number }];
    expect((await as.tester.GET('/api/test/{id}/export', { params: { path: { id } } })).response.status).toBe(404);
    expect((await as.other.GET('/api/test/{id}/export', { params: { path: { id } } })).response.status).toBe(200);
    expect((await as.anonymous.GET('/api/test/{id}/export', { params: { path: { id: 999_999 } } })).response.status).toBe(404);
  });

  it('imports the export under fresh names in one go, and a second import updates rather than duplicates', async () => {
    const before = await counts();
    const copy = renamed(exported) as unknown as Schemas['TestExportInput'];
    const created = await as.tester.POST('/api/test/import', { body: copy });
    expect(created.response.status, JSON.stringify(created.error)).toBe(201);
    const copyId = created.data!;
    expect(copyId).not.toBe(testId);
    const after = await counts();
    expect(after).toMatchObject({ schemas: before.schemas + 3, labels: before.labels + 3, transformers: before.transformers + 1, tests: before.tests + 1, choices: before.choices + 1 });

    // The copy is the original under its new names: test fields, transformers, schemas, labels.
    const copied = (await as.viewer.GET('/api/test/{id}/export', { params: { path: { id: copyId } } })).data!;
    const { schemas: originalSchemas, ...original } = renamed(exported);
    const { schemas: _copiedSchemas, ...copiedTest } = copied;
    expect(withoutIds(copiedTest)).toEqual(withoutIds(original));
    for (const schema of originalSchemas) {
      const imported = (await as.viewer.GET('/api/schema/{id}/export', { params: { path: { id: await schemaId(schema.uri) } } })).data!;
      expect(withoutIds(imported)).toEqual(withoutIds(schema));
    }

    // Importing the same file again (PUT or POST) finds everything by name and URI: nothing new, nothing recomputed.
    const again = await as.tester.PUT('/api/test/import', { body: copy });
    expect(again.response.status).toBe(200);
    expect(again.data).toBe(copyId);
    expect((await as.tester.POST('/api/test/import', { body: copy })).data).toBe(copyId);
    expect(await counts()).toEqual(after);
  });

  it('files a recalculation for exactly the label an import changes', async () => {
    const copy = renamed(exported) as unknown as Schemas['TestExportInput'];
    const throughput = copy.schemas![0]!.labels!.find((l) => l.name === 'throughput')!;
    throughput.function = '({ a, b }) => a * b.length';
    const before = (await sql<{ id: number }>(t.db.ownerUrl, 'SELECT coalesce(max(id), 0)::int AS id FROM recalculation'))[0]!.id;
    expect((await as.tester.PUT('/api/test/import', { body: copy })).response.status).toBe(200);
    const labelId = (await sql<{ id: number }>(t.db.ownerUrl, "SELECT l.id FROM label l JOIN schema s ON s.id = l.schema_id WHERE s.uri = 'urn:bench-copy:1.0' AND l.name = 'throughput'"))[0]!.id;
    expect(await sql(t.db.ownerUrl, 'SELECT kind, label_ids, test_id FROM recalculation WHERE id > $1 ORDER BY id', [before])).toEqual([{ kind: 'labels', label_ids: [labelId], test_id: null }]);
  });

  it('imports and re-imports a schema with its labels and transformers (SchemaExport)', async () => {
    const { data: schema } = await as.viewer.GET('/api/schema/{id}/export', { params: { path: { id: await schemaId('urn:bench:1.0') } } });
    const copy = { ...withoutIds(schema!), name: 'bench-again', uri: 'urn:bench-again:1.0' } as SchemaExport as Schemas['SchemaExportInput'];
    const created = await as.tester.POST('/api/schema/import', { body: copy });
    expect(created.response.status).toBe(201);
    const id = created.data!;
    expect(withoutIds((await as.viewer.GET('/api/schema/{id}/export', { params: { path: { id } } })).data)).toEqual({ ...withoutIds(schema!), name: 'bench-again', uri: 'urn:bench-again:1.0', transformers: [expect.objectContaining({ name: 'split', schemaName: 'bench-again', schemaUri: 'urn:bench-again:1.0' })] });
    const before = await counts();
    const again = await as.tester.PUT('/api/schema/import', { body: copy });
    expect(again.response.status).toBe(200);
    expect(again.data).toBe(id);
    expect(await counts()).toEqual(before);
  });

  it.each([
    [
      'a label with a JSONPath PostgreSQL cannot parse',
      (copy: Schemas['TestExportInput']) => {
        copy.schemas![0]!.labels![1]!.extractors![0]!.jsonpath = '$.a[';
      },
      400,
      'validation-failed',
      '/schemas/0/labels/1/extractors/0/jsonpath',
    ],
    [
      'a transformer of a schema that does not exist',
      (copy: Schemas['TestExportInput']) => {
        copy.schemas = copy.schemas!.slice(1);
      },
      422,
      'invalid-reference',
      '/transformers/0/schemaUri',
    ],
    [
      'an Elasticsearch datastore',
      (copy: Schemas['TestExportInput']) => {
        copy.datastore = { type: 'ELASTICSEARCH' };
      },
      400,
      'validation-failed',
      '/datastore/type',
    ],
    [
      'a schema URI with an unknown scheme',
      (copy: Schemas['TestExportInput']) => {
        copy.schemas![1]!.uri = 'bench-result';
      },
      400,
      'validation-failed',
      '/schemas/1/uri',
    ],
  ])('refuses a file with %s as a problem, and writes nothing', async (_case, spoil, status, slug, pointer) => {
    const copy = JSON.parse(JSON.stringify(renamed(exported)).replaceAll('-copy', '-spoilt')) as Schemas['TestExportInput'];
    spoil(copy);
    const before = await counts();
    const { error, response } = await as.tester.POST('/api/test/import', { body: copy });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(error).toMatchObject({ type: `urn:granary:problem:${slug}`, errors: [expect.objectContaining({ pointer })] });
    expect(await counts()).toEqual(before);
  });

  it("refuses to import a test for a team the caller is not a tester of, and writes nothing", async () => {
    const copy = JSON.parse(JSON.stringify(renamed(exported)).replaceAll('-copy', '-theirs')) as Schemas['TestExportInput'];
    const before = await counts();
    expect((await as.other.POST('/api/test/import', { body: copy })).response.status).toBe(403);
    expect((await as.viewer.POST('/api/test/import', { body: copy })).response.status).toBe(403);
    expect((await as.anonymous.POST('/api/test/import', { body: copy })).response.status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it("chooses a test's transformers for its testers only, and names transformers that do not exist", async () => {
    expect((await as.viewer.POST('/api/test/{id}/transformers', { params: { path: { id: testId } }, body: [] })).response.status).toBe(403);
    const unknown = await as.tester.POST('/api/test/{id}/transformers', { params: { path: { id: testId } }, body: [999_999] });
    expect(unknown.response.status).toBe(422);
    expect(unknown.error).toMatchObject({ type: 'urn:granary:problem:invalid-reference', errors: [{ pointer: '/0' }] });
    const notIds = await as.tester.POST('/api/test/{id}/transformers', { params: { path: { id: testId } }, body: ['split'] as unknown as number[] });
    expect(notIds.response.status).toBe(400);
    expect((await as.tester.POST('/api/test/{id}/transformers', { params: { path: { id: 999_999 } }, body: [] })).response.status).toBe(404);
  });
});
