import { expect, type APIRequestContext } from '@playwright/test';
import { ADMIN } from './accounts';

const adminAuth = { authorization: `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}` };

export interface ResultsWorld {
  team: string;
  test: { id: number; name: string };
  /** A schema URI no other spec uses. */
  schemaUri: string;
  /** An API key of the administrator, as a CI job would hold one. */
  key: string;
}

/**
 * As the administrator (HTTP Basic, as a script would): a team with the administrator as its
 * tester and uploader, a test it owns, and an API key to upload with. Names are unique per call.
 */
export async function prepareResultsWorld(request: APIRequestContext): Promise<ResultsWorld> {
  const suffix = Math.random().toString(36).slice(2, 8);
  const team = `rs${suffix}-team`;
  expect((await request.post(`/api/user/team/${team}`, { headers: adminAuth })).status()).toBe(201);
  expect((await request.post(`/api/user/team/${team}/members`, { headers: adminAuth, data: { [ADMIN.username]: ['tester', 'uploader'] } })).status()).toBe(201);
  const created = await request.post('/api/test', { headers: adminAuth, data: { name: `results-${suffix}`, owner: team, access: 'PRIVATE', description: 'An e2e benchmark' } });
  expect(created.status()).toBe(201);
  const test = (await created.json()) as { id: number; name: string };
  const keyAnswer = await request.post('/api/user/apikey', { headers: adminAuth, data: { name: `results-${suffix}`, type: 'USER' } });
  expect(keyAnswer.ok()).toBe(true);
  const key = (await keyAnswer.text()).replace(/^"|"$/g, '');
  return { team, test: { id: test.id, name: test.name }, schemaUri: `urn:e2e-results-${suffix}:1.0`, key };
}

/** Uploads a results document with the API key and waits for its datasets and label values (`wait=true`); answers the run id. */
export async function uploadRun(request: APIRequestContext, world: ResultsWorld, document: Record<string, unknown>, start: string, stop: string): Promise<number> {
  const answer = await request.post(
    `/api/run/data?test=${encodeURIComponent(world.test.name)}&start=${encodeURIComponent(start)}&stop=${encodeURIComponent(stop)}&wait=true`,
    { headers: { 'X-Horreum-API-Key': world.key, 'content-type': 'application/json' }, data: JSON.stringify(document) },
  );
  expect(answer.status(), await answer.text()).toBe(202);
  return Number(await answer.text());
}
