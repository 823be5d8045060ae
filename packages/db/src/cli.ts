#!/usr/bin/env node
/**
 * granary-db: migrations for people and scripts (`npm run db:migrate`, `db:migration -- <name>`,
 * `db:status`). Uses DATABASE_URL when set, otherwise the embedded database under
 * GRANARY_DATA_DIR (started for the command, or the one a running Granary already uses).
 */
import { resolveDataDir } from './data-dir';
import { EmbeddedCluster } from './embedded';
import { describeConnectionError } from './errors';
import { createMigration, deployMigrations, migrationStatus, schemaDrift } from './migrator/migrations';
import { provisionEmbedded } from './provision';
import { redactUrl } from './url';

const USAGE = `usage: granary-db <command>
  migrate            apply pending migrations
  migration <name>   create a migration from changes to prisma/schema.prisma
  status             list applied, pending, failed and edited migrations (exit 1 unless up to date)
  drift              exit 1 when schema.prisma and the migrations disagree`;

async function withOwnerUrl<T>(use: (url: string) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (url) {
    return use(url);
  }
  const cluster = new EmbeddedCluster({ dataDir: resolveDataDir(), attach: true });
  await cluster.start();
  try {
    const { ownerUrl } = await provisionEmbedded(cluster);
    return await use(ownerUrl);
  } finally {
    await cluster.stop();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate':
      return withOwnerUrl(async (url) => {
        const applied = await deployMigrations(url);
        console.log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database is up to date');
        return 0;
      });
    case 'migration': {
      const name = rest.join('_');
      return withOwnerUrl(async (url) => {
        const dir = await createMigration(url, name);
        console.log(dir ? `created ${dir}\nreview it, add row-level security, grants or CHECKs by hand, then run npm run db:migrate` : 'no schema changes');
        return 0;
      });
    }
    case 'status':
      return withOwnerUrl(async (url) => {
        const status = await migrationStatus(url);
        console.log(JSON.stringify(status, null, 2));
        const ok = status.pending.length + status.failed.length + status.edited.length + status.unknown.length === 0;
        console.log(ok ? 'database is up to date' : 'database is NOT up to date');
        return ok ? 0 : 1;
      });
    case 'drift':
      return withOwnerUrl(async (url) => {
        const sql = await schemaDrift(url);
        if (sql === null) {
          console.log('schema.prisma and the migrations agree');
          return 0;
        }
        console.error(`schema.prisma differs from the migrations; a migration would need:\n${sql}`);
        return 1;
      });
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const e = error as { code?: string; name?: string; message?: string };
    if (e?.name === 'EmbeddedClusterError') {
      console.error(e.message);
    } else if (e?.code && process.env.DATABASE_URL && /^(E[A-Z]+|28P01|28000|3D000)$/.test(e.code)) {
      console.error(describeConnectionError(error, redactUrl(process.env.DATABASE_URL)));
    } else {
      console.error(e?.message ?? String(error));
    }
    process.exit(1);
  },
);
