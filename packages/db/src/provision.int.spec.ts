import { beforeAll, describe, expect, inject, it } from 'vitest';
import { Db, openWorkerPool } from './client';
import { migrationNames } from './migrator/migrations';
import { createTestDatabase, sql, sqlAs, type TestDatabase } from './testing';

describe('database roles', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(inject('granaryDb'));
  });

  it('gives the app role no superuser, no BYPASSRLS and no ownership of any table', async () => {
    const [role] = await sql<{ rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
      db.superuserUrl,
      "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = 'granary_app'",
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    const owned = await sql(db.superuserUrl, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'granary_app'");
    expect(owned).toEqual([]);
  });

  it('lets the app role read and write tables but not change the schema', async () => {
    await sql(db.ownerUrl, "INSERT INTO team (name) VALUES ('perf-team')");
    // As an admin (row-level security applies to the app role).
    await sqlAs(db.appUrl, { roles: ['admin'] }, "INSERT INTO test (name, owner, access, updated_at) VALUES ('t1', 'perf-team', 'PRIVATE', now())");
    expect(await sqlAs(db.appUrl, { roles: ['admin'] }, 'SELECT name FROM test')).toEqual([{ name: 't1' }]);
    await expect(sql(db.appUrl, 'CREATE TABLE sneaky (id int)')).rejects.toThrow(/permission denied/);
    await expect(sql(db.appUrl, 'DROP TABLE test')).rejects.toThrow(/must be owner/);
  });

  it("gives the pipeline's worker role BYPASSRLS and the app role's privileges, nothing more", async () => {
    const [role] = await sql<Record<string, boolean>>(
      db.superuserUrl,
      `SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, pg_has_role('granary_worker', 'granary_app', 'USAGE') AS inherits_app
       FROM pg_roles WHERE rolname = 'granary_worker'`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: true, rolcreaterole: false, rolcreatedb: false, inherits_app: true });
    expect(await sql(db.superuserUrl, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'granary_worker'")).toEqual([]);
    await sql(db.ownerUrl, "INSERT INTO team (name) VALUES ('hidden-team') ON CONFLICT DO NOTHING");
    await sql(db.ownerUrl, "INSERT INTO test (name, owner, access, updated_at) VALUES ('private-one', 'hidden-team', 'PRIVATE', now())");
    // Without any identity: the app role sees no private row, the worker every row.
    expect(await sql(db.appUrl, "SELECT name FROM test WHERE name = 'private-one'")).toEqual([]);
    expect(await sql(db.workerUrl, "SELECT name FROM test WHERE name = 'private-one'")).toEqual([{ name: 'private-one' }]);
    await expect(sql(db.workerUrl, 'CREATE TABLE sneaky (id int)')).rejects.toThrow(/permission denied/);
    await expect(sql(db.workerUrl, 'DROP TABLE test')).rejects.toThrow(/must be owner/);
    await expect(sql(db.workerUrl, 'DELETE FROM _prisma_migrations')).rejects.toThrow(/permission denied/);
  });

  it("opens the worker's pool only for a role that can write runs and bypass row-level security", async () => {
    const opened = await openWorkerPool(db.workerUrl, 1);
    expect('pool' in opened).toBe(true);
    if ('pool' in opened) {
      expect((await opened.pool.query('SELECT current_user AS role')).rows).toEqual([{ role: 'granary_worker' }]);
      await opened.pool.end();
    }
    expect(await openWorkerPool(db.appUrl, 1)).toEqual({ reason: 'its role does not have BYPASSRLS' });
    const wrongPassword = db.workerUrl.replace(/:[^:@/]+@/, ':wrong@');
    expect(await openWorkerPool(wrongPassword, 1)).toEqual({ reason: expect.stringMatching(/password authentication failed/) });
  });

  it('lets the app role read the migration history but never write it', async () => {
    expect((await sql(db.appUrl, 'SELECT count(*)::int AS n FROM _prisma_migrations'))[0]).toEqual({ n: migrationNames().length });
    await expect(sql(db.appUrl, 'DELETE FROM _prisma_migrations')).rejects.toThrow(/permission denied/);
  });

  it('acts as the app role when only the owner URL is configured', async () => {
    const client = new Db({ ownerUrl: db.ownerUrl });
    try {
      const [row] = await client.prisma.$queryRaw<{ current_user: string; session_user: string }[]>`SELECT current_user, session_user`;
      expect(row).toEqual({ current_user: 'granary_app', session_user: 'granary_owner' });
    } finally {
      await client.close();
    }
  });

  it('keeps the caller identity inside its transaction', async () => {
    const client = new Db({ ownerUrl: db.ownerUrl, appUrl: db.appUrl, poolSize: 1 });
    try {
      const userId = '00000000-0000-4000-8000-000000000001';
      const inside = await client.asCaller({ userId, roles: ['perf-team', 'perf-tester'] }, (tx) =>
        tx.$queryRaw<{ user_id: string; roles: string }[]>`SELECT current_setting('granary.user_id') AS user_id, current_setting('granary.roles') AS roles`,
      );
      expect(inside).toEqual([{ user_id: userId, roles: 'perf-team,perf-tester' }]);
      // Same pooled connection (pool of one), next statement outside any caller transaction.
      const after = await client.pool.query("SELECT coalesce(current_setting('granary.user_id', true), '') AS user_id");
      expect(after.rows).toEqual([{ user_id: '' }]);
    } finally {
      await client.close();
    }
  });
});
