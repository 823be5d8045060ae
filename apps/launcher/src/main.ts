#!/usr/bin/env node
/**
 * `npm start`: one command from a fresh clone to a working Granary.
 *  1. validate the configuration;
 *  2. use DATABASE_URL, or start the embedded PostgreSQL under GRANARY_DATA_DIR;
 *  3. apply pending migrations;
 *  4. start the API and the UI on loopback ports, and one origin in front of them on PORT;
 *  5. on Ctrl-C (SIGINT) or SIGTERM stop them in reverse order, PostgreSQL last.
 */
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from '@granary/config';
import { installJobQueue } from '@granary/pipeline/queue';
import {
  deployMigrations,
  describeConnectionError,
  EmbeddedCluster,
  EmbeddedClusterError,
  findFreePort,
  provisionEmbedded,
  redactUrl,
  resolveDataDir,
} from '@granary/db';
import pg from 'pg';
import { startApi, startWeb, stopChild, type ManagedChild } from './children';
import { createProxy } from './proxy';

/** A failure the user can fix: printed as one line, no stack trace. */
class StartupError extends Error {}

const APPS_DIR = path.resolve(__dirname, '../..');

function say(message: string): void {
  try {
    process.stderr.write(`granary: ${message}\n`);
  } catch {
    // The terminal or pipe is gone: keep shutting down regardless.
  }
}

// A closed terminal or pipe (EPIPE) must not crash the launcher halfway through a shutdown.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

async function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new StartupError(`Port ${port} on ${host} is already in use: stop whatever uses it, or start Granary with PORT=<another port>.`));
      } else if (error.code === 'EACCES') {
        reject(new StartupError(`Not allowed to listen on port ${port}: choose a port above 1023 with PORT=<port>.`));
      } else {
        reject(error);
      }
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function checkBuilt(): { apiMain: string; webDir: string; nextBin: string } {
  const apiMain = path.join(APPS_DIR, 'api', 'dist', 'main.js');
  const webDir = path.join(APPS_DIR, 'web');
  if (!fs.existsSync(apiMain)) {
    throw new StartupError('The API is not built: run `npm run build` (or use `npm start`, which builds first).');
  }
  if (!process.env.GRANARY_WEB_DEV && !fs.existsSync(path.join(webDir, '.next', 'BUILD_ID'))) {
    throw new StartupError('The UI is not built: run `npm run build` (or use `npm start`, which builds first).');
  }
  const nextBin = require.resolve('next/dist/bin/next', { paths: [webDir] });
  return { apiMain, webDir, nextBin };
}

