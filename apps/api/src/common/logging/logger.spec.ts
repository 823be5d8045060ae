import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogLevel } from '@granary/config';
import { createLogger, httpLogger } from './logger';

interface Line {
  level: number;
  msg: string;
  req: { id: string; method: string; url: string };
  res: { statusCode: number };
  responseTime: number;
}

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A server behind the request logger that answers `?status=` after `?delay=` ms; its log lines. */
async function serve(level: LogLevel) {
  const lines: Line[] = [];
  const logger = createLogger(level, { write: (s: string) => lines.push(JSON.parse(s) as Line) });
  const log = httpLogger(logger);
  server = createServer((req: IncomingMessage & { id?: string }, res) =>
    log(req, res, () => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      setTimeout(() => {
        res.statusCode = Number(q.get('status') ?? 200);
        res.end(req.id);
      }, Number(q.get('delay') ?? 0));
    }),
  );
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { lines, base };
}

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('httpLogger', () => {
  it('writes one line per answer with id, method, path without the query, status and time, at a level by status', async () => {
    const { lines, base } = await serve('info');
    const ok = await fetch(`${base}/api/run/data?test=t&token=secret&delay=30`, { method: 'POST', body: '{}' });
    const id = await ok.text();
    expect(ok.headers.get('x-request-id')).toBe(id);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await fetch(`${base}/api/test/9?status=404`);
    await fetch(`${base}/api/test?status=503`);
    await settle();
    expect(lines.map((l) => [l.level, l.msg, l.req.method, l.req.url, l.res.statusCode])).toEqual([
      [30, 'request completed', 'POST', '/api/run/data', 200],
      [40, 'request completed', 'GET', '/api/test/9', 404],
      [50, 'request failed', 'GET', '/api/test', 503],
    ]);
    expect(lines[0]!.req.id).toBe(id);
    expect(lines[0]!.responseTime).toBeGreaterThanOrEqual(25);
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it("keeps a sane X-Request-Id and replaces an unsafe one", async () => {
    const { lines, base } = await serve('info');
    const kept = await fetch(`${base}/x`, { headers: { 'X-Request-Id': 'ci-build-42' } });
    expect(await kept.text()).toBe('ci-build-42');
    const replaced = await fetch(`${base}/x`, { headers: { 'X-Request-Id': 'a'.repeat(129) } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await settle();
    expect(lines.map((l) => l.req.id)).toEqual(['ci-build-42', replaced.headers.get('x-request-id')]);
  });

  it('leaves out lines below the level, health and metrics polls, and reports a request the caller abandoned', async () => {
    const { lines, base } = await serve('warn');
    await fetch(`${base}/api/test`);
    await fetch(`${base}/api/health?status=500`);
    await fetch(`${base}/api/metrics?status=500`);
    await fetch(`${base}/api/test?delay=500`, { signal: AbortSignal.timeout(50) }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 150));
    expect(lines.map((l) => [l.level, l.msg, l.req.url])).toEqual([[40, 'request abandoned by the caller', '/api/test']]);
  });
});
