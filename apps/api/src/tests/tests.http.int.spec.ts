import { sql } from '@granary/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bootApp, type TestApp } from '../test-support/app';

describe('GET /api/test (Horreum listTests)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp(inject('granaryDb'));
  });
  afterAll(() => t.close());

  it('answers an empty list and a zero count when there are no tests', async () => {
    const { data, response } = await t.client.GET('/api/test');
    expect(response.status).toBe(200);
    expect(data).toEqual({ tests: [], count: 0 });
  });

  describe('with tests', () => {
    beforeAll(async () => {
      await sql(
        t.db.ownerUrl,
        `INSERT INTO team (name) VALUES ('perf-team'), ('other-team');
         INSERT INTO test (name, description, folder, owner, access, updated_at) VALUES
           ('b-throughput', 'load test', 'perf', 'perf-team', 'PUBLIC', now()),
           ('a-latency', NULL, NULL, 'perf-team', 'PUBLIC', now()),
           ('c-startup', 'boot time', NULL, 'other-team', 'PUBLIC', now()),
           ('secret-test', 'hidden', NULL, 'other-team', 'PRIVATE', now()),
           ('members-only', NULL, NULL, 'perf-team', 'PROTECTED', now())`,
      );
    });

    it('shows anonymous callers public tests only, sorted by name, in Horreum\'s shape', async () => {
      const { data } = await t.client.GET('/api/test');
      expect(data?.count).toBe(3);
      expect(data?.tests.map((x) => x.name)).toEqual(['a-latency', 'b-throughput', 'c-startup']);
      expect(data?.tests[1]).toEqual({
        id: expect.any(Number),
        name: 'b-throughput',
        description: 'load test',
        folder: 'perf',
        owner: 'perf-team',
        access: 'PUBLIC',
        timelineLabels: [],
        fingerprintLabels: [],
        notificationsEnabled: true,
      });
      expect(data?.tests[0]).not.toHaveProperty('description');
    });

    it('pages from 0 with limit, as Horreum does, and counts every visible test', async () => {
      const first = await t.client.GET('/api/test', { params: { query: { limit: 2, page: 0 } } });
      expect(first.data?.tests.map((x) => x.name)).toEqual(['a-latency', 'b-throughput']);
      const { data } = await t.client.GET('/api/test', { params: { query: { limit: 2, page: 1 } } });
      expect(data).toMatchObject({ count: 3, tests: [{ name: 'c-startup' }] });
    });

    it('sorts by another field and direction', async () => {
      const { data } = await t.client.GET('/api/test', { params: { query: { sort: 'name', direction: 'Descending' } } });
      expect(data?.tests.map((x) => x.name)).toEqual(['c-startup', 'b-throughput', 'a-latency']);
    });

    it('refuses a bad limit with a problem naming the parameter', async () => {
      const { error, response } = await t.client.GET('/api/test', { params: { query: { limit: 0 } } });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(error).toMatchObject({ type: 'urn:granary:problem:validation-failed', status: 400, errors: [{ pointer: '/limit' }] });
    });

    it("filters by owner team with Horreum's roles parameter", async () => {
      const byTeam = await t.client.GET('/api/test', { params: { query: { roles: 'other-team' } } });
      expect(byTeam.data).toEqual({ tests: [expect.objectContaining({ name: 'c-startup' })], count: 1 });
      const byRole = await t.client.GET('/api/test', { params: { query: { roles: 'perf-tester,other-viewer' } } });
      expect(byRole.data?.count).toBe(3);
      // Anonymous callers have no teams of their own.
      expect((await t.client.GET('/api/test', { params: { query: { roles: '__my' } } })).data).toEqual({ tests: [], count: 0 });
      expect((await t.client.GET('/api/test', { params: { query: { roles: '__all' } } })).data?.count).toBe(3);
    });

    it('refuses an unknown sort field', async () => {
      const response = await fetch(`${t.baseUrl}/api/test?sort=password`);
      expect(response.status).toBe(400);
    });
  });
});
