import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bootApp, type TestApp } from '../test-support/app';
import { buildReadWorld, day, type ReadWorld } from './read-world.fixture';

const ADMIN_PASSWORD = 'label-values-admin-password';

describe('label values and datasets (Horreum getTestLabelValues, getRunLabelValues, /api/dataset)', () => {
  let t: TestApp;
  let w: ReadWorld;
  const get = (path: string, auth: Record<string, string> = {}) => fetch(`${t.baseUrl}${path}`, { headers: auth });
  const json = async <T = unknown>(path: string, auth: Record<string, string> = {}) => {
    const response = await get(path, auth);
    expect(response.status, `${path}: ${response.status}`).toBe(200);
    return (await response.json()) as T;
  };
  type Row = { values: Record<string, unknown>; runId: number; datasetId: number; start: number; stop: number };

  beforeAll(async () => {
    t = await bootApp(inject('granaryDb'), { GRANARY_ADMIN_PASSWORD: ADMIN_PASSWORD });
    w = await buildReadWorld(t, ADMIN_PASSWORD);
  });
  afterAll(() => t.close());

  describe('GET /api/test/{id}/labelValues', () => {
    it("answers Horreum's ExportedLabelValues, newest run first, with epoch-millisecond times", async () => {
      const rows = await json<Row[]>(`/api/test/${w.testId}/labelValues`);
      expect(rows.map((r) => r.runId)).toEqual([...w.runIds].reverse());
      expect(rows[3]).toEqual({ values: { throughput: 100, arch: 'x86', build: 'b1' }, runId: w.runIds[0], datasetId: w.datasetIds[0], start: day(1), stop: day(1) + 60_000 });
    });

    it('sorts by a label, numbers first and numerically, whatever the direction', async () => {
      const ascending = await json<Row[]>(`/api/test/${w.testId}/labelValues?sort=throughput&direction=Ascending`);
      expect(ascending.map((r) => r.values.throughput)).toEqual([3.5, 20, 100, 'n/a']);
      const descending = await json<Row[]>(`/api/test/${w.testId}/labelValues?sort=throughput&direction=Descending`);
      expect(descending.map((r) => r.values.throughput)).toEqual([100, 20, 3.5, 'n/a']);
    });

    it('sorts by start and pages from 0 with limit', async () => {
      const first = await json<Row[]>(`/api/test/${w.testId}/labelValues?sort=start&direction=Ascending&limit=3&page=0`);
      expect(first.map((r) => r.start)).toEqual([day(1), day(2), day(3)]);
      const second = await json<Row[]>(`/api/test/${w.testId}/labelValues?sort=start&direction=Ascending&limit=3&page=1`);
      expect(second.map((r) => r.start)).toEqual([day(4)]);
    });

    it('refuses a sort that is neither a column nor a label of the test with a 400 naming sort', async () => {
      const response = await get(`/api/test/${w.testId}/labelValues?sort=${encodeURIComponent('throughput; DROP TABLE run')}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ type: 'urn:granary:problem:validation-failed', errors: [{ pointer: '/sort' }] });
    });

    it('filters by label values (containment), by multiFilter and by JSONPath', async () => {
      const x86 = await json<Row[]>(`/api/test/${w.testId}/labelValues?filter=${encodeURIComponent('{"arch":"x86"}')}`);
      expect(x86.map((r) => r.runId).sort()).toEqual([w.runIds[0], w.runIds[2], w.runIds[3]].sort());
      const any = await json<Row[]>(`/api/test/${w.testId}/labelValues?multiFilter=true&filter=${encodeURIComponent('{"build":["b1","b2"]}')}`);
      expect(any.map((r) => r.values.build).sort()).toEqual(['b1', 'b2']);
      const fast = await json<Row[]>(`/api/test/${w.testId}/labelValues?filter=${encodeURIComponent('$.throughput ? (@ > 10)')}`);
      expect(fast.map((r) => r.values.throughput).sort()).toEqual([100, 20]);
    });

    it('refuses a filter that is neither JSON nor a valid JSONPath with a 400 naming filter', async () => {
      for (const filter of ['{"arch":', '$.a ? (', '[1,2]']) {
        const response = await get(`/api/test/${w.testId}/labelValues?filter=${encodeURIComponent(filter)}`);
        expect(response.status, filter).toBe(400);
        expect(await response.json()).toMatchObject({ errors: [{ pointer: '/filter' }] });
      }
    });

    it('filters by fingerprint, by time and chooses labels with include, exclude and filtering/metrics', async () => {
      const arm = await json<Row[]>(`/api/test/${w.testId}/labelValues?fingerprint=${encodeURIComponent('{"arch":"arm"}')}`);
      expect(arm.map((r) => r.runId)).toEqual([w.runIds[1]]);
      const inRange = await json<Row[]>(`/api/test/${w.testId}/labelValues?after=${day(1) + 1}&before=${new Date(day(4)).toISOString()}`);
      expect(inRange.map((r) => r.runId).sort()).toEqual([w.runIds[1], w.runIds[2]].sort());
      const included = await json<Row[]>(`/api/test/${w.testId}/labelValues?include=throughput,build&exclude=build`);
      expect(Object.keys(included[0]!.values)).toEqual(['throughput']);
      const metricsOnly = await json<Row[]>(`/api/test/${w.testId}/labelValues?filtering=false`);
      expect(Object.keys(metricsOnly[0]!.values)).toEqual(['throughput']);
    });

    it('answers CSV with format=csv: one column per label after runId, datasetId, start and stop', async () => {
      const response = await get(`/api/test/${w.testId}/labelValues?format=csv&sort=start&direction=Ascending`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(response.headers.get('content-disposition')).toContain('.csv');
      const lines = (await response.text()).trimEnd().split('\r\n');
      expect(lines[0]).toBe('runId,datasetId,start,stop,arch,build,throughput');
      expect(lines[1]).toBe(`${w.runIds[0]},${w.datasetIds[0]},2024-01-01T00:00:00.000Z,2024-01-01T00:01:00.000Z,x86,b1,100`);
      // A text cell a spreadsheet would run as a formula is defused.
      expect(lines[4]).toBe(`${w.runIds[3]},${w.datasetIds[3]},2024-01-04T00:00:00.000Z,2024-01-04T00:01:00.000Z,x86,'=cmd,n/a`);
    });

    it("answers 404 for another team's private test, and 200 to its team", async () => {
      expect((await get(`/api/test/${w.secretTestId}/labelValues`, w.auth.tester)).status).toBe(404);
      const rows = await json<Row[]>(`/api/test/${w.secretTestId}/labelValues`, w.auth.otherTester);
      expect(rows.map((r) => r.values.build)).toEqual(['hidden']);
    });
  });

  it("GET /api/run/{id}/labelValues answers the run's datasets", async () => {
    const rows = await json<Row[]>(`/api/run/${w.runIds[1]}/labelValues`);
    expect(rows).toEqual([{ values: { throughput: 20, arch: 'arm', build: 'b2' }, runId: w.runIds[1], datasetId: w.datasetIds[1], start: day(2), stop: day(2) + 60_000 }]);
    expect((await get(`/api/run/${w.secretRunId}/labelValues`, w.auth.viewer)).status).toBe(404);
  });

  it('lists fingerprints as FingerprintValue trees and filtering labels with their values', async () => {
    const fingerprints = await json<{ values: unknown[] }[]>(`/api/test/${w.testId}/fingerprint`);
    expect(fingerprints).toEqual([{ values: [{ name: 'arch', value: 'arm' }] }, { values: [{ name: 'arch', value: 'x86' }] }]);
    expect(await json(`/api/test/${w.testId}/filteringLabels`)).toEqual({ arch: ['arm', 'x86'], build: ['=cmd', 'b1', 'b2', 'b3'] });
    const combinations = await json<object[]>(`/api/test/${w.testId}/filteringLabelValues`);
    expect(combinations).toHaveLength(4);
    expect(combinations).toContainEqual({ arch: 'arm', build: 'b2' });
  });

  describe('/api/dataset', () => {
    it("answers a dataset in Horreum's shape", async () => {
      const dataset = await json<Record<string, unknown>>(`/api/dataset/${w.datasetIds[0]}`);
      expect(dataset).toEqual({
        id: w.datasetIds[0],
        runId: w.runIds[0],
        testid: w.testId,
        ordinal: 0,
        start: day(1),
        stop: day(1) + 60_000,
        description: 'run 1',
        owner: 'perf-team',
        access: 'PUBLIC',
        data: [{ $schema: 'urn:load:1', n: 1, throughput: 100, arch: 'x86', build: 'b1' }],
        validationErrors: [],
      });
    });

    it("answers 404 for another team's private dataset, for anonymous callers and other teams alike", async () => {
      expect((await get(`/api/dataset/${w.secretDatasetId}`)).status).toBe(404);
      expect((await get(`/api/dataset/${w.secretDatasetId}`, w.auth.tester)).status).toBe(404);
      expect((await get(`/api/dataset/${w.secretDatasetId}/summary`, w.auth.viewer)).status).toBe(404);
      expect((await get(`/api/dataset/${w.secretDatasetId}`, w.auth.otherTester)).status).toBe(200);
    });

    it('answers label values with their label id and schema', async () => {
      const values = await json<{ name: string }[]>(`/api/dataset/${w.datasetIds[1]}/labelValues`);
      expect(values.map((v) => v.name)).toEqual(['arch', 'build', 'throughput']);
      expect(values[2]).toEqual({ id: expect.any(Number), name: 'throughput', schema: { id: w.schemaId, name: 'load', uri: 'urn:load:1' }, value: 20 });
    });

    it('answers a summary with the test name and schema usages', async () => {
      const summary = await json(`/api/dataset/${w.datasetIds[0]}/summary`);
      expect(summary).toMatchObject({
        id: w.datasetIds[0],
        runId: w.runIds[0],
        testId: w.testId,
        testname: 'throughput',
        ordinal: 0,
        start: day(1),
        schemas: [{ id: w.schemaId, name: 'load', uri: 'urn:load:1', source: 0, type: 1, key: '0', hasJsonSchema: false }],
      });
    });

    it('lists by test a page at a time from page 1, newest first, with the total', async () => {
      const page1 = await json<{ total: number; datasets: { id: number }[] }>(`/api/dataset/list/byTest/${w.testId}?limit=3&page=1`);
      expect(page1.total).toBe(4);
      expect(page1.datasets.map((d) => d.id)).toEqual([...w.datasetIds].reverse().slice(0, 3));
      const page2 = await json<{ datasets: { id: number }[] }>(`/api/dataset/list/byTest/${w.testId}?limit=3&page=2`);
      expect(page2.datasets.map((d) => d.id)).toEqual([w.datasetIds[0]]);
    });

    it('lists by test filtered by label values and by fingerprint, sorted by a label', async () => {
      const filtered = await json<{ total: number; datasets: { id: number }[] }>(
        `/api/dataset/list/byTest/${w.testId}?filter=${encodeURIComponent('{"arch":"x86"}')}&sort=throughput&direction=Ascending`,
      );
      expect(filtered.total).toBe(3);
      expect(filtered.datasets.map((d) => d.id)).toEqual([w.datasetIds[2], w.datasetIds[0], w.datasetIds[3]]);
      const byFingerprint = await json<{ total: number }>(`/api/dataset/list/byTest/${w.testId}?fingerprint=${encodeURIComponent('{"arch":"arm"}')}`);
      expect(byFingerprint.total).toBe(1);
      const viewSort = await json<{ datasets: { id: number }[] }>(`/api/dataset/list/byTest/${w.testId}?sort=view_data:1:throughput&direction=Descending`);
      expect(viewSort.datasets[0]!.id).toBe(w.datasetIds[0]);
    });

    it('refuses an unknown sort and a bad page with a 400 naming the parameter', async () => {
      const sort = await get(`/api/dataset/list/byTest/${w.testId}?sort=nope`);
      expect(sort.status).toBe(400);
      expect(await sort.json()).toMatchObject({ errors: [{ pointer: '/sort' }] });
      const page = await get(`/api/dataset/list/byTest/${w.testId}?page=-1`);
      expect(page.status).toBe(400);
      expect(await page.json()).toMatchObject({ errors: [{ pointer: '/page' }] });
    });

    it('lists by run and by schema', async () => {
      expect(await json(`/api/dataset/list/byRun/${w.runIds[2]}`)).toMatchObject({ total: 1, datasets: [{ id: w.datasetIds[2] }] });
      const bySchema = await json<{ total: number }>(`/api/dataset/list/bySchema?uri=${encodeURIComponent('urn:load:1')}`);
      expect(bySchema.total).toBe(4);
      const asAdmin = await json<{ total: number }>(`/api/dataset/list/bySchema?uri=${encodeURIComponent('urn:load:1')}`, w.auth.admin);
      expect(asAdmin.total).toBe(5);
    });
  });
});
