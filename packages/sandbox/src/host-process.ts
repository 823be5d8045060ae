/**
 * The sandbox host process as seen from the caller's process: fork, handshake, one request at a
 * time, a watchdog, and a clear account of how it ended.
 */
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Evaluation } from './evaluation';
import type { SandboxLimits } from './limits';
import { type HostMessage, type HostRequest, decodeResults } from './protocol';

/** Keep this much of the host's stderr, to explain a failed start. */
const STDERR_TAIL_CHARS = 4000;

/** The host process died or stopped answering while evaluating. */
export class HostCrash extends Error {
  override readonly name = 'HostCrash';
}

/**
 * The compiled entry point: beside this file in dist/. Running from the TypeScript sources
 * (vitest), the build in ../dist is used; the test setup builds it first.
 */
function hostScriptPath(): string {
  const beside = path.join(__dirname, 'sandbox-host.js');
  return fs.existsSync(beside) ? beside : path.join(__dirname, '..', 'dist', 'sandbox-host.js');
}

/**
 * isolated-vm asks for --no-node-snapshot on Node >= 20: isolates created next to Node's startup
 * snapshot can crash. Passed only where this Node knows the flag, so no Node version is assumed.
 */
function hostExecArgv(): string[] {
  return process.allowedNodeEnvironmentFlags.has('--no-node-snapshot') ? ['--no-node-snapshot'] : [];
}

export class HostProcess {
  /** Settles when the host has loaded isolated-vm and can take requests. */
  readonly ready: Promise<void>;
  private readonly child: ChildProcess;
  private stderrTail = '';
  private endReason: string | undefined;
  private pending: { id: number; resolve: (message: { results: Evaluation[]; recycle: boolean }) => void; reject: (error: Error) => void } | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private readonly idleLimitMs: number;

  constructor(limits: SandboxLimits) {
    // Generous: a call is bounded by the time limit, but a heap filling up and a new isolate can
    // take seconds. Only a host that is truly stuck should hit this.
    this.idleLimitMs = 30_000 + 4 * limits.timeoutMs;
    this.child = fork(hostScriptPath(), [JSON.stringify(limits)], {
      execArgv: hostExecArgv(),
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let onReady: () => void = () => undefined;
    let onStartFailure: (error: Error) => void = () => undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      onReady = resolve;
      onStartFailure = reject;
    });
    this.ready.catch(() => undefined);
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    this.child.on('message', (message: HostMessage) => {
      if (message.type === 'ready') {
        onReady();
      } else {
        this.onMessage(message);
      }
    });
    this.child.on('error', (error) => this.end(`could not run the sandbox host: ${error.message}`, onStartFailure));
    this.child.on('exit', (code, signal) => this.end(signal ? `signal ${signal}` : `exit code ${code}`, onStartFailure));
    this.setIdle(true);
  }

  get isAlive(): boolean {
    return this.endReason === undefined;
  }

  /** Evaluates in the host. Rejects with HostCrash when the host dies or hangs meanwhile. */
  async request(request: Omit<HostRequest, 'type'>): Promise<{ results: Evaluation[]; recycle: boolean }> {
    if (this.pending) {
      throw new Error('HostProcess takes one request at a time');
    }
    this.setIdle(false);
    try {
      await this.ready;
    } catch (error) {
      this.setIdle(true);
      throw error;
    }
    if (this.endReason !== undefined) {
      throw new HostCrash(`Sandbox process ended (${this.endReason})`);
    }
    return new Promise((resolve, reject) => {
      this.pending = { id: request.id, resolve, reject };
      this.armWatchdog();
      this.child.send({ type: 'evaluate', ...request } satisfies HostRequest);
    });
  }

  kill(): void {
    if (this.endReason === undefined) {
      this.child.kill('SIGKILL');
    }
  }

  private onMessage(message: HostMessage): void {
    if (message.type === 'alive') {
      this.armWatchdog();
    } else if (message.type === 'result' && this.pending?.id === message.id) {
      const { resolve } = this.pending;
      this.settle();
      resolve({ results: decodeResults(message.results), recycle: message.recycle });
    }
  }

  private end(reason: string, onStartFailure: (error: Error) => void): void {
    if (this.endReason !== undefined) {
      return;
    }
    this.endReason = reason;
    const stderr = this.stderrTail.trim();
    onStartFailure(new Error(`The sandbox host process failed to start (${reason})${stderr ? `: ${stderr}` : ''}`));
    if (this.pending) {
      const { reject } = this.pending;
      this.settle();
      reject(new HostCrash(`Sandbox process crashed (${reason})`));
    }
  }

  private settle(): void {
    this.pending = undefined;
    clearTimeout(this.watchdog);
    this.setIdle(true);
  }

  private armWatchdog(): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      if (this.pending) {
        const { reject } = this.pending;
        this.settle();
        reject(new HostCrash(`Sandbox process stopped answering for ${Math.round(this.idleLimitMs / 1000)} s`));
      }
      this.kill();
    }, this.idleLimitMs);
    this.watchdog.unref();
  }

  /** An idle host must not keep the caller's process alive; a busy one must, until it answers. */
  private setIdle(isIdle: boolean): void {
    const handles = [this.child, this.child.channel, this.child.stderr as unknown as { ref?(): void; unref?(): void } | null];
    for (const handle of handles) {
      if (isIdle) {
        handle?.unref?.();
      } else {
        handle?.ref?.();
      }
    }
  }
}
