import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { createTestDatabase, sql, startTestServer } from '@granary/db/testing';
import { freePort, newDataDir, processesMentioning, startGranary } from '../support/launcher';

/**
 * The two-command promise: start on a fresh data directory, stop with Ctrl-C cleanly (nothing
 * left running, nothing corrupted), start again on the same data and find it there.
 */
test('stops cleanly on Ctrl-C and keeps its data for the next start', async ({ page }) => {
  const dataDir = newDataDir();
  try {
    const first = await startGranary({ dataDir, port: await freePort() });
    const pgPort = Number(/PostgreSQL is listening on 127\.0\.0\.1:(\d+)/.exec(first.output())?.[1]);
    const credentials = JSON.parse(fs.readFileSync(path.join(dataDir, 'credentials.json'), 'utf8')) as { ownerPassword: string };
    const client = new pg.Client({ host: '127.0.0.1', port: pgPort, user: 'granary_owner', password: credentials.ownerPassword, database: 'granary' });
    await client.connect();
    await client.query(
      "INSERT INTO team (name) VALUES ('perf-team'); INSERT INTO test (name, description, owner, access, updated_at) VALUES ('kept-across-restarts', 'survives Ctrl-C', 'perf-team', 'PUBLIC', now())",
    );
    await client.end();

    // Ctrl-C in a terminal: SIGINT reaches the launcher, the API and the UI at the same moment.
    expect(await first.stop('SIGINT', { group: true })).toBe(0);
    expect(first.output()).not.toMatch(/stopped unexpectedly/);
    expect(first.output()).toContain('embedded PostgreSQL stopped');
    expect(processesMentioning(dataDir), 'processes left running on the data directory').toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'launcher.pid'))).toBe(false);

    const second = await startGranary({ dataDir, port: await freePort() });
    try {
      expect(second.output()).toContain('database schema is up to date');
      await page.goto(`${second.url}/`);
      await expect(page.getByRole('cell', { name: 'kept-across-restarts' })).toBeVisible();
      await expect(page.getByText('survives Ctrl-C')).toBeVisible();
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }
    expect(processesMentioning(dataDir)).toEqual([]);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('refuses a second start on a data directory that is in use, in one line', async () => {
  const dataDir = newDataDir();
  const first = await startGranary({ dataDir, port: await freePort() });
  try {
    await expect(startGranary({ dataDir, port: await freePort() })).rejects.toThrow(/Granary is already running on .* \(pid \d+\): stop it, or set GRANARY_DATA_DIR/);
  } finally {
    expect(await first.stop()).toBe(0);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('uses the PostgreSQL server DATABASE_URL names and starts no embedded one', async ({ page }) => {
  const server = await startTestServer();
  const dataDir = newDataDir();
  try {
    // An empty database: the launcher migrates it. Only DATABASE_URL is given, so the API logs
    // in as the owner and switches to granary_app on each connection.
    const db = await createTestDatabase(server.info, { template: null });
    const granary = await startGranary({ dataDir, port: await freePort(), env: { DATABASE_URL: db.ownerUrl } });
    try {
      expect(granary.output()).toMatch(/using PostgreSQL at postgres:\/\/granary_owner:\*\*\*@127\.0\.0\.1:\d+\/t_/);
      expect(granary.output()).toMatch(/applied \d+ migration\(s\): \d+_init/);
      expect(fs.existsSync(path.join(dataDir, 'pg'))).toBe(false);
      await page.goto(`${granary.url}/`);
      await expect(page.getByRole('heading', { name: 'No tests yet' })).toBeVisible();
      const sessions = await sql<{ usename: string }>(
        db.superuserUrl,
        "SELECT usename FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'granary-api'",
      );
      expect(sessions.length).toBeGreaterThan(0);
      expect(new Set(sessions.map((s) => s.usename))).toEqual(new Set(['granary_owner']));
    } finally {
      expect(await granary.stop()).toBe(0);
    }
    // The external server is not ours to stop.
    expect(await sql(db.superuserUrl, 'SELECT 1 AS up')).toEqual([{ up: 1 }]);
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
