import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bootApp, type TestApp } from '../../test-support/app';

describe('errors are RFC 9457 problems', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp(inject('granaryDb'), { GRANARY_MAX_BODY_SIZE: '64KiB' });
  });
  afterAll(() => t.close());

  async function problem(path: string, init?: RequestInit) {
    const response = await fetch(`${t.baseUrl}${path}`, init);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
  }

  it('answers an unknown path 404 with a stable type, the path and a request id', async () => {
    const { status, body, headers } = await problem('/api/no-such-thing?x=1');
    expect(status).toBe(404);
    expect(body).toMatchObject({ type: 'urn:granary:problem:not-found', title: 'Not found', status: 404, instance: '/api/no-such-thing' });
    expect(body.requestId).toBe(headers.get('x-request-id'));
  });

  it('keeps a sane X-Request-Id given by the caller and replaces an unsafe one', async () => {
    const kept = await problem('/api/nope', { headers: { 'X-Request-Id': 'ci-build-42' } });
    expect(kept.body.requestId).toBe('ci-build-42');
    const replaced = await problem('/api/nope', { headers: { 'X-Request-Id': 'bad id\twith tab' } });
    expect(replaced.body.requestId).not.toContain('bad');
  });

  it('answers malformed JSON 400 malformed-json', async () => {
    const { status, body } = await problem('/api/test', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"unterminated": ' });
    expect(status).toBe(400);
    expect(body.type).toBe('urn:granary:problem:malformed-json');
  });

  it('answers a body over GRANARY_MAX_BODY_SIZE 413 and says the limit', async () => {
    const big = JSON.stringify({ data: 'x'.repeat(100 * 1024) });
    const { status, body } = await problem('/api/test', { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(status).toBe(413);
    expect(body).toMatchObject({ type: 'urn:granary:problem:payload-too-large', detail: expect.stringContaining('64 KiB') });
    // Uploads, read as text rather than parsed, have the same limit.
    const upload = await problem('/api/run/data?test=any&start=0&stop=0', { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(upload.status).toBe(413);
    expect(upload.body.type).toBe('urn:granary:problem:payload-too-large');
  });
});

describe('the default body limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp(inject('granaryDb'));
  });
  afterAll(() => t.close());

  it('reads a 20 MiB JSON document (results are large) instead of refusing it as too large', async () => {
    const big = JSON.stringify({ samples: 'x'.repeat(20 * 1024 * 1024) });
    const response = await fetch(`${t.baseUrl}/api/test`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    // The body was read in full; only then was the anonymous caller refused.
    expect(response.status).toBe(401);
  });
});
