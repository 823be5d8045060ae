import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bootApp, type TestApp } from '../test-support/app';

describe('GET /api/metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp(inject('granaryDb'));
  });
  afterAll(() => t.close());

  it('exposes Prometheus metrics, with requests counted under their route template', async () => {
    await t.client.GET('/api/test');
    await fetch(`${t.baseUrl}/api/does-not-exist`);
    const response = await fetch(`${t.baseUrl}/api/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/granary_http_request_duration_seconds_count\{method="GET",route="\/api\/test",status="200"\} 1/);
    expect(text).toMatch(/route="unmatched",status="404"/);
    expect(text).toContain('granary_process_resident_memory_bytes');
  });
});
