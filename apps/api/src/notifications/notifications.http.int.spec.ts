import { sql } from '@granary/db/testing';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { bootApp, type TestApp } from '../test-support/app';
import { ChecksService } from './checks.service';
import { NotifierService } from './notifier.service';

const ADMIN_PASSWORD = 'notifications-admin-password';
const PUBLIC_URL = 'http://granary.test';
const HOUR_MS = 3_600_000;

interface Received {
  to: string[];
  subject: string;
  text: string;
}

/** A real SMTP server on localhost that appends what it receives to `received`. */
function smtpServer(received: Received[]): SMTPServer {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 100,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const [head = '', ...rest] = raw.split('\r\n\r\n');
        const headers = head.replace(/\r\n[ \t]+/g, ' ');
        // Quoted-printable soft breaks and escapes, enough to read the bodies.
        const body = rest.join('\r\n\r\n').replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: /^Subject: (.*)$/m.exec(headers)?.[1] ?? '', text: body });
        callback();
      });
    },
  });
}

async function startSmtp(received: Received[] = [], port = 0): Promise<{ port: number; received: Received[]; close(): Promise<void> }> {
  const server = smtpServer(received);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('notifications', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const tokens = new Map<string, string>();
  let uploaderKey = '';
  const testIds = new Map<string, number>();

  const owner = () => t.db.ownerUrl;
  const call = (method: string, path: string, as: string, body?: unknown, contentType = 'application/json') =>
    fetch(`${t.baseUrl}${path}`, {
      method,
      headers: {
        ...(as === 'ci-key' ? { 'x-horreum-api-key': uploaderKey } : as === 'anonymous' ? {} : { authorization: `Bearer ${tokens.get(as)}` }),
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const sweep = () => t.app.get(NotifierService).sweep();
  const checks = (now: Date) => t.app.get(ChecksService).runChecks(now);
  /** Sends whatever waits, then forgets it: each test starts with an empty mailbox. */
  const drain = async () => {
    await sweep();
    smtp.received.length = 0;
  };
  const addEvents = async (test: string, count: number, options: { notify?: boolean; kind?: string } = {}) => {
    for (let i = 0; i < count; i++) {
      await sql(owner(), 'INSERT INTO event (kind, test_id, payload, notify) VALUES ($1, $2, $3, $4)', [
        options.kind ?? 'change/new',
        testIds.get(test),
        JSON.stringify({ testName: test, variableName: `metric-${i}`, description: `mean 100 → ${90 - i}`, runId: 1, ordinal: 0, time: '2024-05-01T12:00:00.000Z', model: 'relativeDifference' }),
        options.notify ?? true,
      ]);
    }
  };
  // By test id: see the report on granary_upload_target and generic plans.
  const upload = async (test: string, startMs: number, host = 'a1', value = 100) => {
    const response = await call('POST', `/api/run/data?test=${testIds.get(test)}&start=$.start&stop=$.stop&wait=true`, 'ci-key', { $schema: 'urn:notify:1.0', start: startMs, stop: startMs + 1000, host, value });
    expect(response.status).toBe(202);
    return Number(await response.text());
  };
  const datasetsOf = async (runId: number) => (await sql<{ id: number }>(owner(), 'SELECT id FROM dataset WHERE run_id = $1', [runId])).map((r) => r.id);
  const saveRule = async (as: string, test: string, rule: Record<string, unknown>) => call('POST', `/api/alerting/missingdatarule?testId=${testIds.get(test)}`, as, rule);
  const eventsOf = async (kind: string, test: string) =>
    sql<{ payload: Record<string, unknown>; notify: boolean }>(owner(), 'SELECT payload, notify FROM event WHERE kind = $1 AND test_id = $2 ORDER BY id', [kind, testIds.get(test)]);

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await bootApp(inject('granaryDb'), {
      GRANARY_ADMIN_PASSWORD: ADMIN_PASSWORD,
      GRANARY_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      GRANARY_PUBLIC_URL: PUBLIC_URL,
      // Sweeps and checks run when the tests say so.
      GRANARY_NOTIFY_INTERVAL_MS: '86400000',
      GRANARY_CHECK_INTERVAL_MS: '86400000',
    });
    const login = async (username: string, password: string) => (await t.client.POST('/api/auth/login', { body: { username, password } })).data!.token;
    tokens.set('admin', await login('admin', ADMIN_PASSWORD));
    for (const team of ['perf-team', 'other-team', 'qa-team']) {
      await call('POST', `/api/user/team/${team}`, 'admin');
    }
    const users: [string, string, string[]][] = [
      ['alice', 'perf-team', ['tester']],
      ['bob', 'perf-team', ['viewer']],
      ['carol', 'perf-team', ['viewer']],
      ['ci', 'perf-team', ['uploader']],
      ['olga', 'other-team', ['viewer']],
      ['quinn', 'qa-team', ['tester']],
      ['quentin', 'qa-team', ['viewer']],
    ];
    for (const [name, team, roles] of users) {
      const created = await call('POST', '/api/user/createUser', 'admin', { user: { username: name, email: `${name}@example.com` }, password: `${name}-password-1`, team, roles });
      expect(created.status, `creating ${name}`).toBe(201);
      tokens.set(name, await login(name, `${name}-password-1`));
    }
    uploaderKey = await (await call('POST', '/api/user/apikey', 'ci', { name: 'ci' })).text();
    for (const [name, team, access] of [['load', 'perf-team', 'PRIVATE'], ['nightly', 'perf-team', 'PUBLIC'], ['qa', 'qa-team', 'PUBLIC']] as const) {
      const response = await call('POST', '/api/test', 'admin', { name, owner: team, access });
      expect(response.status).toBe(201);
      testIds.set(name, ((await response.json()) as { id: number }).id);
    }
    const [schema] = await sql<{ id: number }>(owner(), `INSERT INTO schema (uri, name, owner, access, updated_at) VALUES ('urn:notify:1.0', 'notify', 'perf-team', 'PUBLIC', now()) RETURNING id`);
    await sql(owner(), `INSERT INTO label (name, schema_id, extractors, filtering, metrics, owner, access) VALUES ('host', $1, '[{"name": "h", "jsonpath": "$.host", "isarray": false}]', true, false, 'perf-team', 'PUBLIC')`, [schema!.id]);
    await sql(owner(), `INSERT INTO label (name, schema_id, extractors, filtering, metrics, owner, access) VALUES ('value', $1, '[{"name": "v", "jsonpath": "$.value", "isarray": false}]', false, true, 'perf-team', 'PUBLIC')`, [schema!.id]);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });
  beforeEach(async () => {
    await drain();
  });

  describe('subscriptions', () => {
    it('lets a user subscribe itself and answers its own entries', async () => {
      const added = await call('POST', `/api/subscriptions/${testIds.get('load')}/add`, 'alice', '__self', 'text/plain');
      expect(added.status).toBe(200);
      expect(await added.json()).toEqual(['alice']);
      const watch = await call('GET', `/api/subscriptions/${testIds.get('load')}`, 'alice');
      expect(await watch.json()).toMatchObject({ users: ['alice'], teams: [], optout: [], testId: testIds.get('load') });
      expect(await (await call('GET', '/api/subscriptions', 'alice')).json()).toEqual({ [String(testIds.get('load'))]: true });
    });

    it('subscribes only teams the caller belongs to, and never opts a team out', async () => {
      const other = await call('POST', `/api/subscriptions/${testIds.get('load')}/add`, 'bob', 'other-team', 'text/plain');
      expect(other.status).toBe(400);
      expect(other.headers.get('content-type')).toMatch(/problem\+json/);
      const optoutTeam = await call('POST', `/api/subscriptions/${testIds.get('load')}/add`, 'bob', '!perf-team', 'text/plain');
      expect(optoutTeam.status).toBe(400);
      const someoneElse = await call('POST', `/api/subscriptions/${testIds.get('load')}/add`, 'bob', 'carol', 'text/plain');
      expect(someoneElse.status).toBe(400);
    });

    it("answers 404 for another team's private test", async () => {
      const response = await call('GET', `/api/subscriptions/${testIds.get('load')}`, 'olga');
      expect(response.status).toBe(404);
      expect(((await response.json()) as { type: string }).type).toBe('urn:granary:problem:not-found');
      expect((await call('POST', `/api/subscriptions/${testIds.get('load')}/add`, 'olga', '__self', 'text/plain')).status).toBe(404);
    });

    it("shows a viewer only its own entries, and keeps others' when it replaces the watch", async () => {
      await call('POST', `/api/subscriptions/${testIds.get('nightly')}`, 'alice', { users: ['alice'], teams: [], optout: [], testId: testIds.get('nightly') });
      const seen = (await (await call('GET', `/api/subscriptions/${testIds.get('nightly')}`, 'bob')).json()) as { users: string[] };
      expect(seen.users).toEqual([]);
      expect((await call('POST', `/api/subscriptions/${testIds.get('nightly')}`, 'bob', { users: ['bob'], teams: [], optout: [] })).status).toBe(204);
      const all = (await (await call('GET', `/api/subscriptions/${testIds.get('nightly')}`, 'alice')).json()) as { users: string[] };
      expect(all.users.sort()).toEqual(['alice', 'bob']);
      const foreign = await call('POST', `/api/subscriptions/${testIds.get('nightly')}`, 'bob', { users: ['bob', 'carol'], teams: [], optout: [] });
      expect(foreign.status).toBe(403);
      await call('POST', `/api/subscriptions/${testIds.get('nightly')}/remove`, 'bob', '__self', 'text/plain');
    });
  });

  describe('e-mail', () => {
    it('sends a subscriber exactly one e-mail for a batch of events', async () => {
      await call('POST', `/api/subscriptions/${testIds.get('load')}/add`, 'alice', '__self', 'text/plain');
      await addEvents('load', 3);
      const result = await sweep();
      expect(result).toMatchObject({ mails: 1, retry: 0 });
      expect(smtp.received).toHaveLength(1);
      const [mail] = smtp.received;
      expect(mail!.to).toEqual(['alice@example.com']);
      expect(mail!.subject).toBe('[Granary] 3 events in load');
      expect(mail!.text).toContain(`${PUBLIC_URL}/tests/${testIds.get('load')}`);
      expect(mail!.text).toContain('Change in metric-2');
      const [{ n }] = (await sql<{ n: number }>(owner(), 'SELECT count(*)::int AS n FROM event WHERE notified_at IS NULL')) as [{ n: number }];
      expect(n).toBe(0);
      // Nothing is sent twice.
      expect((await sweep()).mails).toBe(0);
    });

    it("mails a subscribed team's viewers once each, but not a member who opted out", async () => {
      expect((await call('POST', `/api/subscriptions/${testIds.get('load')}/add`, 'bob', 'perf-team', 'text/plain')).status).toBe(200);
      const optedOut = await call('POST', `/api/subscriptions/${testIds.get('load')}/add`, 'carol', '!__self', 'text/plain');
      expect(await optedOut.json()).toEqual(['perf-team', '!carol']);
      await addEvents('load', 2);
      await sweep();
      // alice: subscribed herself and (as a tester) a member of the team: one e-mail. ci is only an uploader.
      expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['alice@example.com', 'bob@example.com']);
      expect(smtp.received.every((m) => m.subject === '[Granary] 2 events in load')).toBe(true);
    });

    it('mails a subscriber once about a step in uploaded runs, and not again after a recalculation', async () => {
      const nightly = testIds.get('nightly')!;
      expect((await call('POST', `/api/subscriptions/${nightly}/add`, 'bob', '__self', 'text/plain')).status).toBe(200);
      const variables = [{ name: 'Value', labels: ['value'], changeDetection: [{ model: 'relativeDifference', config: { threshold: 0.2 } }] }];
      expect((await call('POST', `/api/alerting/variables?test=${nightly}`, 'alice', variables)).status).toBe(204);
      const finished = async () => {
        for (let i = 0; i < 200; i++) {
          const status = (await (await call('GET', `/api/alerting/recalculate?test=${nightly}`, 'bob')).json()) as { finished: boolean };
          if (status.finished) return;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error('the recalculation did not finish');
      };
      try {
        await finished();
        const day = 86_400_000;
        for (let i = 0; i < 12; i++) await upload('nightly', Date.UTC(2026, 0, 1) + i * day, 'c3', i < 8 ? 100 + (i % 2) : 60);
        await sweep();
        const mails = smtp.received.filter((m) => m.to[0] === 'bob@example.com');
        expect(mails.map((m) => m.subject)).toEqual(['[Granary] Change in nightly: Value']);
        expect(mails[0]!.text).toMatch(/-40(\.\d+)? ?%/);
        smtp.received.length = 0;
        expect((await call('POST', `/api/alerting/recalculate?test=${nightly}`, 'alice')).status).toBe(204);
        await finished();
        await sweep();
        expect(smtp.received).toEqual([]);
        const [{ n }] = (await sql<{ n: number }>(owner(), 'SELECT count(*)::int AS n FROM change WHERE test_id = $1', [nightly])) as [{ n: number }];
        expect(n).toBe(1);
      } finally {
        await call('POST', `/api/subscriptions/${nightly}/remove`, 'bob', '__self', 'text/plain');
        await call('POST', `/api/alerting/variables?test=${nightly}`, 'alice', []);
      }
    });

    it('stops mailing a subscriber who may no longer see the test', async () => {
      const nightly = testIds.get('nightly')!;
      expect((await call('POST', `/api/subscriptions/${nightly}/add`, 'olga', '__self', 'text/plain')).status).toBe(200);
      try {
        await addEvents('nightly', 1);
        await sweep();
        expect(smtp.received.map((m) => m.to[0])).toContain('olga@example.com');
        smtp.received.length = 0;
        expect((await call('POST', `/api/test/${nightly}/updateAccess?owner=perf-team&access=PRIVATE`, 'admin')).status).toBeLessThan(300);
        await addEvents('nightly', 1);
        await sweep();
        expect(smtp.received.map((m) => m.to[0])).not.toContain('olga@example.com');
      } finally {
        await call('POST', `/api/test/${nightly}/updateAccess?owner=perf-team&access=PUBLIC`, 'admin');
        await call('POST', `/api/subscriptions/${nightly}/remove`, 'olga', '__self', 'text/plain');
      }
    });

    it('sends an administrator\'s test message at once, and refuses it to others', async () => {
      expect((await call('POST', '/api/notifications/test?method=email&data=ops@example.com', 'alice')).status).toBe(403);
      expect((await call('POST', '/api/notifications/test?method=email&data=not-an-address', 'admin')).status).toBe(400);
      expect((await call('POST', '/api/notifications/test?method=email&data=ops@example.com', 'admin')).status).toBe(204);
      expect(smtp.received.map((m) => [m.to[0], m.subject])).toEqual([['ops@example.com', '[Granary] Test message']]);
    });

    it('sends nothing for events with notify=false, and marks them notified', async () => {
      await addEvents('load', 2, { notify: false });
      expect(await sweep()).toMatchObject({ events: 2, mails: 0 });
      expect(smtp.received).toEqual([]);
    });

    it("uses a user's own notification settings, and a team's mailing list instead of its members", async () => {
      expect((await call('POST', '/api/notifications/settings?name=bob', 'bob', [{ method: 'email', data: 'bob.work@example.com', disabled: false }])).status).toBe(204);
      expect(await (await call('GET', '/api/notifications/settings?name=bob', 'bob')).json()).toMatchObject([{ name: 'bob', isTeam: false, method: 'email', data: 'bob.work@example.com', disabled: false }]);
      await addEvents('load', 1);
      await sweep();
      expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['alice@example.com', 'bob.work@example.com']);
      smtp.received.length = 0;

      await call('POST', `/api/subscriptions/${testIds.get('qa')}/add`, 'quinn', 'qa-team', 'text/plain');
      expect((await call('POST', '/api/notifications/settings?name=qa-team&team=true', 'admin', [{ method: 'email', data: 'qa-list@example.com' }])).status).toBe(204);
      await addEvents('qa', 1);
      await sweep();
      expect(smtp.received.map((m) => m.to[0])).toEqual(['qa-list@example.com']);
    });

    it('refuses unknown methods and settings of someone else', async () => {
      expect(await (await call('GET', '/api/notifications/methods', 'anonymous')).json()).toEqual(['email']);
      const slack = await call('POST', '/api/notifications/settings?name=bob', 'bob', [{ method: 'slack', data: '#perf' }]);
      expect(slack.status).toBe(400);
      expect((await call('POST', '/api/notifications/settings?name=alice', 'bob', [])).status).toBe(403);
      expect((await call('POST', '/api/notifications/settings?name=perf-team&team=true', 'bob', [])).status).toBe(403);
    });

    it('keeps events for the next sweep when the mail server is down', async () => {
      await addEvents('load', 1);
      await smtp.close();
      const failed = await sweep();
      expect(failed.retry).toBeGreaterThan(0);
      const [{ n }] = (await sql<{ n: number }>(owner(), 'SELECT count(*)::int AS n FROM event WHERE notified_at IS NULL')) as [{ n: number }];
      expect(n).toBe(1);
      // Back on the same port: the next sweep delivers.
      smtp = await startSmtp(smtp.received, smtp.port);
      expect((await sweep()).retry).toBe(0);
      expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['alice@example.com', 'bob.work@example.com']);
    });
  });

  describe('missing data rules', () => {
    let ruleId = 0;
    const base = Date.UTC(2030, 0, 1);

    it('refuses a viewer (403), another team (404) and a staleness of 0 (400)', async () => {
      const viewer = await saveRule('bob', 'load', { name: 'x', maxStaleness: HOUR_MS });
      expect(viewer.status).toBe(403);
      expect(((await viewer.json()) as { type: string }).type).toBe('urn:granary:problem:forbidden');
      expect((await saveRule('olga', 'load', { name: 'x', maxStaleness: HOUR_MS })).status).toBe(404);
      const zero = await saveRule('alice', 'load', { name: 'x', maxStaleness: 0 });
      expect(zero.status).toBe(400);
      expect(zero.headers.get('content-type')).toMatch(/problem\+json/);
    });

    it('fires once when data stops, and again only after data arrived and stopped again', async () => {
      const first = await upload('load', base);
      const created = await saveRule('alice', 'load', { name: 'nightly build', maxStaleness: HOUR_MS });
      expect(created.status).toBe(200);
      ruleId = Number(await created.text());
      // Saving evaluated the rule over the datasets already there.
      const [result] = await sql<{ time: Date }>(owner(), 'SELECT time FROM missing_data_rule_result WHERE rule_id = $1', [ruleId]);
      expect(result!.time.getTime()).toBe(base);
      expect((await datasetsOf(first)).length).toBe(1);

      expect((await checks(new Date(base + 30 * 60_000))).missingData).toBe(0); // fresh
      expect((await checks(new Date(base + 2 * HOUR_MS))).missingData).toBe(1); // stale: fires
      expect((await checks(new Date(base + 4 * HOUR_MS))).missingData).toBe(0); // still stale: not again
      expect((await checks(new Date(base + 9 * HOUR_MS))).missingData).toBe(0);

      // The pipeline evaluates the test's rules on a new dataset (the upload waits for it).
      await upload('load', base + 9.5 * HOUR_MS);
      expect((await checks(new Date(base + 10 * HOUR_MS))).missingData).toBe(0); // data arrived
      expect((await checks(new Date(base + 11 * HOUR_MS))).missingData).toBe(1); // stopped again
      expect((await checks(new Date(base + 14 * HOUR_MS))).missingData).toBe(0);

      const events = await eventsOf('missing-data/new', 'load');
      expect(events.map((e) => e.payload)).toEqual([
        { ruleId, ruleName: 'nightly build', testName: 'load', maxStaleness: HOUR_MS, lastDatasetTime: new Date(base).toISOString() },
        { ruleId, ruleName: 'nightly build', testName: 'load', maxStaleness: HOUR_MS, lastDatasetTime: new Date(base + 9.5 * HOUR_MS).toISOString() },
      ]);
      await sweep();
      const mails = smtp.received.filter((m) => m.to[0] === 'alice@example.com');
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toBe('[Granary] 2 events in load');
      expect(mails[0]!.text).toContain('No new data matching rule "nightly build" for more than 1 h');
    });

    it('lists rules to those who see the test, with their last notification', async () => {
      const listed = await call('GET', `/api/alerting/missingdatarule?testId=${testIds.get('load')}`, 'bob');
      expect(listed.status).toBe(200);
      expect(await listed.json()).toEqual([
        { id: ruleId, name: 'nightly build', labels: [], condition: null, maxStaleness: HOUR_MS, lastNotification: new Date(base + 11 * HOUR_MS).toISOString(), testId: testIds.get('load') },
      ]);
      expect((await call('GET', `/api/alerting/missingdatarule?testId=${testIds.get('load')}`, 'olga')).status).toBe(404);
      expect((await call('GET', `/api/alerting/missingdatarule?testId=${testIds.get('load')}`, 'anonymous')).status).toBe(404);
    });

    it('matches datasets by a condition on label values, evaluated per rule', async () => {
      const a1 = await upload('nightly', base, 'a1');
      const b2 = await upload('nightly', base + 1000, 'b2');
      const saved = await saveRule('alice', 'nightly', { name: 'a1 only', labels: ['host'], condition: 'host => host === "a1"', maxStaleness: HOUR_MS });
      const id = Number(await saved.text());
      const matched = async (rule: number) => (await sql<{ dataset_id: number }>(owner(), 'SELECT dataset_id FROM missing_data_rule_result WHERE rule_id = $1 ORDER BY dataset_id', [rule])).map((r) => r.dataset_id);
      expect(await matched(id)).toEqual(await datasetsOf(a1));
      // A condition that does not answer a boolean matches nothing; an update resets lastNotification.
      const truthy = await saveRule('alice', 'nightly', { id, name: 'a1 only', labels: ['host'], condition: 'host => host', maxStaleness: HOUR_MS });
      expect(Number(await truthy.text())).toBe(id);
      expect(await matched(id)).toEqual([]);
      // Several labels: an object by label name.
      await saveRule('alice', 'nightly', { id, name: 'a1 only', labels: ['host', 'absent'], condition: 'v => v.host === "b2"', maxStaleness: HOUR_MS });
      expect(await matched(id)).toEqual(await datasetsOf(b2));
      // The pipeline evaluates every rule of the test again when the runs are processed again.
      await sql(owner(), 'DELETE FROM missing_data_rule_result WHERE rule_id = $1', [id]);
      for (const run of [a1, b2]) expect((await call('POST', `/api/run/${run}/recalculate`, 'admin')).status).toBe(200);
      expect(await matched(id)).toEqual(await datasetsOf(b2));
    });

    it('lets testers delete a rule, not viewers', async () => {
      expect((await call('DELETE', `/api/alerting/missingdatarule/${ruleId}`, 'bob')).status).toBe(403);
      expect((await call('DELETE', `/api/alerting/missingdatarule/${ruleId}`, 'olga')).status).toBe(404);
      expect((await call('DELETE', `/api/alerting/missingdatarule/${ruleId}`, 'alice')).status).toBe(204);
      expect(await (await call('GET', `/api/alerting/missingdatarule?testId=${testIds.get('load')}`, 'alice')).json()).toEqual([]);
    });
  });

  describe('run expectations', () => {
    const expectations = async () => sql<{ expected_by: string; backlink: string | null }>(owner(), 'SELECT expected_by, backlink FROM run_expectation WHERE test_id = $1 ORDER BY id', [testIds.get('nightly')]);

    it('is removed by an upload before its deadline', async () => {
      expect((await call('POST', '/api/alerting/expectRun?test=nightly&timeout=3600', 'ci-key')).status).toBe(204);
      expect(await expectations()).toEqual([{ expected_by: 'ci', backlink: null }]);
      await upload('nightly', Date.now());
      expect(await expectations()).toEqual([]);
    });

    it('notifies once when its deadline passes', async () => {
      await call('POST', `/api/subscriptions/${testIds.get('nightly')}/add`, 'alice', '__self', 'text/plain');
      const response = await call('POST', `/api/alerting/expectRun?test=${testIds.get('nightly')}&timeout=60&expectedby=jenkins&backlink=${encodeURIComponent('https://ci.example.com/job/7')}`, 'ci-key');
      expect(response.status).toBe(204);
      expect((await checks(new Date())).missedRuns).toBe(0);
      expect((await checks(new Date(Date.now() + 2 * 60_000))).missedRuns).toBe(1);
      expect((await checks(new Date(Date.now() + 4 * 60_000))).missedRuns).toBe(0);
      expect(await expectations()).toEqual([]);
      const [missed] = await eventsOf('run-expectation/missed', 'nightly');
      expect(missed!.payload).toMatchObject({ testName: 'nightly', expectedBy: 'jenkins', backlink: 'https://ci.example.com/job/7' });
      await sweep();
      expect(smtp.received.map((m) => [m.to[0], m.subject])).toEqual([['alice@example.com', '[Granary] Expected run did not arrive for nightly']]);
      expect(smtp.received[0]!.text).toContain('https://ci.example.com/job/7');
    });

    it('is refused to a viewer (403), unknown tests (404) and a timeout of 0 (400)', async () => {
      expect((await call('POST', '/api/alerting/expectRun?test=nightly&timeout=60', 'bob')).status).toBe(403);
      expect((await call('POST', '/api/alerting/expectRun?test=no-such-test&timeout=60', 'ci-key')).status).toBe(404);
      expect((await call('POST', '/api/alerting/expectRun?test=load&timeout=60', 'olga')).status).toBe(404);
      expect((await call('POST', '/api/alerting/expectRun?test=nightly&timeout=0', 'ci-key')).status).toBe(400);
      expect((await call('POST', '/api/alerting/expectRun?test=nightly&timeout=60', 'anonymous')).status).toBe(401);
    });
  });
});
