import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, sql, type TestDatabase } from '../testing';
import { createMigration, defaultPaths, deployMigrations, markRolledBack, migrationNames, migrationStatus, schemaDrift, type PrismaPaths } from './migrations';

/** A copy of prisma/ that a test may change without touching the repository. */
function copyPrismaDir(): PrismaPaths {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'granary-prisma-'));
  fs.cpSync(path.dirname(defaultPaths().schemaPath), dir, { recursive: true });
  return defaultPaths(dir);
}

describe('migrations', () => {
  let empty: TestDatabase;

  beforeAll(async () => {
    empty = await createTestDatabase(inject('granaryDb'), { template: null });
  });

  it('schema.prisma and the migrations agree (no drift): add a migration with `npm run db:migration -- <name>`', async () => {
    const drift = await schemaDrift(empty.ownerUrl);
    expect(drift, `schema.prisma changed without a migration; the missing SQL:\n${drift}`).toBeNull();
  });

  it('reports drift when schema.prisma changes without a migration', async () => {
    const paths = copyPrismaDir();
    const schema = fs.readFileSync(paths.schemaPath, 'utf8');
    fs.writeFileSync(paths.schemaPath, schema.replace('  folder      String?', '  folder      String?\n  driftProbe  Int?     @map("drift_probe")'));
    const drift = await schemaDrift(empty.ownerUrl, paths);
    expect(drift).toMatch(/ALTER TABLE "test" ADD COLUMN\s+"drift_probe" INTEGER/);
  });

  it('creates a migration from a schema change, after which there is no drift', async () => {
    const paths = copyPrismaDir();
    const schema = fs.readFileSync(paths.schemaPath, 'utf8');
    fs.writeFileSync(paths.schemaPath, `${schema}\nmodel Probe {\n  id Int @id\n\n  @@map("probe")\n}\n`);
    const dir = await createMigration(empty.ownerUrl, 'Add probe!', { paths, now: new Date('2030-01-02T03:04:05Z') });
    expect(path.basename(dir ?? '')).toBe('20300102030405_add_probe');
    expect(fs.readFileSync(path.join(dir!, 'migration.sql'), 'utf8')).toContain('CREATE TABLE "probe"');
    expect(await schemaDrift(empty.ownerUrl, paths)).toBeNull();
    expect(await createMigration(empty.ownerUrl, 'again', { paths })).toBeNull();
  });

  it('applies pending migrations once, records them, and reports the database up to date', async () => {
    const db = await createTestDatabase(inject('granaryDb'), { template: null });
    expect((await migrationStatus(db.ownerUrl)).pending).toEqual(migrationNames());
    expect(await deployMigrations(db.ownerUrl)).toEqual(migrationNames());
    expect(await deployMigrations(db.ownerUrl)).toEqual([]);
    const status = await migrationStatus(db.ownerUrl);
    expect(status).toMatchObject({ pending: [], failed: [], edited: [], unknown: [] });
    const rows = await sql<{ migration_name: string; applied_steps_count: number }>(db.ownerUrl, 'SELECT migration_name, applied_steps_count FROM _prisma_migrations');
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames());
  });

  it('notices an applied migration whose file was edited afterwards', async () => {
    const db = await createTestDatabase(inject('granaryDb'));
    const paths = copyPrismaDir();
    const first = migrationNames(paths.migrationsDir)[0]!;
    fs.appendFileSync(path.join(paths.migrationsDir, first, 'migration.sql'), '\n-- edited after release\n');
    expect((await migrationStatus(db.ownerUrl, paths.migrationsDir)).edited).toEqual([first]);
  });

  it('rolls back a failing migration whole and refuses to continue until it is resolved', async () => {
    const db = await createTestDatabase(inject('granaryDb'));
    const paths = copyPrismaDir();
    const bad = path.join(paths.migrationsDir, '29990101000000_bad');
    fs.mkdirSync(bad);
    fs.writeFileSync(path.join(bad, 'migration.sql'), 'CREATE TABLE half_done (id int);\nSELECT no_such_function();\n');
    await expect(deployMigrations(db.ownerUrl, paths)).rejects.toThrow(/no_such_function/);
    const tables = await sql(db.ownerUrl, "SELECT 1 FROM pg_tables WHERE tablename = 'half_done'");
    expect(tables).toHaveLength(0);
    expect((await migrationStatus(db.ownerUrl, paths.migrationsDir)).failed).toEqual(['29990101000000_bad']);
    await expect(deployMigrations(db.ownerUrl, paths)).rejects.toThrow(/failed migrations/);
    await markRolledBack(db.ownerUrl, '29990101000000_bad', paths);
    fs.writeFileSync(path.join(bad, 'migration.sql'), 'CREATE TABLE fixed (id int);\n');
    expect(await deployMigrations(db.ownerUrl, paths)).toEqual(['29990101000000_bad']);
  });
});
