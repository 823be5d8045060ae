import { expect, type APIRequestContext } from '@playwright/test';
import { ADMIN } from './accounts';
import { prepareResultsWorld, type ResultsWorld } from './results';

const adminAuth = { authorization: `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}` };

/**
 * A results world (team, test, API key) plus, made through the API as a script would, a schema
 * with one metric label, `throughput` (`$.results.throughput`).
 */
export async function prepareChangesWorld(request: APIRequestContext): Promise<ResultsWorld & { schemaId: number }> {
  const world = await prepareResultsWorld(request);
  const schema = await request.post('/api/schema', {
    headers: adminAuth,
    data: { name: `Changes ${world.schemaUri}`, uri: world.schemaUri, owner: world.team, access: 'PRIVATE' },
  });
  expect(schema.status(), await schema.text()).toBe(201);
  const schemaId = Number(await schema.text());
  const labels = await request.post(`/api/schema/${schemaId}/labels`, {
    headers: adminAuth,
    data: [{ name: 'throughput', metrics: true, filtering: false, extractors: [{ name: 'throughput', jsonpath: '$.results.throughput', isarray: false }] }],
  });
  expect(labels.status(), await labels.text()).toBe(201);
  return { ...world, schemaId };
}