async function checkReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new StartupError(describeConnectionError(error, redactUrl(url)));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** One launcher per data directory: a second `npm start` on the same data says so. */
function takeLock(dataDir: string): () => void {
  const lock = path.join(dataDir, 'launcher.pid');
  if (fs.existsSync(lock)) {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (alive) {
      throw new StartupError(`Granary is already running on ${dataDir} (pid ${pid}): stop it, or set GRANARY_DATA_DIR to another directory.`);
    }
  }
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(lock, String(process.pid));
  return () => fs.rmSync(lock, { force: true });
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env, 'launcher');
  } catch (error) {
    if (error instanceof ConfigError) {
      say(error.message);
      process.exit(78);
    }
    throw error;
  }

  const cleanups: (() => Promise<void> | void)[] = [];
  const children: ManagedChild[] = [];
  let stopping = false;
  const shutdown = async (code: number, reason?: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    if (reason) {
      say(reason);
    }
    for (const child of [...children].reverse()) {
      await stopChild(child).catch(() => undefined);
    }
    for (const cleanup of cleanups.reverse()) {
      await Promise.resolve(cleanup()).catch(() => undefined);
    }
    process.exit(code);
  };
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts += 1;
    if (interrupts > 1) {
      say('stopping now');
      process.exit(130);
    }
    void shutdown(0, `${signal}: stopping Granary…`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal); // the terminal was closed
  process.on('uncaughtException', (error) => void shutdown(1, `unexpected error: ${error.message}`));

  try {
    const built = checkBuilt();
    // Until both processes are up the proxy answers 502 "starting"; the ports are filled in below.
    const upstreams = { apiPort: 0, webPort: 0 };
    const proxy = createProxy(upstreams);
    // Claim the public port first: a busy port is the most common start-up failure.
    const port = await listen(proxy, config.port, config.host);
    cleanups.push(() => new Promise<void>((resolve) => proxy.close(() => resolve())));

    let ownerUrl: string;
    let appUrl: string | undefined;
    let workerUrl: string | undefined;
    if (config.databaseUrl) {
      ownerUrl = config.databaseUrl;
      appUrl = config.databaseAppUrl;
      workerUrl = config.databaseWorkerUrl;
      await checkReachable(ownerUrl);
      say(`using PostgreSQL at ${redactUrl(ownerUrl)}`);
    } else {
      const dataDir = resolveDataDir(process.env);
      cleanups.push(takeLock(dataDir));
      const logFile = fs.createWriteStream(path.join(dataDir, 'postgres.log'), { flags: 'a' });
      const cluster = new EmbeddedCluster({ dataDir, port: config.dbPort, onLog: (line) => logFile.write(`${line}\n`) });
      say(`starting the embedded PostgreSQL in ${dataDir}`);
      await cluster.start();
      // Whatever ends this process, postgres gets its shutdown request.
      process.once('exit', () => cluster.stopWithoutWaiting());
      cleanups.push(async () => {
        await cluster.stop();
        logFile.end();
        say('embedded PostgreSQL stopped');
      });
      ({ ownerUrl, appUrl, workerUrl } = await provisionEmbedded(cluster));
      const socket = cluster.socketDirectory ? ` and on a Unix socket in ${cluster.socketDirectory}, which Granary uses` : '';
      say(`embedded PostgreSQL is listening on 127.0.0.1:${cluster.listeningPort}${socket} (credentials in ${path.join(dataDir, 'credentials.json')})`);
    }

    const applied = await deployMigrations(ownerUrl);
    say(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database schema is up to date');
    // The job queue's tables, created as the owner: the API itself only gets the app role.
    await installJobQueue(ownerUrl);

    const publicUrl = config.publicUrl ?? `http://localhost:${port}`;
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      GRANARY_PUBLIC_URL: publicUrl,
      GRANARY_API_HOST: '127.0.0.1',
      GRANARY_API_PORT: String(config.apiPort),
    };
    // The API gets the least-privileged connection it can work with.
    if (appUrl) {
      childEnv.DATABASE_APP_URL = appUrl;
      delete childEnv.DATABASE_URL;
    } else {
      childEnv.DATABASE_URL = ownerUrl;
    }
    if (workerUrl) {
      childEnv.DATABASE_WORKER_URL = workerUrl;
    }
    const api = await startApi(built.apiMain, childEnv);
    children.push(api.child);
    const webPort = config.webPort || (await findFreePort());
    const web = await startWeb({
      nextBin: built.nextBin,
      webDir: built.webDir,
      port: webPort,
      dev: Boolean(process.env.GRANARY_WEB_DEV),
      env: { ...childEnv, GRANARY_API_URL: `http://127.0.0.1:${api.port}`, PORT: String(webPort), DATABASE_URL: '', DATABASE_APP_URL: '', DATABASE_WORKER_URL: '' },
    });
    children.push(web);
    upstreams.apiPort = api.port;
    upstreams.webPort = webPort;

    for (const child of children) {
      child.process.once('exit', (code, signal) => {
        // A terminal's Ctrl-C reaches the children and the launcher together; give the
        // launcher's own signal handler the chance to run first before calling this a crash.
        setTimeout(() => {
          void shutdown(1, `the ${child.name} process stopped unexpectedly (${signal ?? `code ${code}`}); stopping Granary`);
        }, 250);
      });
    }
    say(`Granary is ready at ${publicUrl}/ (API reference: ${publicUrl}/api/docs). Press Ctrl-C to stop.`);
  } catch (error) {
    if (error instanceof StartupError || error instanceof EmbeddedClusterError) {
      await shutdown(1, error.message);
      return;
    }
    await shutdown(1, `could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}

void main();
