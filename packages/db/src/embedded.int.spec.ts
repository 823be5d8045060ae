import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedCluster, findFreePort } from './embedded';
import { provisionEmbedded } from './provision';
import { sql } from './testing';

const dirs: string[] = [];
function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'granary-embedded-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('embedded PostgreSQL', () => {
  it('initialises a new data directory, and a second start reuses its data', async () => {
    const dataDir = tempDataDir();
    const first = new EmbeddedCluster({ dataDir });
    await first.start();
    const { ownerUrl } = await provisionEmbedded(first);
    await sql(ownerUrl, 'CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$still here$$)');
    await first.stop();
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    const credentialsFile = path.join(dataDir, 'credentials.json');
    expect(fs.statSync(credentialsFile).mode & 0o077).toBe(0);
    // As a data directory made before the pipeline had its own role: no worker password yet.
    const { workerPassword: _dropped, ...older } = JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as Record<string, string>;
    fs.writeFileSync(credentialsFile, JSON.stringify(older));

    const second = new EmbeddedCluster({ dataDir });
    await second.start();
    try {
      const again = await provisionEmbedded(second);
      expect(await sql(again.ownerUrl, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
      expect(await sql(again.workerUrl, 'SELECT current_user AS role')).toEqual([{ role: 'granary_worker' }]);
      const stored = JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as Record<string, string>;
      expect(stored).toMatchObject(older);
      expect(stored.workerPassword).toMatch(/^[\w-]{32}$/);
      expect(fs.statSync(credentialsFile).mode & 0o077).toBe(0);
    } finally {
      await second.stop();
    }
  });

  it('connects through a Unix socket in the data directory, and still listens on 127.0.0.1 for tools', async () => {
    const cluster = new EmbeddedCluster({ dataDir: tempDataDir() });
    await cluster.start();
    try {
      expect(cluster.socketDirectory).toBe(cluster.pgData);
      const url = cluster.superuserUrl();
      expect(url).toContain(`?host=${encodeURIComponent(cluster.pgData)}`);
      // inet_client_addr() is NULL on a Unix socket, the peer's address over TCP.
      expect(await sql(url, 'SELECT inet_client_addr()::text AS addr')).toEqual([{ addr: null }]);
      expect(await sql(url.replace(/\?.*$/, ''), 'SELECT inet_client_addr()::text AS addr')).toEqual([{ addr: '127.0.0.1/32' }]);
    } finally {
      await cluster.stop();
    }
  });

  it('uses TCP alone when the data directory is too deep for a socket path', async () => {
    let dataDir = tempDataDir();
    fs.chmodSync(dataDir, 0o755); // as root, postgres runs as its own user and passes through the parents
    while (dataDir.length < 110) dataDir = path.join(dataDir, 'a-rather-long-directory-name');
    const cluster = new EmbeddedCluster({ dataDir });
    await cluster.start();
    try {
      expect(cluster.socketDirectory).toBeUndefined();
      expect(cluster.superuserUrl()).not.toContain('?host=');
      expect(await sql(cluster.superuserUrl(), 'SELECT inet_client_addr()::text AS addr')).toEqual([{ addr: '127.0.0.1/32' }]);
    } finally {
      await cluster.stop();
    }
  });

  it('explains a busy port in one line', async () => {
    const blocker = net.createServer();
    const port = await findFreePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', () => resolve()));
    try {
      const cluster = new EmbeddedCluster({ dataDir: tempDataDir(), port });
      await expect(cluster.start()).rejects.toThrow(`Port ${port} is already in use: set GRANARY_DB_PORT`);
    } finally {
      blocker.close();
    }
  });

  it('attaches to the PostgreSQL a running Granary already uses instead of starting another', async () => {
    const dataDir = tempDataDir();
    const owner = new EmbeddedCluster({ dataDir });
    await owner.start();
    try {
      const cli = new EmbeddedCluster({ dataDir, attach: true });
      await cli.start();
      expect(cli.listeningPort).toBe(owner.listeningPort);
      expect(cli.socketDirectory).toBe(owner.socketDirectory);
      await cli.stop(); // not its cluster: must leave it running
      expect(await sql(owner.superuserUrl(), 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await owner.stop();
    }
  });
});
