/**
 * Row-level security, straight in SQL as the app role: what each identity sees and may change,
 * whatever the API does above it.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, sql, sqlAs, type TestDatabase } from './testing';

const ALICE = '00000000-0000-4000-8000-00000000000a';
const BOB = '00000000-0000-4000-8000-00000000000b';

/** Roles as the API derives them for one team membership. */
function member(team: string, ...roles: string[]): string[] {
  const base = team.replace(/-team$/, '');
  const expanded = new Set([team]);
  for (const role of roles) {
    expanded.add(role).add(`${base}-${role}`);
    if (role === 'tester') {
      expanded.add('viewer').add(`${base}-viewer`);
    }
  }
  return [...expanded];
}

describe('row-level security', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(inject('granaryDb'));
    await sql(
      db.ownerUrl,
      `INSERT INTO team (name) VALUES ('perf-team'), ('other-team');
       INSERT INTO app_user (id, username) VALUES ('${ALICE}', 'alice'), ('${BOB}', 'bob');
       INSERT INTO test (name, owner, access, updated_at) VALUES
         ('perf-public', 'perf-team', 'PUBLIC', now()), ('perf-protected', 'perf-team', 'PROTECTED', now()), ('perf-private', 'perf-team', 'PRIVATE', now()),
         ('other-public', 'other-team', 'PUBLIC', now()), ('other-protected', 'other-team', 'PROTECTED', now()), ('other-private', 'other-team', 'PRIVATE', now())`,
    );
  });

  const visibleTests = async (identity: { userId?: string; roles?: string[] }) =>
    (await sqlAs<{ name: string }>(db.appUrl, identity, 'SELECT name FROM test ORDER BY name')).map((r) => r.name);

  it('shows a transaction that set no identity the public rows only', async () => {
    expect((await sql<{ name: string }>(db.appUrl, 'SELECT name FROM test ORDER BY name')).map((r) => r.name)).toEqual(['other-public', 'perf-public']);
    expect(await sql(db.appUrl, 'SELECT * FROM app_user')).toEqual([]);
    expect(await sql(db.appUrl, 'SELECT * FROM team')).toEqual([]);
  });

  it.each([
    ['a viewer of perf-team', member('perf-team', 'viewer'), ['other-protected', 'other-public', 'perf-private', 'perf-protected', 'perf-public']],
    ['a tester of perf-team', member('perf-team', 'tester'), ['other-protected', 'other-public', 'perf-private', 'perf-protected', 'perf-public']],
    ['an uploader of perf-team (write-only)', member('perf-team', 'uploader'), ['other-public', 'perf-public']],
    ['a manager of perf-team alone', member('perf-team', 'manager'), ['other-public', 'perf-public']],
    ['an admin', ['admin'], ['other-private', 'other-protected', 'other-public', 'perf-private', 'perf-protected', 'perf-public']],
  ])('shows %s exactly the tests it may see', async (_who, roles, expected) => {
    expect(await visibleTests({ userId: ALICE, roles })).toEqual(expected);
  });

  it("lets a tester create and change its own team's tests and no one else's", async () => {
    const tester = { userId: ALICE, roles: member('perf-team', 'tester') };
    await sqlAs(db.appUrl, tester, "INSERT INTO test (name, owner, access, updated_at) VALUES ('new-perf', 'perf-team', 'PRIVATE', now())");
    await expect(
      sqlAs(db.appUrl, tester, "INSERT INTO test (name, owner, access, updated_at) VALUES ('sneaky', 'other-team', 'PUBLIC', now())"),
    ).rejects.toThrow(/row-level security/);
    // Another team's public test is visible but not writable: the update touches nothing.
    expect(await sqlAs(db.appUrl, tester, "UPDATE test SET description = 'mine now' WHERE name = 'other-public' RETURNING id")).toEqual([]);
    await expect(sqlAs(db.appUrl, tester, "UPDATE test SET owner = 'other-team' WHERE name = 'new-perf'")).rejects.toThrow(/row-level security/);
    const viewer = { userId: ALICE, roles: member('perf-team', 'viewer') };
    expect(await sqlAs(db.appUrl, viewer, "DELETE FROM test WHERE name = 'new-perf' RETURNING id")).toEqual([]);
  });

  it('keeps API keys and sessions to their own user', async () => {
    const hash = createHash('sha256').update('k1').digest('base64');
    await sqlAs(db.appUrl, { userId: ALICE, roles: [] }, "INSERT INTO api_key (user_id, name, hash) VALUES ($1, 'ci', $2)", [ALICE, hash]);
    await expect(
      sqlAs(db.appUrl, { userId: BOB, roles: [] }, "INSERT INTO api_key (user_id, name, hash) VALUES ($1, 'forged', 'x')", [ALICE]),
    ).rejects.toThrow(/row-level security/);
    expect(await sqlAs(db.appUrl, { userId: BOB, roles: [] }, 'SELECT id FROM api_key')).toEqual([]);
    expect(await sqlAs(db.appUrl, { userId: ALICE, roles: [] }, 'SELECT name FROM api_key')).toEqual([{ name: 'ci' }]);
  });

  it('finds a live API key by its hash, and neither a revoked nor an expired one', async () => {
    const hash = (s: string) => createHash('sha256').update(s).digest('base64');
    await sql(
      db.ownerUrl,
      `INSERT INTO api_key (user_id, name, hash, revoked_at, expires_at) VALUES
        ($1, 'live', $2, NULL, now() + interval '1 day'), ($1, 'revoked', $3, now(), NULL), ($1, 'expired', $4, NULL, now() - interval '1 second')`,
      [BOB, hash('live'), hash('revoked'), hash('expired')],
    );
    const lookup = (key: string) => sql(db.appUrl, 'SELECT user_id FROM granary_auth_api_key($1)', [hash(key)]);
    expect(await lookup('live')).toEqual([{ user_id: BOB }]);
    expect(await lookup('revoked')).toEqual([]);
    expect(await lookup('expired')).toEqual([]);
    const [used] = await sql<{ last_used_at: Date | null }>(db.ownerUrl, "SELECT last_used_at FROM api_key WHERE name = 'live'");
    expect(used?.last_used_at).toBeInstanceOf(Date);
  });

  it("lets a team's managers change its memberships, and no one else", async () => {
    const [team] = await sql<{ id: number }>(db.ownerUrl, "SELECT id FROM team WHERE name = 'other-team'");
    const insert = (roles: string[]) =>
      sqlAs(db.appUrl, { userId: ALICE, roles }, "INSERT INTO team_membership (user_id, team_id, role) VALUES ($1, $2, 'VIEWER')", [BOB, team!.id]);
    await expect(insert(member('perf-team', 'manager'))).rejects.toThrow(/row-level security/);
    await insert(member('other-team', 'manager'));
    expect(await sqlAs(db.appUrl, { userId: BOB, roles: [] }, 'SELECT role FROM team_membership')).toEqual([{ role: 'VIEWER' }]);
  });

  it('never lets users make themselves administrators or give themselves provider roles', async () => {
    const self = { userId: BOB, roles: member('perf-team', 'viewer') };
    expect(await sqlAs(db.appUrl, self, "UPDATE app_user SET default_team = 'perf-team' WHERE id = $1 RETURNING id", [BOB])).toHaveLength(1);
    await expect(sqlAs(db.appUrl, self, 'UPDATE app_user SET is_admin = true WHERE id = $1', [BOB])).rejects.toThrow(/only administrators/);
    await expect(sqlAs(db.appUrl, self, "UPDATE app_user SET external_roles = '{admin}' WHERE id = $1", [BOB])).rejects.toThrow(/only sign-in/);
    const manager = { userId: ALICE, roles: member('perf-team', 'manager') };
    await expect(sqlAs(db.appUrl, manager, "INSERT INTO app_user (username, external_roles) VALUES ('sneaky', '{admin}')")).rejects.toThrow(/only sign-in/);
    await expect(sqlAs(db.appUrl, manager, "INSERT INTO app_user (username, is_admin) VALUES ('sneaky', true)")).rejects.toThrow(/row-level security|only administrators/);
    expect(await sqlAs(db.appUrl, { roles: ['admin'] }, 'UPDATE app_user SET is_admin = true WHERE id = $1 RETURNING id', [BOB])).toHaveLength(1);
  });

  it('keeps a revoked API key revoked, and its secret, scope and expiry as created', async () => {
    await sql(db.ownerUrl, "INSERT INTO api_key (user_id, name, hash, revoked_at) VALUES ($1, 'gone', 'h-gone', now()), ($1, 'kept', 'h-kept', NULL)", [ALICE]);
    const owner = { userId: ALICE, roles: [] };
    await expect(sqlAs(db.appUrl, owner, "UPDATE api_key SET revoked_at = NULL WHERE name = 'gone'")).rejects.toThrow(/stays revoked/);
    await expect(sqlAs(db.appUrl, owner, "UPDATE api_key SET expires_at = now() + interval '10 years' WHERE name = 'kept'")).rejects.toThrow(/only be renamed or revoked/);
    await expect(sqlAs(db.appUrl, owner, "UPDATE api_key SET upload_only = false, hash = 'other' WHERE name = 'kept'")).rejects.toThrow(/only be renamed or revoked/);
    expect(await sqlAs(db.appUrl, owner, "UPDATE api_key SET name = 'kept-renamed', revoked_at = now() WHERE name = 'kept' RETURNING id")).toHaveLength(1);
  });

  it('refuses team names outside the `<name>-team` convention', async () => {
    await expect(sql(db.ownerUrl, "INSERT INTO team (name) VALUES ('Perf Team')")).rejects.toThrow(/team_name_format/);
  });
});
