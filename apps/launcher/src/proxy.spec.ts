import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '@granary/db';
import { createProxy, isApiPath } from './proxy';

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** A stand-in upstream that says who it is and how many body bytes it read. */
function upstream(name: string): http.Server {
  return http.createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ name, url: req.url, method: req.method, bytes, forwardedFor: req.headers['x-forwarded-for'], host: req.headers['x-forwarded-host'] }));
    });
  });
}

describe('isApiPath', () => {
  it.each([
    ['/api', true],
    ['/api/', true],
    ['/api/test?limit=1', true],
    ['/api?x', true],
    ['/apiary', false],
    ['/', false],
    ['/test/1', false],
  ])('%s → %s', (url, expected) => {
    expect(isApiPath(url)).toBe(expected);
  });
});

describe('the one-origin proxy', () => {
  const api = upstream('api');
  const web = upstream('web');
  const upstreams = { apiPort: 0, webPort: 0 };
  const proxy = createProxy(upstreams);
  let base = '';

  beforeAll(async () => {
    upstreams.apiPort = await listen(api);
    upstreams.webPort = await listen(web);
    base = `http://127.0.0.1:${await listen(proxy)}`;
  });
  afterAll(() => {
    proxy.close();
    api.close();
    web.close();
  });

  it('sends /api paths to the API and every other path to the UI, query strings intact', async () => {
    expect(await (await fetch(`${base}/api/test?limit=2`)).json()).toMatchObject({ name: 'api', url: '/api/test?limit=2' });
    expect(await (await fetch(`${base}/runs?page=3`)).json()).toMatchObject({ name: 'web', url: '/runs?page=3' });
  });

  it('streams a large upload through whole, with forwarding headers', async () => {
    const body = Buffer.alloc(8 * 1024 * 1024, 97);
    const answer = (await (await fetch(`${base}/api/run/data`, { method: 'POST', body })).json()) as Record<string, unknown>;
    expect(answer).toMatchObject({ name: 'api', method: 'POST', bytes: body.length, forwardedFor: '127.0.0.1' });
    expect(answer.host).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('answers 502 problem+json while an upstream is down', async () => {
    const down = { apiPort: await findFreePort(), webPort: await findFreePort() };
    const lonely = createProxy(down);
    const port = await listen(lonely);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(response.status).toBe(502);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ type: 'urn:granary:problem:upstream-unavailable', status: 502 });
    } finally {
      lonely.close();
    }
  });
});
