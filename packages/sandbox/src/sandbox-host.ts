/**
 * Entry point of the sandbox host process that a Sandbox forks (see sandbox.ts). Usage:
 * `node [--no-node-snapshot] sandbox-host.js '{"timeoutMs":1000,"memoryMb":64}'`.
 * It answers one request at a time; isolated-vm lives only here.
 */
import { IsolateRunner } from './isolate-runner';
import { resolveLimits } from './limits';
import type { HostMessage, HostRequest } from './protocol';

const HEARTBEAT_INTERVAL_MS = 1000;

function send(message: HostMessage): void {
  process.send?.(message);
}

/** Ends this process at once: after a catastrophe, isolated-vm's stuck threads would keep a normal exit waiting. */
function die(): never {
  process.kill(process.pid, 'SIGKILL');
  process.exit(1);
}

let lastHeartbeat = Date.now();
const runner = new IsolateRunner(resolveLimits(JSON.parse(process.argv[2] ?? '{}') as object), () => {
  const now = Date.now();
  if (now - lastHeartbeat >= HEARTBEAT_INTERVAL_MS) {
    lastHeartbeat = now;
    send({ type: 'alive' });
  }
});

let queue: Promise<void> = Promise.resolve();
process.on('message', (request: HostRequest) => {
  queue = queue.then(async () => {
    lastHeartbeat = Date.now();
    const results = await runner.evaluate(request.source, request.inputs, request.captureLog);
    send({ type: 'result', id: request.id, results: JSON.stringify(results), recycle: runner.isTainted });
  });
});
process.on('disconnect', die);
send({ type: 'ready' });
