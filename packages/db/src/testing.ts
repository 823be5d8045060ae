/**
 * Test databases on a real PostgreSQL (immich's method): one embedded cluster per test run,
 * `granary_template` migrated once, and a fresh database cloned from it per test file.
 *
 * In a vitest globalSetup: `const server = await startTestServer(); provide('granaryDb', server.info)`.
 * In a test file: `const db = await createTestDatabase(inject('granaryDb'))`.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { EmbeddedCluster } from './embedded';
import { deployMigrations, defaultPaths, type PrismaPaths } from './migrator/migrations';
import { APP_ROLE, OWNER_ROLE, WORKER_ROLE, provisionEmbedded } from './provision';

export const TEMPLATE_DATABASE = 'granary_template';

/** Serializable: passed from the global setup to test workers. */
export interface TestServerInfo {
  host: string;
  port: number;
  superuserPassword: string;
  ownerPassword: string;
  appPassword: string;
  workerPassword: string;
  template: string;
}

/**
 * A vitest global setup: one test server for the run, its coordinates provided to the test
 * files as `inject('granaryDb')`. Use as `export { setupTestDatabase as default } from '@granary/db/testing'`.
 */
export async function setupTestDatabase(project: { provide(key: 'granaryDb', value: TestServerInfo): void }): Promise<() => Promise<void>> {
  const server = await startTestServer();
  project.provide('granaryDb', server.info);
  return () => server.stop();
}

export interface TestServer {
  info: TestServerInfo;
  cluster: EmbeddedCluster;
  stop(): Promise<void>;
}

/**
 * Starts a throwaway cluster (or uses GRANARY_TEST_DATABASE_URL's server, a superuser URL, when
 * set) and migrates the template database.
 */
export async function startTestServer(options: { paths?: PrismaPaths } = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'granary-test-'));
  const cluster = new EmbeddedCluster({ dataDir });
  await cluster.start();
  const { ownerUrl } = await provisionEmbedded(cluster, TEMPLATE_DATABASE);
  await deployMigrations(ownerUrl, options.paths ?? defaultPaths());
  const creds = cluster.generatedCredentials;
  return {
    info: {
      host: '127.0.0.1',
      port: cluster.listeningPort,
      superuserPassword: creds.superuserPassword,
      ownerPassword: creds.ownerPassword,
      appPassword: creds.appPassword,
      workerPassword: creds.workerPassword,
      template: TEMPLATE_DATABASE,
    },
    cluster,
    async stop() {
      await cluster.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestDatabase {
  name: string;
  /** Owner/migrator role (owns the tables; bypasses row-level security). */
  ownerUrl: string;
  /** The app role, as the API connects. */
  appUrl: string;
  /** The pipeline's role (the app role's privileges with BYPASSRLS), as the launcher gives it. */
  workerUrl: string;
  /** Superuser on this database, for assertions about roles and catalogs. */
  superuserUrl: string;
}

function url(info: TestServerInfo, user: string, password: string, database: string): string {
  return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${info.host}:${info.port}/${database}`;
}

/** A new database cloned from the migrated template; never cleaned up (the cluster is thrown away). */
export async function createTestDatabase(info: TestServerInfo, options: { template?: string | null } = {}): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: url(info, 'postgres', info.superuserPassword, 'postgres') });
  await client.connect();
  try {
    const template = options.template === null ? 'template0' : (options.template ?? info.template);
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${client.escapeIdentifier(template)} OWNER ${OWNER_ROLE}`);
  } finally {
    await client.end();
  }
  return {
    name,
    ownerUrl: url(info, OWNER_ROLE, info.ownerPassword, name),
    appUrl: url(info, APP_ROLE, info.appPassword, name),
    workerUrl: url(info, WORKER_ROLE, info.workerPassword, name),
    superuserUrl: url(info, 'postgres', info.superuserPassword, name),
  };
}

/** Runs one statement (or script) on `connectionString` and returns the rows. */
export async function sql<R extends pg.QueryResultRow = pg.QueryResultRow>(connectionString: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Runs `text` in one transaction as `identity` (the settings row-level security reads), on
 * `connectionString` (use the app role's URL: the owner bypasses row-level security).
 */
export async function sqlAs<R extends pg.QueryResultRow = pg.QueryResultRow>(
  connectionString: string,
  identity: { userId?: string | null; roles?: readonly string[] },
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT set_config('granary.user_id', $1, true), set_config('granary.roles', $2, true)", [
      identity.userId ?? '',
      (identity.roles ?? []).join(','),
    ]);
    const rows = (await client.query<R>(text, values)).rows;
    await client.query('COMMIT');
    return rows;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
