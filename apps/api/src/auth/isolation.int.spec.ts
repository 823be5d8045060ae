/**
 * The isolation matrix, generated from the OpenAPI document: every operation × every kind of
 * caller, and every listed item × role × access level × own or other team. A new endpoint is
 * covered the day it is added: it must declare `x-granary-access`, and an endpoint with a path
 * parameter the matrix has no value for fails here until one is given.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from '@granary/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bootApp, type TestApp } from '../test-support/app';

interface Operation {
  method: string;
  path: string;
  operationId: string;
  access: 'public' | 'authenticated' | 'admin' | undefined;
  consumesText: boolean;
}

const DOCUMENT = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../packages/api-client/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { operationId: string; 'x-granary-access'?: Operation['access']; requestBody?: { content?: Record<string, unknown> } }>>;
};

const OPERATIONS: Operation[] = Object.entries(DOCUMENT.paths).flatMap(([route, item]) =>
  Object.entries(item).map(([method, op]) => ({
    method: method.toUpperCase(),
    path: route,
    operationId: op.operationId,
    access: op['x-granary-access'],
    consumesText: Boolean(op.requestBody?.content?.['text/plain']),
  })),
);

/** A value for each path parameter the API has: unknown to the database on purpose. */
const PATH_PARAMETER_VALUES: Record<string, string> = {
  team: 'matrix-absent-team',
  id: '999999',
  username: 'matrix-absent-user',
  runId: '999999',
  testId: '999999',
  datasetId: '999999',
  schemaId: '999999',
  labelId: '999999',
  transformerId: '999999',
  uri: 'urn%3Amatrix-absent',
  name: 'matrix-absent-test',
};

function concretePath(route: string): string {
  return route.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = PATH_PARAMETER_VALUES[name];
    if (value === undefined) {
      throw new Error(`the isolation matrix has no value for path parameter {${name}} of ${route}: add one to PATH_PARAMETER_VALUES`);
    }
    return value;
  });
}

const ADMIN_PASSWORD = 'matrix-admin-password';
const OWN = 'own-team';
const OTHER = 'other-team';
const ACCESS_LEVELS = ['PUBLIC', 'PROTECTED', 'PRIVATE'] as const;

type CallerName = 'anonymous' | 'outsider' | 'viewer' | 'uploader' | 'tester' | 'manager' | 'other-viewer' | 'upload-only-key' | 'admin';

/** The team each caller belongs to (the admin and anonymous belong to none). */
const TEAM_OF: Partial<Record<CallerName, string>> = {
  outsider: OWN,
  viewer: OWN,
  uploader: OWN,
  tester: OWN,
  manager: OWN,
  'upload-only-key': OWN,
  'other-viewer': OTHER,
};

/** Who may see an item of `access` owned by `team` (the access rules of docs/security.md). */
function mayView(caller: CallerName, access: (typeof ACCESS_LEVELS)[number], team: string): boolean {
  if (access === 'PUBLIC' || caller === 'admin') {
    return true;
  }
  const isViewer = caller === 'viewer' || caller === 'tester' || caller === 'other-viewer';
  return access === 'PROTECTED' ? isViewer : isViewer && TEAM_OF[caller] === team;
}

