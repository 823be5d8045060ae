/**
 * Database roles, so that row-level security means something:
 * - the **owner** (`granary_owner` in the embedded database, or whoever DATABASE_URL names)
 *   owns the tables and runs migrations; table owners bypass row-level security;
 * - the **app** role (`granary_app`) is what the API connects as for callers: it owns nothing,
 *   cannot bypass row-level security, and gets only the privileges the migrations grant it;
 * - the **worker** role (`granary_worker`, optional) is what the results pipeline connects as:
 *   a member of the app role (its privileges, no more: no ownership, no DDL) with BYPASSRLS. The
 *   pipeline works for every team at once (as the system, policies would let it see and write
 *   every row anyway), and planning each of its statements under the policies cost more than
 *   running many of them. Creating a role with BYPASSRLS takes a superuser, so where none is
 *   at hand (a managed server) the pipeline runs on the app role under the policies instead.
 */
import pg from 'pg';
import type { EmbeddedCluster } from './embedded';

export const OWNER_ROLE = 'granary_owner';
export const APP_ROLE = 'granary_app';
export const WORKER_ROLE = 'granary_worker';
export const DEFAULT_DATABASE = 'granary';

export interface DatabaseUrls {
  /** Owner/migrator connection. */
  ownerUrl: string;
  /** Application connection (no ownership, no BYPASSRLS). */
  appUrl: string;
  /** The pipeline's connection (the app role's privileges, with BYPASSRLS). */
  workerUrl: string;
}

/**
 * Creates or updates the roles and the database in an embedded cluster (as its superuser),
 * idempotently: every start runs it, so a changed password or a missing grant is repaired.
 */
export async function provisionEmbedded(cluster: EmbeddedCluster, database = DEFAULT_DATABASE): Promise<DatabaseUrls> {
  const { ownerPassword, appPassword, workerPassword } = cluster.generatedCredentials;
  const client = await cluster.superuserClient('postgres');
  try {
    await ensureRole(client, OWNER_ROLE, ownerPassword, 'LOGIN CREATEDB NOSUPERUSER NOBYPASSRLS');
    await ensureRole(client, APP_ROLE, appPassword, 'LOGIN NOCREATEDB NOCREATEROLE NOSUPERUSER NOBYPASSRLS');
    // The owner may act as the app role (what a deployment with one DATABASE_URL relies on).
    await client.query(`GRANT ${APP_ROLE} TO ${OWNER_ROLE}`);
    await ensureRole(client, WORKER_ROLE, workerPassword, 'LOGIN NOCREATEDB NOCREATEROLE NOSUPERUSER BYPASSRLS');
    // The worker's privileges are the app role's (granted by the migrations), inherited.
    await client.query(`GRANT ${APP_ROLE} TO ${WORKER_ROLE} WITH INHERIT TRUE`);
    await ensureDatabase(client, database, OWNER_ROLE);
  } finally {
    await client.end();
  }
  return {
    ownerUrl: cluster.url(OWNER_ROLE, ownerPassword, database),
    appUrl: cluster.url(APP_ROLE, appPassword, database),
    workerUrl: cluster.url(WORKER_ROLE, workerPassword, database),
  };
}

export async function ensureRole(client: pg.Client, role: string, password: string, attributes: string): Promise<void> {
  const ident = client.escapeIdentifier(role);
  const secret = client.escapeLiteral(password);
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const verb = exists.rowCount ? 'ALTER' : 'CREATE';
  await client.query(`${verb} ROLE ${ident} WITH ${attributes} PASSWORD ${secret}`);
}

export async function ensureDatabase(client: pg.Client, database: string, owner: string): Promise<void> {
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (!exists.rowCount) {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)} OWNER ${client.escapeIdentifier(owner)} ENCODING 'UTF8' TEMPLATE template0`);
  }
}
