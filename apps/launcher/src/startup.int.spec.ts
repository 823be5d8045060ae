/**
 * Start-up failures a person meets first: each must be one clear line saying what to do, and
 * an exit code that is not 0; never a stack trace. (A successful start, Ctrl-C and a restart on
 * the same data are covered end to end in e2e/.)
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findFreePort } from '@granary/db';

const MAIN = path.resolve(__dirname, '../dist/main.js');

function runLauncher(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'granary-launcher-'));
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), GRANARY_DATA_DIR: dataDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, stderr });
    });
  });
}

function expectOneClearLine(stderr: string, pattern: RegExp) {
  expect(stderr).toMatch(pattern);
  expect(stderr).not.toMatch(/^\s+at /m); // no stack trace
}

describe('launcher start-up failures', () => {
  it('names every invalid variable and exits 78', async () => {
    const { code, stderr } = await runLauncher({ PORT: 'eighty', GRANARY_DB_PORT: '99999' });
    expect(code).toBe(78);
    expectOneClearLine(stderr, /Invalid configuration:\n\s+PORT must be a whole number.*\n\s+GRANARY_DB_PORT must be from 0 to 65535/);
  });

  it('says which port is busy and how to choose another', async () => {
    const port = await findFreePort();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', () => resolve()));
    try {
      const { code, stderr } = await runLauncher({ PORT: String(port) });
      expect(code).toBe(1);
      expectOneClearLine(stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use: .*PORT=`));
    } finally {
      blocker.close();
    }
  });

  it('says when DATABASE_URL cannot be reached, without showing its password', async () => {
    const dead = await findFreePort();
    const { code, stderr } = await runLauncher({ PORT: String(await findFreePort()), DATABASE_URL: `postgres://granary:s3cret@127.0.0.1:${dead}/granary` });
    expect(code).toBe(1);
    expectOneClearLine(stderr, /Cannot reach PostgreSQL at postgres:\/\/granary:\*\*\*@127\.0\.0\.1:\d+\/granary \(connection refused\)/);
    expect(stderr).not.toContain('s3cret');
  });
});
