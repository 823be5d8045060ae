import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
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
    await client.query("INSERT INTO test (name, description, owner, access, updated_at) VALUES ('kept-across-restarts', 'survives Ctrl-C', 'perf-team', 'PUBLIC', now())");
    await client.end();

    expect(await first.stop('SIGINT')).toBe(0);
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
