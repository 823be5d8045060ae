import { createGranaryClient, type GranaryClient, type Schemas } from '@granary/api-client';
import { sql } from '@granary/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bootApp, type TestApp } from '../test-support/app';

const ADMIN_PASSWORD = 'schemas-admin-password';
type Who = 'admin' | 'tester' | 'viewer' | 'other' | 'otherViewer' | 'anonymous';

interface Recalculation {
  id: number;
  kind: string;
  label_ids: number[];
  schema_id: number | null;
  test_id: number | null;
}

describe("Horreum's /api/schema: schemas, labels and transformers", () => {
  let t: TestApp;
  const as = {} as Record<Who, GranaryClient>;
  let lastRecalculation = 0;

  /** The recalculation requests filed since the previous call. */
  const newRecalculations = async (): Promise<Recalculation[]> => {
    const rows = await sql<Recalculation>(t.db.ownerUrl, 'SELECT id, kind, label_ids, schema_id, test_id FROM recalculation WHERE id > $1 ORDER BY id', [lastRecalculation]);
    lastRecalculation = rows.at(-1)?.id ?? lastRecalculation;
    return rows;
  };
  const count = async (table: string) => (await sql<{ n: number }>(t.db.ownerUrl, `SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  const newSchema = async (who: Who, body: Partial<Schemas['SchemaInput']> & { name: string }) => {
    const response = await as[who].POST('/api/schema', { body: { uri: `urn:${body.name}:1.0`, owner: 'perf-team', ...body } });
    expect(response.response.status, JSON.stringify(response.error)).toBe(201);
    return response.data!;
  };

  beforeAll(async () => {
    // No pipeline worker: these tests check the requests filed, which a worker would consume.
    t = await bootApp(inject('granaryDb'), { GRANARY_ADMIN_PASSWORD: ADMIN_PASSWORD, GRANARY_WORKERS: 'false' });
    const login = async (username: string, password: string) => (await t.client.POST('/api/auth/login', { body: { username, password } })).data!.token;
    as.admin = createGranaryClient({ baseUrl: t.baseUrl, token: await login('admin', ADMIN_PASSWORD) });
    as.anonymous = t.client;
    for (const team of ['perf-team', 'other-team']) {
      await as.admin.POST('/api/user/team/{team}', { params: { path: { team } } });
    }
    const users: [Exclude<Who, 'admin' | 'anonymous'>, string, 'tester' | 'viewer'][] = [
      ['tester', 'perf-team', 'tester'],
      ['viewer', 'perf-team', 'viewer'],
      ['other', 'other-team', 'tester'],
      ['otherViewer', 'other-team', 'viewer'],
    ];
    for (const [name, team, role] of users) {
      await as.admin.POST('/api/user/createUser', { body: { user: { username: name }, password: `${name}-password`, team, roles: [role] } as Schemas['NewUser'] });
      as[name] = createGranaryClient({ baseUrl: t.baseUrl, token: await login(name, `${name}-password`) });
    }
  });
  afterAll(() => t.close());

  describe('schemas', () => {
    it("creates a schema with 201 and its id, and answers it in Horreum's shape", async () => {
      const id = await newSchema('tester', { name: 'load', description: 'load results', access: '1' as 'PROTECTED', schema: { type: 'object', required: ['results'] } });
      expect(id).toEqual(expect.any(Number));
      const { data, response } = await as.viewer.GET('/api/schema/{id}', { params: { path: { id } } });
      expect(response.status).toBe(200);
      expect(data).toEqual({ id, uri: 'urn:load:1.0', name: 'load', description: 'load results', owner: 'perf-team', access: 'PROTECTED', schema: { type: 'object', required: ['results'] } });
      // Its runs are linked and transformed again by the pipeline.
      expect(await newRecalculations()).toEqual([expect.objectContaining({ kind: 'runs', schema_id: id, test_id: null })]);
    });

    it('stores an empty JSON schema as none, and reads JSON Schema given as text', async () => {
      const empty = await newSchema('tester', { name: 'empty', schema: {} });
      expect((await as.tester.GET('/api/schema/{id}', { params: { path: { id: empty } } })).data).not.toHaveProperty('schema');
      const text = await newSchema('tester', { name: 'as-text', schema: '{"type":"array"}' });
      expect((await as.tester.GET('/api/schema/{id}', { params: { path: { id: text } } })).data?.schema).toEqual({ type: 'array' });
    });

    it.each([
      ['a name in use', { name: 'load', uri: 'urn:another:1' }, '/name', 'Name already used.'],
      ['a URI in use', { name: 'another', uri: 'urn:load:1.0' }, '/uri', 'URI already used.'],
      ['a URI with an unknown scheme', { name: 'bad-uri', uri: 'mailto:perf@example.com' }, '/uri', 'Please use a URI starting with one of these schemes: urn, uri, http, https, ftp, file, jar.'],
      ['JSON Schema text that is not JSON', { name: 'bad-json', uri: 'urn:bad-json', schema: '{"type":' }, '/schema', expect.any(String)],
    ])('refuses %s with a 400 problem naming the field, and writes nothing', async (_case, body, pointer, detail) => {
      const before = await count('schema');
      const { error, response } = await as.tester.POST('/api/schema', { body: { owner: 'perf-team', ...body } });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(error).toMatchObject({ type: 'urn:granary:problem:validation-failed', detail, errors: [expect.objectContaining({ pointer })] });
      expect(await count('schema')).toBe(before);
    });

    it('lets only testers of the owner team create its schemas', async () => {
      expect((await as.viewer.POST('/api/schema', { body: { name: 'v', uri: 'urn:v', owner: 'perf-team' } })).response.status).toBe(403);
      expect((await as.other.POST('/api/schema', { body: { name: 'o', uri: 'urn:o', owner: 'perf-team' } })).response.status).toBe(403);
      expect((await as.anonymous.POST('/api/schema', { body: { name: 'a', uri: 'urn:a', owner: 'perf-team' } })).response.status).toBe(401);
    });

    it("answers another team's private schema 404 on get, update and delete, as if it did not exist", async () => {
      const id = await newSchema('other', { name: 'secret', owner: 'other-team', access: 'PRIVATE' });
      expect((await as.otherViewer.GET('/api/schema/{id}', { params: { path: { id } } })).response.status).toBe(200);
      expect((await as.viewer.GET('/api/schema/{id}', { params: { path: { id } } })).response.status).toBe(404);
      expect((await as.anonymous.GET('/api/schema/{id}', { params: { path: { id } } })).response.status).toBe(404);
      const update = await as.tester.PUT('/api/schema', { body: { id, name: 'mine-now', uri: 'urn:secret:1.0', owner: 'perf-team' } });
      expect(update.response.status).toBe(404);
      expect(update.error).toMatchObject({ type: 'urn:granary:problem:not-found' });
      expect((await as.tester.DELETE('/api/schema/{id}', { params: { path: { id } } })).response.status).toBe(404);
      expect((await as.tester.GET('/api/schema/{schemaId}/labels', { params: { path: { schemaId: id } } })).response.status).toBe(404);
      expect((await as.otherViewer.GET('/api/schema/{id}', { params: { path: { id } } })).data?.name).toBe('secret');
    });

    it('lists schemas from page 0 with the count of those the caller may see; anonymous callers see public ones only', async () => {
      const publicNames = ['as-text', 'empty'];
      const anonymous = await as.anonymous.GET('/api/schema');
      expect(anonymous.data).toEqual({ schemas: publicNames.map((name) => expect.objectContaining({ name, access: 'PUBLIC' })), count: 2 });
      const page = await as.viewer.GET('/api/schema', { params: { query: { limit: 2, page: 1 } } });
      expect(page.data).toEqual({ schemas: [expect.objectContaining({ name: 'load' })], count: 3 });
      const other = await as.otherViewer.GET('/api/schema', { params: { query: { roles: 'other-team', sort: 'name', direction: 'Descending' } } });
      expect(other.data?.schemas.map((s) => s.name)).toEqual(['secret']);
      expect((await as.viewer.GET('/api/schema', { params: { query: { name: 'LOA' } } })).data).toMatchObject({ count: 1, schemas: [{ name: 'load' }] });
    });

    it('finds a schema id by its URI, and descriptors by id', async () => {
      const id = (await as.viewer.GET('/api/schema/idByUri/{uri}', { params: { path: { uri: 'urn:load:1.0' } } })).data!;
      expect((await as.viewer.GET('/api/schema/{id}', { params: { path: { id } } })).data?.name).toBe('load');
      expect((await as.viewer.GET('/api/schema/idByUri/{uri}', { params: { path: { uri: 'urn:nothing' } } })).response.status).toBe(404);
      const descriptors = await as.viewer.GET('/api/schema/descriptors', { params: { query: { id: [id, 999999] } } });
      expect(descriptors.data).toEqual([{ id, name: 'load', uri: 'urn:load:1.0' }]);
      // Anonymous callers do not see the protected schema.
      expect((await fetch(`${t.baseUrl}/api/schema/descriptors?id=${id}`).then((r) => r.json())) as unknown[]).toEqual([]);
    });

    it('files a recalculation when the URI or the JSON Schema changes, and none for a new description', async () => {
      const id = await newSchema('tester', { name: 'evolving' });
      await newRecalculations();
      const base = { id, name: 'evolving', uri: 'urn:evolving:1.0', owner: 'perf-team' };
      const described = await as.tester.PUT('/api/schema', { body: { ...base, description: 'now described' } });
      expect(described.response.status).toBe(200);
      expect(described.data).toBe(id);
      expect(await newRecalculations()).toEqual([]);
      await as.tester.PUT('/api/schema', { body: { ...base, description: 'now described', uri: 'urn:evolving:2.0' } });
      expect(await newRecalculations()).toEqual([expect.objectContaining({ kind: 'runs', schema_id: id })]);
      expect((await as.viewer.PUT('/api/schema', { body: { ...base, description: 'viewer edit' } })).response.status).toBe(403);
    });

    it('changes owner and access (by ordinal) with updateAccess, for testers of both teams', async () => {
      const id = await newSchema('tester', { name: 'handed-over' });
      const refused = await as.tester.POST('/api/schema/{id}/updateAccess', { params: { path: { id }, query: { owner: 'other-team', access: 'PRIVATE' } } });
      expect(refused.response.status).toBe(403);
      const moved = await as.admin.POST('/api/schema/{id}/updateAccess', { params: { path: { id }, query: { owner: 'other-team', access: '2' as 'PRIVATE' } } });
      expect(moved.response.status).toBe(201);
      expect((await as.otherViewer.GET('/api/schema/{id}', { params: { path: { id } } })).data).toMatchObject({ owner: 'other-team', access: 'PRIVATE' });
      expect((await as.viewer.GET('/api/schema/{id}', { params: { path: { id } } })).response.status).toBe(404);
    });
  });

  describe('labels', () => {
    let schemaId = 0;
    let labelIds: number[] = [];
    beforeAll(async () => {
      schemaId = await newSchema('tester', { name: 'labelled' });
      await newRecalculations();
    });

    it('adds labels with 201 and their ids, filing one recalculation for exactly those labels', async () => {
      const { data, response } = await as.tester.POST('/api/schema/{schemaId}/labels', {
        params: { path: { schemaId } },
        body: [
          { name: 'throughput', extractors: [{ name: 'rps', jsonpath: '$.results.rps', isarray: false }], function: 'rps => rps * 1000', metrics: true, filtering: false },
          { name: 'build', extractors: [{ name: 'build', jsonpath: '$.build' }] },
        ],
      });
      expect(response.status).toBe(201);
      labelIds = data!;
      expect(labelIds).toHaveLength(2);
      expect(await newRecalculations()).toEqual([expect.objectContaining({ kind: 'labels', label_ids: labelIds, schema_id: null, test_id: null })]);
      const labels = await as.viewer.GET('/api/schema/{schemaId}/labels', { params: { path: { schemaId } } });
      expect(labels.data).toEqual([
        { id: labelIds[1], name: 'build', extractors: [{ name: 'build', jsonpath: '$.build', isarray: false }], filtering: true, metrics: true, schemaId, owner: 'perf-team', access: 'PUBLIC' },
        {
          id: labelIds[0],
          name: 'throughput',
          extractors: [{ name: 'rps', jsonpath: '$.results.rps', isarray: false }],
          function: 'rps => rps * 1000',
          filtering: false,
          metrics: true,
          schemaId,
          owner: 'perf-team',
          access: 'PUBLIC',
        },
      ]);
    });

    it('recomputes only the label whose definition changed, and nothing when nothing did', async () => {
      const [throughput, build] = labelIds as [number, number];
      const response = await as.tester.PUT('/api/schema/{schemaId}/labels', {
        params: { path: { schemaId } },
        body: [
          { id: throughput, name: 'throughput', extractors: [{ name: 'rps', jsonpath: '$.results.rps' }], function: 'rps => rps * 1000', metrics: true, filtering: false },
          { id: build, name: 'build', extractors: [{ name: 'build', jsonpath: '$.meta.build' }] },
        ],
      });
      expect(response.response.status).toBe(200);
      expect(response.data).toEqual([throughput, build]);
      expect(await newRecalculations()).toEqual([expect.objectContaining({ kind: 'labels', label_ids: [build] })]);
      // Owner and access do not change values: written, not recomputed.
      await as.tester.PUT('/api/schema/{schemaId}/labels', { params: { path: { schemaId } }, body: [{ id: build, name: 'build', extractors: [{ name: 'build', jsonpath: '$.meta.build' }], access: 'PRIVATE' }] });
      expect(await newRecalculations()).toEqual([]);
      expect((await as.anonymous.GET('/api/schema/{schemaId}/labels', { params: { path: { schemaId } } })).data?.map((l) => l.name)).toEqual(['throughput']);
    });

    it.each([
      ['a JSONPath PostgreSQL cannot parse', { name: 'broken', extractors: [{ name: 'x', jsonpath: '$.a[' }] }, '/0/extractors/0/jsonpath', /label broken.*not valid/],
      ['a strict JSONPath', { name: 'strict', extractors: [{ name: 'x', jsonpath: 'strict $.a' }] }, '/0/extractors/0/jsonpath', /lax mode/],
      ['a JSONPath not starting at $', { name: 'relative', extractors: [{ name: 'x', jsonpath: 'a.b' }] }, '/0/extractors/0/jsonpath', /must start with \$/],
      ['two extractors of one name', { name: 'twice', extractors: [{ name: 'x', jsonpath: '$.a' }, { name: 'x', jsonpath: '$.b' }] }, '/0/extractors/1/name', /used twice/],
      ['an extractor without a name', { name: 'nameless', extractors: [{ name: ' ', jsonpath: '$.a' }] }, '/0/extractors/0/name', /needs a name/],
      ['an empty function', { name: 'empty-fn', extractors: [{ name: 'x', jsonpath: '$.a' }], function: ' ' }, '/0/function', /must not be empty/],
      ['a name the schema already has', { name: 'build', extractors: [] }, '/0/name', /existing label with the same name \(build\)/],
    ])('refuses %s with a 400 problem naming it, and writes nothing', async (_case, label, pointer, detail) => {
      const before = await count('label');
      const { error, response } = await as.tester.POST('/api/schema/{schemaId}/labels', { params: { path: { schemaId } }, body: [{ name: 'fine', extractors: [{ name: 'f', jsonpath: '$.f' }] }, label].reverse() });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(error).toMatchObject({ type: 'urn:granary:problem:validation-failed', detail: expect.stringMatching(detail), errors: expect.arrayContaining([expect.objectContaining({ pointer })]) });
      expect(await count('label')).toBe(before);
      expect(await newRecalculations()).toEqual([]);
    });

    it('lets only testers of the label owner add labels, and refuses a body that is not an array', async () => {
      expect((await as.viewer.POST('/api/schema/{schemaId}/labels', { params: { path: { schemaId } }, body: [{ name: 'mine', extractors: [] }] })).response.status).toBe(403);
      // Another team may label a visible schema, as its own label.
      const theirs = await as.other.POST('/api/schema/{schemaId}/labels', { params: { path: { schemaId } }, body: [{ name: 'their-view', extractors: [], owner: 'other-team' }] });
      expect(theirs.response.status).toBe(201);
      const { response, error } = await as.tester.POST('/api/schema/{schemaId}/labels', { params: { path: { schemaId } }, body: {} as never });
      expect(response.status).toBe(400);
      expect(error).toMatchObject({ type: 'urn:granary:problem:validation-failed' });
      await newRecalculations();
    });

    it('deletes a label with 204, for testers of its team only', async () => {
      const [id] = (await as.tester.POST('/api/schema/{schemaId}/labels', { params: { path: { schemaId } }, body: [{ name: 'short-lived', extractors: [] }] })).data!;
      await newRecalculations();
      expect((await as.other.DELETE('/api/schema/{schemaId}/labels/{labelId}', { params: { path: { schemaId, labelId: id! } } })).response.status).toBe(403);
      expect((await as.tester.DELETE('/api/schema/{schemaId}/labels/{labelId}', { params: { path: { schemaId, labelId: id! } } })).response.status).toBe(204);
      expect((await as.tester.DELETE('/api/schema/{schemaId}/labels/{labelId}', { params: { path: { schemaId, labelId: id! } } })).response.status).toBe(404);
      expect(await newRecalculations()).toEqual([]);
    });

    it('groups labels by name across schemas (allLabels)', async () => {
      const second = await newSchema('tester', { name: 'second' });
      await as.tester.POST('/api/schema/{schemaId}/labels', { params: { path: { schemaId: second } }, body: [{ name: 'throughput', extractors: [{ name: 't', jsonpath: '$.t' }], metrics: false, filtering: true }] });
      const { data } = await as.viewer.GET('/api/schema/allLabels', { params: { query: { name: 'throughput' } } });
      expect(data).toEqual([
        {
          name: 'throughput',
          metrics: true,
          filtering: true,
          schemas: [
            { id: schemaId, name: 'labelled', uri: 'urn:labelled:1.0' },
            { id: second, name: 'second', uri: 'urn:second:1.0' },
          ],
        },
      ]);
      const all = (await as.viewer.GET('/api/schema/allLabels')).data!.map((l) => l.name);
      expect(all).toEqual([...all].sort());
      expect(all).toEqual(expect.arrayContaining(['build', 'their-view', 'throughput']));
      await newRecalculations();
    });

    it('finds the tests whose fingerprint uses a label (findUsages)', async () => {
      await sql(
        t.db.ownerUrl,
        `INSERT INTO test (name, owner, access, fingerprint_labels, updated_at) VALUES
           ('by-throughput', 'perf-team', 'PUBLIC', ARRAY['throughput', 'build'], now()),
           ('hidden-by-throughput', 'other-team', 'PRIVATE', ARRAY['throughput'], now())`,
      );
      const { data } = await as.viewer.GET('/api/schema/findUsages', { params: { query: { label: 'throughput' } } });
      expect(data).toEqual([{ type: 'FINGERPRINT', testId: expect.any(Number), testName: 'by-throughput' }]);
      expect((await as.otherViewer.GET('/api/schema/findUsages', { params: { query: { label: ' throughput ' } } })).data).toHaveLength(2);
      expect((await fetch(`${t.baseUrl}/api/schema/findUsages`)).status).toBe(400);
    });
  });

  describe('transformers', () => {
    let schemaId = 0;
    let transformerId = 0;
    beforeAll(async () => {
      schemaId = await newSchema('tester', { name: 'transformed' });
      await newRecalculations();
    });

    it("adds a transformer with 201, answers it in Horreum's shape and re-transforms the schema's runs", async () => {
      const { data, response } = await as.tester.POST('/api/schema/{schemaId}/transformers', {
        params: { path: { schemaId } },
        body: { name: 'split', description: 'one dataset per result', targetSchemaUri: 'urn:split:1.0', extractors: [{ name: 'results', jsonpath: '$.results', isarray: true }], function: 'r => r' },
      });
      expect(response.status).toBe(201);
      transformerId = data!;
      expect(await newRecalculations()).toEqual([expect.objectContaining({ kind: 'runs', schema_id: schemaId })]);
      expect((await as.anonymous.GET('/api/schema/{schemaId}/transformers', { params: { path: { schemaId } } })).data).toEqual([
        {
          id: transformerId,
          name: 'split',
          description: 'one dataset per result',
          targetSchemaUri: 'urn:split:1.0',
          extractors: [{ name: 'results', jsonpath: '$.results', isarray: true }],
          function: 'r => r',
          schemaId,
          schemaUri: 'urn:transformed:1.0',
          schemaName: 'transformed',
          owner: 'perf-team',
          access: 'PUBLIC',
        },
      ]);
      expect((await as.anonymous.GET('/api/schema/allTransformers')).data).toContainEqual({ schemaId, schemaUri: 'urn:transformed:1.0', schemaName: 'transformed', transformerId, transformerName: 'split' });
    });

    it('updates a transformer by id; a new function re-transforms, a new description does not', async () => {
      const body = { id: transformerId, name: 'split', description: 'renamed', targetSchemaUri: 'urn:split:1.0', extractors: [{ name: 'results', jsonpath: '$.results', isarray: true }], function: 'r => r' };
      const described = await as.tester.PUT('/api/schema/{schemaId}/transformers', { params: { path: { schemaId } }, body });
      expect(described.response.status).toBe(200);
      expect(described.data).toBe(transformerId);
      expect(await newRecalculations()).toEqual([]);
      await as.tester.PUT('/api/schema/{schemaId}/transformers', { params: { path: { schemaId } }, body: { ...body, function: 'r => r.slice(1)' } });
      expect(await newRecalculations()).toEqual([expect.objectContaining({ kind: 'runs', schema_id: schemaId })]);
    });

    it("refuses transformers from testers of another team, and invalid definitions", async () => {
      const theirs = await as.other.POST('/api/schema/{schemaId}/transformers', { params: { path: { schemaId } }, body: { name: 'theirs', owner: 'other-team', extractors: [] } });
      expect(theirs.response.status).toBe(403);
      const broken = await as.tester.POST('/api/schema/{schemaId}/transformers', { params: { path: { schemaId } }, body: { name: 'broken', extractors: [{ name: 'x', jsonpath: '$.a ? (' }] } });
      expect(broken.response.status).toBe(400);
      expect(broken.error).toMatchObject({ errors: [{ pointer: '/extractors/0/jsonpath' }] });
      const twice = await as.tester.POST('/api/schema/{schemaId}/transformers', { params: { path: { schemaId } }, body: { name: 'split', extractors: [] } });
      expect(twice.response.status).toBe(400);
      expect(await newRecalculations()).toEqual([]);
    });

    it('refuses to delete a transformer a test uses (400, as Horreum), and deletes it once unused', async () => {
      const [{ id: testId }] = (await sql<{ id: number }>(t.db.ownerUrl, "INSERT INTO test (name, owner, access, updated_at) VALUES ('uses-split', 'perf-team', 'PUBLIC', now()) RETURNING id")) as [{ id: number }];
      const chosen = await as.tester.POST('/api/test/{id}/transformers', { params: { path: { id: testId } }, body: [transformerId] });
      expect(chosen.response.status).toBe(201);
      expect(await newRecalculations()).toEqual([expect.objectContaining({ kind: 'runs', test_id: testId })]);
      const refused = await as.tester.DELETE('/api/schema/{schemaId}/transformers/{transformerId}', { params: { path: { schemaId, transformerId } } });
      expect(refused.response.status).toBe(400);
      expect(refused.error).toMatchObject({ type: 'urn:granary:problem:in-use', detail: expect.stringContaining('uses-split') });
      await as.tester.POST('/api/test/{id}/transformers', { params: { path: { id: testId } }, body: [] });
      await newRecalculations();
      expect((await as.tester.DELETE('/api/schema/{schemaId}/transformers/{transformerId}', { params: { path: { schemaId, transformerId } } })).response.status).toBe(204);
      expect(await newRecalculations()).toEqual([expect.objectContaining({ kind: 'runs', schema_id: schemaId })]);
      expect(await count('transformer')).toBe(0);
    });

    it('deletes a schema with its labels, and takes its transformers off the tests that use them', async () => {
      const id = await newSchema('tester', { name: 'doomed' });
      await as.tester.POST('/api/schema/{schemaId}/labels', { params: { path: { schemaId: id } }, body: [{ name: 'doomed-label', extractors: [] }] });
      const transformer = (await as.tester.POST('/api/schema/{schemaId}/transformers', { params: { path: { schemaId: id } }, body: { name: 'doomed-transformer' } })).data!;
      const [{ id: testId }] = (await sql<{ id: number }>(t.db.ownerUrl, "INSERT INTO test (name, owner, access, updated_at) VALUES ('uses-doomed', 'perf-team', 'PRIVATE', now()) RETURNING id")) as [{ id: number }];
      await as.tester.POST('/api/test/{id}/transformers', { params: { path: { id: testId } }, body: [transformer] });
      await newRecalculations();
      expect((await as.viewer.DELETE('/api/schema/{id}', { params: { path: { id } } })).response.status).toBe(403);
      expect((await as.tester.DELETE('/api/schema/{id}', { params: { path: { id } } })).response.status).toBe(204);
      expect((await as.tester.GET('/api/schema/{id}', { params: { path: { id } } })).response.status).toBe(404);
      expect(await sql(t.db.ownerUrl, "SELECT id FROM label WHERE name = 'doomed-label'")).toEqual([]);
      expect(await sql(t.db.ownerUrl, 'SELECT * FROM test_transformer WHERE test_id = $1', [testId])).toEqual([]);
      expect(await newRecalculations()).toEqual([expect.objectContaining({ kind: 'runs', test_id: testId })]);
    });
  });
});
