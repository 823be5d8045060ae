import { expect, type APIRequestContext } from '@playwright/test';
import { ADMIN } from './accounts';

const adminAuth = { authorization: `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}` };

/** Basic credentials for the API as a script would send them. */
export function basicAuth(credentials: { username: string; password: string }): { authorization: string } {
  return { authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` };
}

/** As the administrator: a new user with a password and an e-mail, with `roles` in `team`. Names are unique per call. */
export async function createTeamMember(request: APIRequestContext, team: string, roles: string[]): Promise<{ username: string; password: string }> {
  const username = `nt${Math.random().toString(36).slice(2, 8)}`;
  const password = `${username}-e2e-password`;
  const created = await request.post('/api/user/createUser', {
    headers: adminAuth,
    data: { user: { id: '', username, email: `${username}@example.com` }, password, team, roles },
  });
  expect(created.status(), await created.text()).toBe(201);
  return { username, password };
}

/** As the administrator: a public test of `team` (anyone, signed in or not, sees it); answers its id. */
export async function createPublicTest(request: APIRequestContext, team: string): Promise<{ id: number; name: string }> {
  const name = `public-${Math.random().toString(36).slice(2, 8)}`;
  const created = await request.post('/api/test', { headers: adminAuth, data: { name, owner: team, access: 'PUBLIC' } });
  expect(created.status(), await created.text()).toBe(201);
  const test = (await created.json()) as { id: number };
  return { id: test.id, name };
}

/** As the administrator: deletes a test (so a public one does not show on other journeys' pages). */
export async function deleteTest(request: APIRequestContext, id: number): Promise<void> {
  const deleted = await request.delete(`/api/test/${id}`, { headers: adminAuth });
  expect(deleted.ok(), await deleted.text()).toBe(true);
}
