import { sql } from '@granary/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildReadWorld, day, type ReadWorld } from '../datasets/read-world.fixture';
import { bootApp, type TestApp } from '../test-support/app';

const ADMIN_PASSWORD = 'runs-read-admin-password';

describe('reading and managing runs (Horreum /api/run, Granary bulk trash)', () => {
  let t: TestApp;
  let w: ReadWorld;
  const call = (method: string, path: string, auth: Record<string, string> = {}, body?: string, contentType = 'application/json') =>
    fetch(`${t.baseUrl}${path}`, { method, headers: { ...auth, ...(body === undefined ? {} : { 'content-type': contentType }) }, body });
  const json = async <T = unknown>(path: string, auth: Record<string, string> = {}) => {
    const response = await call('GET', path, auth);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };
  type RunsSummary = { total: number; runs: { id: number; trashed: boolean; datasets: number[] }[] };
  const datasetsOf = async (runId: number) => (await sql<{ id: number }>(t.db.ownerUrl, 'SELECT id FROM dataset WHERE run_id = $1', [runId])).length;
  const stateOf = async (runId: number) => (await sql<{ trashed: boolean; pending: boolean }>(t.db.ownerUrl, 'SELECT trashed, pending FROM run WHERE id = $1', [runId]))[0];

  beforeAll(async () => {
    t = await bootApp(inject('granaryDb'), { GRANARY_ADMIN_PASSWORD: ADMIN_PASSWORD });
    w = await buildReadWorld(t, ADMIN_PASSWORD);
  });
  afterAll(() => t.close());

  it("answers getRun as Horreum's RunExtended: epoch-ms times, the document, schemas, test name and dataset ids", async () => {
    const run = await json<Record<string, unknown>>(`/api/run/${w.runIds[0]}`);
    expect(run).toEqual({
      id: w.runIds[0],
      testid: w.testId,
      testname: 'throughput',
      start: day(1),
      stop: day(1) + 60_000,
      description: 'run 1',
      owner: 'perf-team',
      access: 'PUBLIC',
      trashed: false,
      data: { $schema: 'urn:load:1', n: 1, throughput: 100, arch: 'x86', build: 'b1' },
      schemas: [{ id: w.schemaId, name: 'load', uri: 'urn:load:1', source: 0, type: 0, key: '', hasJsonSchema: false }],
      datasets: [w.datasetIds[0]],
      validationErrors: [],
    });
  });

  it('answers the summary without the document, and the data by schema URI', async () => {
    const summary = await json<Record<string, unknown>>(`/api/run/${w.runIds[1]}/summary`);
    expect(summary).toMatchObject({ id: w.runIds[1], testname: 'throughput', hasMetadata: false, datasets: [w.datasetIds[1]] });
    expect(summary).not.toHaveProperty('data');
    expect(await json(`/api/run/${w.runIds[1]}/data?schemaUri=${encodeURIComponent('urn:load:1')}`)).toMatchObject({ n: 2 });
    expect((await call('GET', `/api/run/${w.runIds[1]}/data?schemaUri=urn:other`)).status).toBe(404);
    expect(await json(`/api/run/${w.runIds[1]}/metadata`)).toBeNull();
  });

  it("answers 404 for another team's private run to anonymous callers and other teams, 200 to its team", async () => {
    for (const auth of [{}, w.auth.viewer, w.auth.tester]) {
      expect((await call('GET', `/api/run/${w.secretRunId}`, auth)).status).toBe(404);
      expect((await call('GET', `/api/run/${w.secretRunId}/data`, auth)).status).toBe(404);
      expect((await call('POST', `/api/run/${w.secretRunId}/trash`, auth)).status).toBe(Object.keys(auth).length === 0 ? 401 : 404);
    }
    expect((await call('GET', `/api/run/${w.secretRunId}`, w.auth.otherTester)).status).toBe(200);
  });

  it("lists a test's runs from page 1, newest first, with the total", async () => {
    const page1 = await json<RunsSummary>(`/api/run/list/${w.testId}?limit=3&page=1`);
    expect(page1.total).toBe(4);
    expect(page1.runs.map((r) => r.id)).toEqual([...w.runIds].reverse().slice(0, 3));
    const page2 = await json<RunsSummary>(`/api/run/list/${w.testId}?limit=3&page=2`);
    expect(page2.runs.map((r) => r.id)).toEqual([w.runIds[0]]);
    const byId = await json<RunsSummary>(`/api/run/list/${w.testId}?sort=id&direction=Ascending`);
    expect(byId.runs.map((r) => r.id)).toEqual(w.runIds);
  });

  it('limits the list by start time with from and to (epoch ms or ISO)', async () => {
    const range = await json<RunsSummary>(`/api/run/list/${w.testId}?from=${day(2)}&to=${new Date(day(3)).toISOString()}`);
    expect(range.runs.map((r) => r.id).sort()).toEqual([w.runIds[1], w.runIds[2]].sort());
    expect(range.total).toBe(2);
    const bad = await call('GET', `/api/run/list/${w.testId}?from=yesterday`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ pointer: '/from' }] });
  });

  it('refuses a bad sort column with a 400 naming sort', async () => {
    const response = await call('GET', `/api/run/list/${w.testId}?sort=${encodeURIComponent('start; DROP TABLE run')}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: 'urn:granary:problem:validation-failed', errors: [{ pointer: '/sort' }] });
  });

  it('lists every visible run with a query on the documents, by roles, and counts runs of a test', async () => {
    const all = await json<RunsSummary>('/api/run/list');
    expect(all.total).toBe(4);
    const query = await json<RunsSummary>(`/api/run/list?query=${encodeURIComponent('$.build ? (@ == "b2")')}`);
    expect(query.runs.map((r) => r.id)).toEqual([w.runIds[1]]);
    const either = await json<RunsSummary>(`/api/run/list?query=${encodeURIComponent('$.build ? (@ == "b2") OR $.build ? (@ == "b3")')}`);
    expect(either.total).toBe(2);
    const mine = await json<RunsSummary>('/api/run/list?roles=__my', w.auth.otherTester);
    expect(mine.runs.map((r) => r.id)).toEqual([w.secretRunId]);
    expect((await call('GET', `/api/run/list?query=${encodeURIComponent('$.a ? (')}`)).status).toBe(400);
    expect(await json(`/api/run/count?testId=${w.testId}`)).toEqual({ total: 4, active: 4, trashed: 0 });
    expect(await json(`/api/run/bySchema?uri=${encodeURIComponent('urn:load:1')}`)).toMatchObject({ total: 4 });
  });

  it('autocompletes keys of the documents under a JSONPath, quoting keys a JSONPath must quote', async () => {
    expect(await json(`/api/run/autocomplete?query=${encodeURIComponent('$.thr')}`)).toEqual(['throughput']);
    expect(await json(`/api/run/autocomplete?query=${encodeURIComponent('$.')}`)).toEqual(['"$schema"', 'arch', 'build', 'n', 'throughput']);
  });

  it('sets the description from a text/plain body, quoted or not, and carries it to the datasets', async () => {
    expect((await call('POST', `/api/run/${w.runIds[0]}/description`, w.auth.tester, '"nightly on arm"', 'text/plain')).status).toBe(201);
    expect(await json(`/api/run/${w.runIds[0]}/summary`)).toMatchObject({ description: 'nightly on arm' });
    expect(await json(`/api/dataset/${w.datasetIds[0]}`)).toMatchObject({ description: 'nightly on arm' });
    expect((await call('POST', `/api/run/${w.runIds[0]}/description`, w.auth.viewer, 'x', 'text/plain')).status).toBe(403);
  });

  it('trashes a run (its datasets go) and restores it (pending again: the pipeline transforms it anew)', async () => {
    const runId = w.runIds[3]!;
    expect((await call('POST', `/api/run/${runId}/trash`, w.auth.viewer)).status).toBe(403);
    expect((await call('POST', `/api/run/${runId}/trash`, w.auth.tester)).status).toBe(201);
    expect(await stateOf(runId)).toEqual({ trashed: true, pending: false });
    expect(await datasetsOf(runId)).toBe(0);
    expect((await json<RunsSummary>(`/api/run/list/${w.testId}`)).total).toBe(3);
    expect((await json<RunsSummary>(`/api/run/list/${w.testId}?trashed=true`)).total).toBe(4);
    expect(await json(`/api/run/count?testId=${w.testId}`)).toEqual({ total: 4, active: 3, trashed: 1 });
    expect((await call('POST', `/api/run/${runId}/trash?isTrashed=false`, w.auth.tester)).status).toBe(201);
    // The pipeline may already have taken the restored run: wait for it rather than catch it pending.
    await expect.poll(() => stateOf(runId), { timeout: 15_000 }).toEqual({ trashed: false, pending: false });
    expect(await datasetsOf(runId)).toBe(1);
  });

  it('changes owner and access of a run and its datasets for testers of both teams only', async () => {
    expect((await call('POST', `/api/run/${w.runIds[2]}/updateAccess?owner=other-team&access=PRIVATE`, w.auth.tester)).status).toBe(403);
    expect((await call('POST', `/api/run/${w.runIds[2]}/updateAccess?owner=perf-team&access=1`, w.auth.tester)).status).toBe(201);
    expect(await json(`/api/run/${w.runIds[2]}/summary`, w.auth.viewer)).toMatchObject({ access: 'PROTECTED' });
    expect((await call('GET', `/api/dataset/${w.datasetIds[2]}`)).status).toBe(404);
    expect((await call('POST', `/api/run/${w.runIds[2]}/updateAccess?owner=perf-team&access=secret`, w.auth.tester)).status).toBe(400);
    expect((await call('POST', `/api/run/${w.runIds[2]}/updateAccess?owner=perf-team&access=PUBLIC`, w.auth.tester)).status).toBe(201);
  });

  describe('POST /api/test/{id}/runs/trash', () => {
    it('trashes the runs whose label values match a filter, in one transaction, and counts them', async () => {
      const response = await call('POST', `/api/test/${w.testId}/runs/trash`, w.auth.tester, JSON.stringify({ filter: { arch: 'x86' }, trashed: true }));
      expect(response.status).toBe(201);
      // Run 4, restored and transformed again above, has no arch now (the fixture's labels have no extractors).
      const changed = [w.runIds[0]!, w.runIds[2]!];
      expect(await response.json()).toEqual({ count: 2 });
      for (const id of changed) {
        expect(await stateOf(id)).toMatchObject({ trashed: true });
        expect(await datasetsOf(id)).toBe(0);
      }
      expect(await stateOf(w.runIds[1]!)).toMatchObject({ trashed: false });
    });

    it('restores by run ids and refuses a filter for restoring, unknown ids and callers who are not testers', async () => {
      const restore = await call('POST', `/api/test/${w.testId}/runs/trash`, w.auth.tester, JSON.stringify({ runIds: [w.runIds[0], w.runIds[2]], trashed: false }));
      expect(await restore.json()).toEqual({ count: 2 });
      for (const id of [w.runIds[0]!, w.runIds[2]!]) {
        await expect.poll(() => stateOf(id), { timeout: 15_000 }).toEqual({ trashed: false, pending: false });
        expect(await datasetsOf(id)).toBe(1);
      }
      const byFilter = await call('POST', `/api/test/${w.testId}/runs/trash`, w.auth.tester, JSON.stringify({ filter: {}, trashed: false }));
      expect(byFilter.status).toBe(400);
      const unknown = await call('POST', `/api/test/${w.testId}/runs/trash`, w.auth.tester, JSON.stringify({ runIds: [w.secretRunId], trashed: true }));
      expect(unknown.status).toBe(422);
      const viewer = await call('POST', `/api/test/${w.testId}/runs/trash`, w.auth.viewer, JSON.stringify({ runIds: [w.runIds[1]], trashed: true }));
      expect(viewer.status).toBe(403);
      expect(await stateOf(w.runIds[1]!)).toMatchObject({ trashed: false });
      const hidden = await call('POST', `/api/test/${w.secretTestId}/runs/trash`, w.auth.tester, JSON.stringify({ runIds: [w.secretRunId], trashed: true }));
      expect(hidden.status).toBe(404);
    });
  });
});
