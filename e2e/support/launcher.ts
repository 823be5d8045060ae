import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
const LAUNCHER = path.join(REPO_ROOT, 'apps/launcher/dist/main.js');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function newDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'granary-e2e-'));
}

export interface RunningGranary {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output(): string;
  /**
   * Sends `signal` (default SIGINT) and resolves with the exit code. `group: true` signals the
   * whole process group, as a terminal's Ctrl-C does (the launcher, the API and the UI at once).
   */
  stop(signal?: NodeJS.Signals, options?: { group?: boolean }): Promise<number | null>;
}

/** `npm start` as a person runs it (the built product), on its own data directory and port. */
export async function startGranary(options: { dataDir: string; port: number; env?: Record<string, string> }): Promise<RunningGranary> {
  const child = spawn(process.execPath, [LAUNCHER], {
    cwd: REPO_ROOT,
    env: { ...process.env, GRANARY_DATA_DIR: options.dataDir, PORT: String(options.port), LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, like a command started in a terminal
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 120_000;
  while (!/Granary is ready at/.test(output)) {
    if (child.exitCode !== null) {
      throw new Error(`Granary exited during start-up:\n${output}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGINT');
      throw new Error(`Granary did not become ready within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir: options.dataDir,
    process: child,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGINT', stopOptions: { group?: boolean } = {}) {
      if (child.exitCode === null) {
        if (stopOptions.group && child.pid) {
          process.kill(-child.pid, signal);
        } else {
          child.kill(signal);
        }
      }
      return exited;
    },
  };
}

/** Processes whose command line mentions `needle` (e.g. a data directory), from /proc. */
export function processesMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) {
        pids.push(Number(entry));
      }
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}