describe('isolation matrix', () => {
  let t: TestApp;
  const credentials = new Map<CallerName, Record<string, string>>();

  const request = (op: Operation, headers: Record<string, string>) =>
    fetch(`${t.baseUrl}${concretePath(op.path)}`, {
      method: op.method,
      headers: { ...headers, ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { 'content-type': op.consumesText ? 'text/plain' : 'application/json' }) },
      body: op.method === 'GET' || op.method === 'DELETE' ? undefined : op.consumesText ? 'matrix' : '{}',
    });

  beforeAll(async () => {
    t = await bootApp(inject('granaryDb'), { GRANARY_ADMIN_PASSWORD: ADMIN_PASSWORD });
    const login = async (username: string, password: string) =>
      (await t.client.POST('/api/auth/login', { body: { username, password } })).data!.token;
    const admin = await login('admin', ADMIN_PASSWORD);
    const asAdmin = (method: string, route: string, body?: unknown) =>
      fetch(`${t.baseUrl}${route}`, { method, headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    await asAdmin('POST', `/api/user/team/${OWN}`);
    await asAdmin('POST', `/api/user/team/${OTHER}`);
    const users: [CallerName, string, string[]][] = [
      ['outsider', OWN, []],
      ['viewer', OWN, ['viewer']],
      ['uploader', OWN, ['uploader']],
      ['tester', OWN, ['tester']],
      ['manager', OWN, ['manager']],
      ['other-viewer', OTHER, ['viewer']],
    ];
    for (const [name, team, roles] of users) {
      const created = await asAdmin('POST', '/api/user/createUser', { user: { username: name }, password: `${name}-password`, team, roles });
      expect(created.status, `creating ${name}`).toBe(201);
      credentials.set(name, { authorization: `Bearer ${await login(name, `${name}-password`)}` });
    }
    const testerSession = credentials.get('tester')!;
    const keyResponse = await fetch(`${t.baseUrl}/api/user/apikey`, {
      method: 'POST',
      headers: { ...testerSession, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'upload', uploadOnly: true }),
    });
    credentials.set('upload-only-key', { 'x-horreum-api-key': await keyResponse.text() });
    credentials.set('admin', { authorization: `Bearer ${admin}` });
    credentials.set('anonymous', {});
    // One test per team and access level (written as the owner: the fixture bypasses the API).
    for (const team of [OWN, OTHER]) {
      for (const access of ACCESS_LEVELS) {
        await sql(t.db.ownerUrl, 'INSERT INTO test (name, owner, access, updated_at) VALUES ($1, $2, $3, now())', [`${team}-${access.toLowerCase()}`, team, access]);
      }
    }
  });
  afterAll(() => t.close());

  it('has an access level in the API description for every operation', () => {
    expect(OPERATIONS.length).toBeGreaterThan(20);
    expect(OPERATIONS.filter((op) => !op.access).map((op) => `${op.method} ${op.path}`)).toEqual([]);
  });

  describe.each(['anonymous', 'outsider', 'viewer', 'uploader', 'tester', 'manager', 'other-viewer', 'upload-only-key', 'admin'] as CallerName[])(
    'every operation, called by %s',
    (caller) => {
      it('is allowed or refused exactly as its access level says', async () => {
        const outcomes: string[] = [];
        for (const op of OPERATIONS) {
          // Signing out would end the session the rest of the matrix uses (auth.http.int.spec.ts covers it).
          const headers = credentials.get(caller)!;
          if (op.operationId === 'logout' && headers.authorization?.startsWith('Bearer gs_')) {
            continue;
          }
          const status = (await request(op, headers)).status;
          const expected =
            caller === 'anonymous'
              ? op.access === 'public'
                ? 'not 401/403'
                : '401'
              : op.access === 'admin' && caller !== 'admin'
                ? '403'
                : caller === 'admin'
                  ? 'not 401/403'
                  : 'not 401';
          const ok = expected === '401' ? status === 401 : expected === '403' ? status === 403 : expected === 'not 401' ? status !== 401 : status !== 401 && status !== 403;
          if (!ok) {
            outcomes.push(`${op.method} ${op.path} answered ${status}, expected ${expected}`);
          }
          expect(status, `${op.method} ${op.path}`).toBeLessThan(500);
        }
        expect(outcomes).toEqual([]);
      });
    },
  );

  describe.each(['anonymous', 'outsider', 'viewer', 'uploader', 'tester', 'manager', 'other-viewer', 'upload-only-key', 'admin'] as CallerName[])(
    'GET /api/test for %s',
    (caller) => {
      it('lists and counts exactly the tests the access rules allow, own team and other team', async () => {
        const response = await fetch(`${t.baseUrl}/api/test`, { headers: credentials.get(caller)! });
        expect(response.status).toBe(200);
        const { tests, count } = (await response.json()) as { tests: { name: string }[]; count: number };
        const expected = [OWN, OTHER]
          .flatMap((team) => ACCESS_LEVELS.filter((access) => mayView(caller, access, team)).map((access) => `${team}-${access.toLowerCase()}`))
          .sort();
        expect(tests.map((x) => x.name).sort()).toEqual(expected);
        expect(count).toBe(expected.length);
      });
    },
  );

  it("answers a manager's view of another team's members 403, never its content", async () => {
    const manager = credentials.get('manager')!;
    const refused = await fetch(`${t.baseUrl}/api/user/team/${OTHER}/members`, { headers: manager });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(await refused.json())).not.toContain('other-viewer');
    const own = await fetch(`${t.baseUrl}/api/user/team/${OWN}/members`, { headers: manager });
    expect(own.status).toBe(200);
    // The outsider was created in the team with no role: not a member.
    expect(Object.keys((await own.json()) as object).sort()).toEqual(['manager', 'tester', 'uploader', 'viewer']);
  });
});
