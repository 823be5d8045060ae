import { parse } from 'pg-connection-string';
import type pg from 'pg';

/**
 * Turns a `postgres://` URL into discrete pg connection fields. Discrete fields matter: pg lets
 * `connectionString` override `database`, so a pool built for another database from a config
 * holding `connectionString` would silently connect to the original one.
 */
export function connectionConfig(url: string): pg.PoolConfig {
  const parsed = parse(url);
  const config: pg.PoolConfig = {
    host: parsed.host ?? undefined,
    port: parsed.port ? Number(parsed.port) : undefined,
    user: parsed.user ? decodeURIComponent(parsed.user) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: parsed.database ?? undefined,
    application_name: parsed.application_name ?? undefined,
  };
  if (parsed.ssl) {
    config.ssl = parsed.ssl as pg.PoolConfig['ssl'];
  }
  return config;
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) {
      u.password = '***';
    }
    return u.toString();
  } catch {
    return '<unparseable database URL>';
  }
}
