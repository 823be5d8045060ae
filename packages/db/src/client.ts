import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client';
import { APP_ROLE } from './provision';
import { connectionConfig } from './url';

export { PrismaClient };
export { Prisma } from './generated/prisma/client';

/** A Prisma transaction client: the only way repositories reach the database. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/**
 * Who a transaction acts for. Row-level security policies read it from transaction-local
 * settings (`granary.user_id`, `granary.roles`), so it cannot leak into the next transaction on
 * the same pooled connection. Roles are Horreum-style names: `admin`, `viewer`, `<team>-team`,
 * `<team base>-tester`, ...
 */
export interface CallerIdentity {
  userId: string | null;
  roles: readonly string[];
}

export const ANONYMOUS: CallerIdentity = Object.freeze({ userId: null, roles: [] });

/** Background work acts with every right; `granary-system` tells it apart in policies and logs. */
export const SYSTEM_ROLES: readonly string[] = Object.freeze(['admin', 'granary-system']);

export interface DbOptions {
  /** The app role's connection (DATABASE_APP_URL); without it, `ownerUrl` with `SET ROLE granary_app`. */
  appUrl?: string;
  ownerUrl: string;
  poolSize?: number;
  applicationName?: string;
}

/**
 * The app's connection pool and Prisma client. Every connection acts as the app role: either it
 * logs in as that role, or (one URL only) it logs in as the owner and switches to the app role at
 * connection start-up, so row-level security applies in both cases.
 */
export class Db {
  readonly pool: pg.Pool;
  readonly prisma: PrismaClient;

  constructor(options: DbOptions) {
    const base = connectionConfig(options.appUrl ?? options.ownerUrl);
    this.pool = new pg.Pool({
      ...base,
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? 'granary',
      ...(options.appUrl ? {} : { options: `-c role=${APP_ROLE}` }),
    });
    // An idle client losing its connection (database restart) must not crash the process.
    this.pool.on('error', () => undefined);
    this.prisma = new PrismaClient({ adapter: new PrismaPg(this.pool) });
  }

  /** A transaction that acts for `caller`: every request's database work runs in one. */
  asCaller<T>(caller: CallerIdentity, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transaction(caller, '', work);
  }

  /**
   * Background work that acts for no user, with every right. The reason is kept as the
   * transaction's `granary.reason` setting, for whoever inspects it.
   */
  asSystem<T>(reason: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transaction({ userId: null, roles: SYSTEM_ROLES }, reason, work);
  }

  /**
   * The same transaction on a plain `pg` client, for hot paths (uploads): BEGIN and the identity
   * go in one round trip, and each statement is sent as written. Identity values are quoted
   * with the driver's literal escaping (they are a UUID and role names).
   */
  async rawAsCaller<T>(identity: CallerIdentity, work: (client: pg.PoolClient) => Promise<T>, reason = ''): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(
        `BEGIN; SELECT set_config('granary.user_id', ${client.escapeLiteral(identity.userId ?? '')}, true), ` +
          `set_config('granary.roles', ${client.escapeLiteral(identity.roles.join(','))}, true), ` +
          `set_config('granary.reason', ${client.escapeLiteral(reason)}, true)`,
      );
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private transaction<T>(identity: CallerIdentity, reason: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('granary.user_id', ${identity.userId ?? ''}, true),
                                  set_config('granary.roles', ${identity.roles.join(',')}, true),
                                  set_config('granary.reason', ${reason}, true)`;
      return work(tx);
    });
  }

  async close(): Promise<void> {
    await this.prisma.$disconnect();
    await this.pool.end().catch(() => undefined);
  }
}

/**
 * A pool of the pipeline's role (DATABASE_WORKER_URL), checked before use: it must connect, be
 * able to write runs (the app role's privileges) and bypass row-level security. Otherwise the
 * pool is closed and the reason returned, for the caller to fall back to the app role's pool.
 */
export async function openWorkerPool(url: string, max: number): Promise<{ pool: pg.Pool; role: string } | { reason: string }> {
  const pool = new pg.Pool({ ...connectionConfig(url), max, application_name: 'granary-pipeline' });
  pool.on('error', () => undefined);
  let reason: string;
  try {
    const { rows } = await pool.query<{ role: string; bypass: boolean; writes: boolean }>(
      `SELECT rolname AS role, rolbypassrls AS bypass, has_table_privilege('run', 'UPDATE') AS writes FROM pg_roles WHERE rolname = current_user`,
    );
    if (rows[0]?.bypass && rows[0].writes) {
      return { pool, role: rows[0].role };
    }
    reason = rows[0]?.writes ? 'its role does not have BYPASSRLS' : 'its role cannot write runs (make it a member of granary_app)';
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  await pool.end().catch(() => undefined);
  return { reason };
}
