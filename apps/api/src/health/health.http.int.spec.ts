import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bootApp, type TestApp } from '../test-support/app';

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp(inject('granaryDb'));
  });
  afterAll(() => t.close());

  it('answers liveness', async () => {
    const { data, response } = await t.client.GET('/api/health');
    expect(response.status).toBe(200);
    expect(data).toEqual({ status: 'ok' });
  });

  it('is ready when the database answers and every migration is applied', async () => {
    const { data, response } = await t.client.GET('/api/health/ready');
    expect(response.status).toBe(200);
    expect(data).toEqual({ status: 'ready', checks: { database: { status: 'up' }, migrations: { status: 'up', pending: [], failed: [] } } });
  });
});

describe('readiness of an unmigrated database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp(inject('granaryDb'), {}, { template: null });
  });
  afterAll(() => t.close());

  it('answers 503 and names the pending migrations', async () => {
    const { error, response } = await t.client.GET('/api/health/ready');
    expect(response.status).toBe(503);
    const body = error as { status: string; checks: { migrations: { status: string; pending: string[] } } };
    expect(body.status).toBe('unavailable');
    expect(body.checks.migrations.status).toBe('down');
    expect(body.checks.migrations.pending.length).toBeGreaterThan(0);
  });
});

describe('readiness without a database', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A port nothing listens on.
    t = await bootApp(inject('granaryDb'), { DATABASE_APP_URL: 'postgres://nobody:x@127.0.0.1:1/none' });
  });
  afterAll(() => t.close());

  it('answers 503 with the database check down, and liveness stays up', async () => {
    const ready = await t.client.GET('/api/health/ready');
    expect(ready.response.status).toBe(503);
    expect((ready.error as { checks: { database: { status: string } } }).checks.database.status).toBe('down');
    expect((await t.client.GET('/api/health')).response.status).toBe(200);
  });
});
