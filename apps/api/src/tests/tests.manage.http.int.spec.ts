import { sql } from '@granary/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildReadWorld, type ReadWorld } from '../datasets/read-world.fixture';
import { bootApp, type TestApp } from '../test-support/app';

const ADMIN_PASSWORD = 'tests-manage-admin-password';

describe('managing tests (Horreum getTest, updateTest, deleteTest, summary, folders, access)', () => {
  let t: TestApp;
  let w: ReadWorld;
  const call = (method: string, path: string, auth: Record<string, string> = {}, body?: unknown) =>
    fetch(`${t.baseUrl}${path}`, { method, headers: { ...auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = async <T = Record<string, unknown>>(path: string, auth: Record<string, string> = {}) => {
    const response = await call('GET', path, auth);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };
  const createTest = async (name: string, extra: Record<string, unknown> = {}) => {
    const response = await call('POST', '/api/test', w.auth.tester, { name, owner: 'perf-team', access: 'PUBLIC', ...extra });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: number }).id;
  };

  beforeAll(async () => {
    t = await bootApp(inject('granaryDb'), { GRANARY_ADMIN_PASSWORD: ADMIN_PASSWORD });
    w = await buildReadWorld(t, ADMIN_PASSWORD);
  });
  afterAll(() => t.close());

  it("answers getTest and getByNameOrId in Horreum's Test shape, with transformers", async () => {
    const test = await json(`/api/test/${w.testId}`);
    expect(test).toEqual({
      id: w.testId,
      name: 'throughput',
      folder: 'perf/nightly',
      owner: 'perf-team',
      access: 'PUBLIC',
      timelineLabels: [],
      fingerprintLabels: ['arch'],
      notificationsEnabled: true,
      transformers: [],
    });
    expect(await json('/api/test/byName/throughput')).toEqual(test);
    expect(await json(`/api/test/byName/${w.testId}`)).toEqual(test);
  });

  it("answers 404 for another team's private test, to read and to change", async () => {
    expect((await call('GET', `/api/test/${w.secretTestId}`, w.auth.tester)).status).toBe(404);
    expect((await call('GET', '/api/test/byName/secret')).status).toBe(404);
    expect((await call('POST', `/api/test/${w.secretTestId}/move?folder=x`, w.auth.tester)).status).toBe(404);
    expect((await call('PUT', '/api/test', w.auth.tester, { id: w.secretTestId, name: 'secret', owner: 'other-team' })).status).toBe(404);
    expect((await call('GET', `/api/test/${w.secretTestId}`, w.auth.otherTester)).status).toBe(200);
  });

  describe('PUT /api/test', () => {
    it('replaces the fields and files a fingerprint recalculation when the fingerprint changes', async () => {
      const id = await createTest('update-me', { description: 'old' });
      const response = await call('PUT', '/api/test', w.auth.tester, {
        id,
        name: 'updated',
        owner: 'perf-team',
        access: 'PROTECTED',
        folder: 'perf/',
        fingerprintLabels: ['arch', 'build'],
        fingerprintFilter: 'v => true',
        timelineLabels: ['ts'],
        notificationsEnabled: false,
        datastoreId: 1,
        transformers: [],
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        id,
        name: 'updated',
        folder: 'perf',
        owner: 'perf-team',
        access: 'PROTECTED',
        fingerprintLabels: ['arch', 'build'],
        fingerprintFilter: 'v => true',
        timelineLabels: ['ts'],
        notificationsEnabled: false,
        transformers: [],
      });
      const requests = await sql<{ kind: string }>(t.db.ownerUrl, 'SELECT kind FROM recalculation WHERE test_id = $1 ORDER BY id', [id]);
      // Fingerprints first, then change detection over the series they key.
      expect(requests).toEqual([{ kind: 'fingerprints' }, { kind: 'changes' }]);
      // Unchanged fingerprint and timeline: no new request.
      await call('PUT', '/api/test', w.auth.tester, { id, name: 'updated', owner: 'perf-team', fingerprintLabels: ['arch', 'build'], fingerprintFilter: 'v => true', timelineLabels: ['ts'] });
      expect(await sql(t.db.ownerUrl, 'SELECT kind FROM recalculation WHERE test_id = $1', [id])).toHaveLength(2);
    });

    it('answers 409 for a name another test has, 403 to viewers and for an owner team the caller does not test', async () => {
      const id = await createTest('rename-me');
      expect((await call('PUT', '/api/test', w.auth.tester, { id, name: 'throughput', owner: 'perf-team' })).status).toBe(409);
      expect((await call('PUT', '/api/test', w.auth.viewer, { id, name: 'x', owner: 'perf-team' })).status).toBe(403);
      expect((await call('PUT', '/api/test', w.auth.tester, { id, name: 'x', owner: 'other-team' })).status).toBe(403);
      const bad = await call('PUT', '/api/test', w.auth.tester, { id, name: '  ', owner: 'perf-team' });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ errors: [{ pointer: '/name' }] });
      expect((await call('PUT', '/api/test', w.auth.admin, { id, name: 'given-away', owner: 'other-team' })).status).toBe(200);
      expect((await json(`/api/test/${id}`, w.auth.admin)).owner).toBe('other-team');
    });
  });

  it('moves a test, switches notifications and changes access', async () => {
    const id = await createTest('movable');
    expect((await call('POST', `/api/test/${id}/move?folder=${encodeURIComponent('a/b/')}`, w.auth.tester)).status).toBe(201);
    expect((await call('POST', `/api/test/${id}/move?folder=*`, w.auth.tester)).status).toBe(400);
    expect((await call('POST', `/api/test/${id}/notifications?enabled=false`, w.auth.tester)).status).toBe(201);
    expect((await call('POST', `/api/test/${id}/notifications`, w.auth.tester)).status).toBe(400);
    expect((await call('POST', `/api/test/${id}/updateAccess?owner=perf-team&access=2`, w.auth.tester)).status).toBe(201);
    expect(await json(`/api/test/${id}`, w.auth.viewer)).toMatchObject({ folder: 'a/b', notificationsEnabled: false, access: 'PRIVATE' });
    expect((await call('GET', `/api/test/${id}`)).status).toBe(404);
    expect((await call('POST', `/api/test/${id}/updateAccess?owner=other-team&access=PUBLIC`, w.auth.tester)).status).toBe(403);
  });

  it('lists folders with their parents after null, the root', async () => {
    const folders = await json<(string | null)[]>('/api/test/folders');
    expect(folders[0]).toBeNull();
    expect(folders).toEqual(expect.arrayContaining(['perf', 'perf/nightly']));
  });

  it('summarises tests of a folder with dataset and active run counts, pages from 1', async () => {
    const listing = await json<{ count: number; tests: Record<string, unknown>[] }>(`/api/test/summary?folder=${encodeURIComponent('perf/nightly')}`);
    expect(listing).toEqual({ count: 1, tests: [{ id: w.testId, name: 'throughput', folder: 'perf/nightly', datasets: 4, runs: 4, owner: 'perf-team', access: 'PUBLIC' }] });
    await createTest('zz-root-1');
    await createTest('zz-root-2');
    const first = await json<{ count: number; tests: { name: string }[] }>('/api/test/summary?limit=1&page=1&name=zz-root');
    expect(first).toMatchObject({ count: 2, tests: [{ name: 'zz-root-1' }] });
    const second = await json<{ tests: { name: string }[] }>('/api/test/summary?limit=1&page=2&name=zz-root');
    expect(second.tests.map((x) => x.name)).toEqual(['zz-root-2']);
    const any = await json<{ count: number }>('/api/test/summary?folder=*&page=0');
    expect(any.count).toBeGreaterThanOrEqual(3);
  });

  describe('DELETE /api/test/{id}', () => {
    it('refuses with 409 while the test has runs that are not trashed', async () => {
      const response = await call('DELETE', `/api/test/${w.testId}`, w.auth.tester);
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ type: 'urn:granary:problem:conflict', activeRuns: 4 });
    });

    it('deletes a test whose runs are all trashed, with those runs and their datasets', async () => {
      const trashed = await call('POST', `/api/test/${w.testId}/runs/trash`, w.auth.tester, { runIds: w.runIds, trashed: true });
      expect(await trashed.json()).toEqual({ count: 4 });
      expect((await call('DELETE', `/api/test/${w.testId}`, w.auth.viewer)).status).toBe(403);
      expect((await call('DELETE', `/api/test/${w.testId}`, w.auth.tester)).status).toBe(204);
      expect((await call('GET', `/api/test/${w.testId}`)).status).toBe(404);
      expect(await sql(t.db.ownerUrl, 'SELECT id FROM run WHERE test_id = $1 UNION ALL SELECT id FROM dataset WHERE test_id = $1', [w.testId])).toEqual([]);
    });
  });
});
