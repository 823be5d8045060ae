import { fork, spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export interface ManagedChild {
  name: string;
  process: ChildProcess;
}

/** Starts the API with an IPC channel: it reports its port, and exits when the launcher goes away. */
export function startApi(mainJs: string, env: NodeJS.ProcessEnv): Promise<{ child: ManagedChild; port: number }> {
  const proc = fork(mainJs, [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const child = { name: 'API', process: proc };
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      const m = message as { type?: string; port?: number };
      if (m?.type === 'listening' && typeof m.port === 'number') {
        proc.off('exit', onExit);
        resolve({ child, port: m.port });
      }
    };
    const onExit = (code: number | null) => reject(new Error(`the API exited during start-up (code ${code}); see its log above`));
    proc.on('message', onMessage);
    proc.once('exit', onExit);
  });
}

/** Starts the UI (Next.js) on 127.0.0.1:port and waits until it accepts connections. */
export async function startWeb(options: { nextBin: string; webDir: string; port: number; dev: boolean; env: NodeJS.ProcessEnv }): Promise<ManagedChild> {
  const args = [options.nextBin, options.dev ? 'dev' : 'start', options.webDir, '-p', String(options.port), '-H', '127.0.0.1'];
  const proc = spawn(process.execPath, args, { env: options.env, stdio: ['ignore', 'inherit', 'inherit'] });
  const child = { name: 'UI', process: proc };
  let exited: number | null | undefined;
  proc.once('exit', (code) => (exited = code ?? -1));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      throw new Error(`the UI exited during start-up (code ${exited}); see its log above`);
    }
    if (await canConnect(options.port)) {
      return child;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  proc.kill('SIGTERM');
  throw new Error('the UI did not start within 120 s');
}

export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
export async function stopChild(child: ManagedChild, graceMs = 10_000): Promise<void> {
  const proc = child.process;
  if (proc.exitCode !== null || proc.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
