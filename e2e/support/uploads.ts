import { expect, type APIRequestContext } from '@playwright/test';
import { ADMIN } from './accounts';

const adminAuth = { authorization: `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}` };

/**
 * As the administrator (HTTP Basic, as a script would): a team, a private test it owns, and the
 * given users as its uploaders. Names are made unique per call.
 */
export async function prepareUploadTarget(request: APIRequestContext, baseUrl: string, uploaders: string[]): Promise<{ team: string; test: string }> {
  const suffix = Math.random().toString(36).slice(2, 8);
  const team = `up${suffix}-team`;
  const test = `upload-target-${suffix}`;
  expect((await request.post(`${baseUrl}/api/user/team/${team}`, { headers: adminAuth })).status()).toBe(201);
  const members = Object.fromEntries(uploaders.map((u) => [u, ['uploader']]));
  expect((await request.post(`${baseUrl}/api/user/team/${team}/members`, { headers: adminAuth, data: members })).status()).toBe(201);
  expect((await request.post(`${baseUrl}/api/test`, { headers: adminAuth, data: { name: test, owner: team, access: 'PRIVATE' } })).status()).toBe(201);
  return { team, test };
}

/** Uploads a small results document with an API key, as a CI job does; answers the response. */
export function uploadWithKey(request: APIRequestContext, baseUrl: string, test: string, key: string) {
  return request.post(`${baseUrl}/api/run/data?test=${encodeURIComponent(test)}&start=$.start&stop=$.stop`, {
    headers: { 'X-Horreum-API-Key': key, 'content-type': 'application/json' },
    data: JSON.stringify({ start: '2026-11-23T10:00:00Z', stop: '2026-11-23T10:05:00Z', throughput: 1234.5 }),
  });
}
