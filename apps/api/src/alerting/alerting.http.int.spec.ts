import { sql } from '@granary/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bootApp, type TestApp } from '../test-support/app';

const ADMIN_PASSWORD = 'alerting-admin-password';
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

/** Change detection end to end: variables → uploads → datapoints → changes, decisions, recalculation. */
describe('change detection over HTTP', () => {
  let t: TestApp;
  let admin = '';
  let uploaderKey = '';
  let outsider = '';
  let testId = 0;
  let variableId = 0;
  const runs: number[] = [];

  const call = (method: string, path: string, auth: Record<string, string>, body?: unknown) =>
    fetch(`${t.baseUrl}${path}`, {
      method,
      headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const asAdmin = () => ({ authorization: `Bearer ${admin}` });
  const asOutsider = () => ({ authorization: `Bearer ${outsider}` });
  const json = async <T>(response: Response, status = 200): Promise<T> => {
    expect(response.status, await response.clone().text()).toBe(status);
    return (await response.json()) as T;
  };
  const upload = async (day: number, throughput: number, host = 'a1', test = 'cd') => {
    const start = T0 + day * DAY;
    const document = { $schema: 'urn:cd:1.0', start, stop: start + 60_000, host, throughput };
    const response = await call('POST', `/api/run/data?test=${test}&start=$.start&stop=$.stop&wait=true`, { 'x-horreum-api-key': uploaderKey }, document);
    expect(response.status).toBe(202);
    return Number(await response.text());
  };
  const changes = () => call('GET', `/api/alerting/changes?var=${variableId}`, {}).then((r) => json<Change[]>(r));
  const events = async () => (await sql<{ n: number }>(t.db.ownerUrl, `SELECT count(*)::int AS n FROM event WHERE kind = 'change/new'`))[0]!.n;
  const datasetOf = async (runId: number) => (await sql<{ id: number }>(t.db.ownerUrl, 'SELECT id FROM dataset WHERE run_id = $1', [runId]))[0]!.id;
  const recalculatedOf = async (test: number) => {
    for (let i = 0; i < 200; i++) {
      const status = await call('GET', `/api/alerting/recalculate?test=${test}`, asAdmin()).then((r) => json<{ finished: boolean }>(r));
      if (status.finished) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the recalculation did not finish');
  };
  const recalculated = async () => {
    for (let i = 0; i < 200; i++) {
      const status = await call('GET', `/api/alerting/recalculate?test=${testId}`, asAdmin()).then((r) => json<{ finished: boolean; percentage: number }>(r));
      if (status.finished) return status;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the recalculation did not finish');
  };
  const settled = async () => {
    for (let i = 0; i < 200; i++) {
      const [row] = await sql<{ n: number }>(t.db.ownerUrl, 'SELECT count(*)::int AS n FROM detection_pending');
      if (row!.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('detection did not finish');
  };

  interface Change {
    id: number;
    model: string;
    confirmed: boolean;
    ignored: boolean;
    description: string;
    dataset: { id: number; runId: number; ordinal: number; testId: number };
    variable: { id: number; name: string };
    timestamp: number;
    decidedBy: string | null;
  }

  beforeAll(async () => {
    t = await bootApp(inject('granaryDb'), { GRANARY_ADMIN_PASSWORD: ADMIN_PASSWORD });
    admin = (await t.client.POST('/api/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } })).data!.token;
    await call('POST', '/api/user/team/perf-team', asAdmin());
    await call('POST', '/api/user/team/other-team', asAdmin());
    await call('POST', '/api/user/createUser', asAdmin(), { user: { username: 'ci' }, password: 'ci-password-123', team: 'perf-team', roles: ['uploader'] });
    await call('POST', '/api/user/createUser', asAdmin(), { user: { username: 'olga' }, password: 'olga-password-123', team: 'other-team', roles: ['tester'] });
    const ci = (await t.client.POST('/api/auth/login', { body: { username: 'ci', password: 'ci-password-123' } })).data!.token;
    outsider = (await t.client.POST('/api/auth/login', { body: { username: 'olga', password: 'olga-password-123' } })).data!.token;
    uploaderKey = await (await call('POST', '/api/user/apikey', { authorization: `Bearer ${ci}` }, { name: 'ci' })).text();
    testId = (await json<{ id: number }>(await call('POST', '/api/test', asAdmin(), { name: 'cd', owner: 'perf-team', access: 'PUBLIC', fingerprintLabels: ['host'] }), 201)).id;
    const [schema] = await sql<{ id: number }>(t.db.ownerUrl, `INSERT INTO schema (uri, name, owner, access, updated_at) VALUES ('urn:cd:1.0', 'cd', 'perf-team', 'PUBLIC', now()) RETURNING id`);
    for (const [name, path, filtering] of [['throughput', '$.throughput', false], ['host', '$.host', true]] as const) {
      await sql(t.db.ownerUrl, `INSERT INTO label (name, schema_id, extractors, filtering, metrics, owner, access) VALUES ($1, $2, $3, $4, NOT $4, 'perf-team', 'PUBLIC')`, [
        name,
        schema!.id,
        JSON.stringify([{ name, jsonpath: path, isarray: false }]),
        filtering,
      ]);
    }
  });
  afterAll(() => t.close());

  it('describes the models and refuses a variable with an unknown model or a bad parameter, naming it', async () => {
    const models = await json<{ name: string; defaults: Record<string, unknown> }[]>(await call('GET', '/api/alerting/changeDetectionModels', {}));
    expect(models.map((m) => m.name)).toEqual(['relativeDifference', 'fixedThreshold', 'eDivisive']);
    const unknown = await call('POST', `/api/alerting/variables?test=${testId}`, asAdmin(), [{ name: 'x', labels: ['throughput'], changeDetection: [{ model: 'magic', config: {} }] }]);
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    const bad = await call('POST', `/api/alerting/variables?test=${testId}`, asAdmin(), [
      { name: 'x', labels: ['throughput'], changeDetection: [{ model: 'relativeDifference', config: { window: 0 } }] },
    ]);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('/0/changeDetection/0/config/window');
  });

  it('saves variables with their defaults filled in; only the test team may', async () => {
    const body = [{ name: 'Throughput', labels: ['throughput'], changeDetection: [{ model: 'relativeDifference', config: { threshold: 0.2 } }] }];
    expect((await call('POST', `/api/alerting/variables?test=${testId}`, {}, body)).status).toBe(401);
    expect((await call('POST', `/api/alerting/variables?test=${testId}`, asOutsider(), body)).status).toBe(403);
    expect((await call('POST', `/api/alerting/variables?test=${testId}`, asAdmin(), body)).status).toBe(204);
    const [variable] = await json<{ id: number; changeDetection: { model: string; config: unknown }[] }[]>(await call('GET', `/api/alerting/variables?test=${testId}`, {}));
    variableId = variable!.id;
    expect(variable!.changeDetection).toEqual([{ id: expect.any(Number), model: 'relativeDifference', config: { window: 1, threshold: 0.2, minPrevious: 5, filter: 'mean' } }]);
    await recalculated();
  });

  it('finds one change where a series steps down, once, with a change/new event', async () => {
    const values = [100, 101, 99, 100, 102, 98, 100, 101, 99, 100, 70, 71, 69, 70, 70];
    for (const [day, value] of values.entries()) runs.push(await upload(day, value));
    const found = await changes();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ model: 'relativeDifference', confirmed: false, ignored: false, dataset: { runId: runs[10], testId }, timestamp: T0 + 10 * DAY });
    expect(found[0]!.description).toMatch(/-30\.\d+ ?%/);
    // Datasets named as Horreum names them: run/ordinal.
    expect(found[0]!.description).toContain(`Datasets ${runs[10]}/0 (`);
    expect(await events()).toBe(1);
    const [state] = await sql<{ n: number }>(t.db.ownerUrl, 'SELECT count(*)::int AS n FROM series_state WHERE variable_id = $1', [variableId]);
    expect(state!.n).toBe(1);
  });

  it('does not report the change again for a back-filled run or a run processed again', async () => {
    const before = await changes();
    runs.push(await upload(-3, 100));
    const recalc = await call('POST', `/api/run/${runs[12]}/recalculate`, asAdmin());
    expect(recalc.status).toBe(200);
    await settled();
    const after = await changes();
    expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id));
    expect(await events()).toBe(1);
  });

  it('forgets a series state when its datapoints go, so that the next point re-analyses the series', async () => {
    const newest = runs[14]!;
    expect((await call('POST', `/api/run/${newest}/recalculate`, asAdmin())).status).toBe(200);
    await settled();
    const [state] = await sql<{ n: number }>(t.db.ownerUrl, 'SELECT count(*)::int AS n FROM series_state WHERE variable_id = $1', [variableId]);
    expect(state!.n).toBe(1);
    await sql(t.db.ownerUrl, 'DELETE FROM datapoint WHERE dataset_id = (SELECT id FROM dataset WHERE run_id = $1)', [newest]);
    const [gone] = await sql<{ n: number }>(t.db.ownerUrl, 'SELECT count(*)::int AS n FROM series_state WHERE variable_id = $1', [variableId]);
    expect(gone!.n).toBe(0);
    expect((await call('POST', `/api/run/${newest}/recalculate`, asAdmin())).status).toBe(200);
    await settled();
    expect((await changes()).map((c) => c.dataset.runId)).toEqual([runs[10]]);
  });

  it('answers the series for a chart with its change, reduced without dropping the change point', async () => {
    const fingerprint = encodeURIComponent(JSON.stringify({ host: 'a1' }));
    const series = await json<{ total: number; reduced: boolean; points: { runId: number; value: number }[]; changes: unknown[]; hash: string }>(
      await call('GET', `/api/alerting/series?var=${variableId}&fingerprint=${fingerprint}`, {}),
    );
    expect(series.total).toBe(16);
    expect(series.reduced).toBe(false);
    expect(series.changes).toHaveLength(1);
    const small = await json<{ reduced: boolean; points: { runId: number }[] }>(await call('GET', `/api/alerting/series?var=${variableId}&fingerprint=${series.hash}&points=4`, {}));
    expect(small.reduced).toBe(true);
    expect(small.points.map((p) => p.runId)).toContain(runs[10]);
    const fingerprints = await json<{ hash: string; fingerprint: unknown; datapoints: number }[]>(await call('GET', `/api/alerting/fingerprints?test=${testId}`, {}));
    expect(fingerprints).toEqual([{ hash: series.hash, fingerprint: { host: 'a1' }, datapoints: 16, lastTime: T0 + 14 * DAY }]);
  });

  it('keeps an ignored change ignored through a recalculation, and re-finds an undecided one without notifying again', async () => {
    const [change] = await changes();
    expect((await call('PUT', `/api/alerting/change/${change!.id}`, asOutsider(), { id: change!.id, ignored: true })).status).toBe(403);
    expect((await call('PUT', `/api/alerting/change/${change!.id}`, asAdmin(), { ...change, ignored: true })).status).toBe(204);
    expect((await call('POST', `/api/alerting/recalculate?test=${testId}`, asAdmin())).status).toBe(204);
    expect((await recalculated()).percentage).toBe(100);
    const after = await changes();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: change!.id, ignored: true, decidedBy: 'admin' });
    expect(await events()).toBe(1);
  });

  it('marks a change by hand, which restarts the history, and refuses a second one on the same point', async () => {
    const dataset = await datasetOf(runs[5]!);
    const manual = await call('POST', '/api/alerting/change', asAdmin(), { variableId, datasetId: dataset, description: 'new kernel' });
    expect(manual.status).toBe(201);
    expect(await manual.json()).toMatchObject({ model: 'manual', confirmed: true, description: 'new kernel', dataset: { id: dataset } });
    expect((await call('POST', '/api/alerting/change', asAdmin(), { variableId, datasetId: dataset })).status).toBe(409);
    await settled();
    expect((await changes()).map((c) => c.model)).toEqual(['manual', 'relativeDifference']);
  });

  it("drops a spike's change when the spike is flagged as an outlier, and brings it back when unflagged", async () => {
    runs.push(await upload(20, 300));
    const spike = (await changes()).find((c) => c.dataset.runId === runs[runs.length - 1]);
    expect(spike).toBeDefined();
    const datasetId = await datasetOf(runs[runs.length - 1]!);
    expect((await call('PUT', '/api/alerting/outlier', asAdmin(), { variableId, datasetId, outlier: true })).status).toBe(204);
    await settled();
    expect((await changes()).some((c) => c.dataset.runId === runs[runs.length - 1])).toBe(false);
    const series = await json<{ points: { datasetId: number; outlier: boolean }[] }>(await call('GET', `/api/alerting/series?var=${variableId}`, {}));
    expect(series.points.find((p) => p.datasetId === datasetId)?.outlier).toBe(true);
    // The flag and the manual change survive a recalculation of the whole history.
    expect((await call('POST', `/api/alerting/recalculate?test=${testId}`, asAdmin())).status).toBe(204);
    await recalculated();
    expect((await changes()).some((c) => c.dataset.runId === runs[runs.length - 1])).toBe(false);
    expect((await changes()).filter((c) => c.model === 'manual')).toHaveLength(1);
    const flagged = await json<{ points: { datasetId: number; outlier: boolean }[] }>(await call('GET', `/api/alerting/series?var=${variableId}`, {}));
    expect(flagged.points.find((p) => p.datasetId === datasetId)?.outlier).toBe(true);
    expect((await call('PUT', '/api/alerting/outlier', asAdmin(), { variableId, datasetId, outlier: false })).status).toBe(204);
    await settled();
    expect((await changes()).some((c) => c.dataset.runId === runs[runs.length - 1])).toBe(true);
  });

  it("lists recent changes across visible tests, and hides a private test's from other teams", async () => {
    const recent = await json<{ total: number; changes: { test: { name: string } }[] }>(await call('GET', '/api/alerting/changes/recent?limit=2', {}));
    expect(recent.total).toBeGreaterThanOrEqual(3);
    expect(recent.changes).toHaveLength(2);
    expect(recent.changes[0]!.test.name).toBe('cd');
    expect((await call('POST', `/api/test/${testId}/updateAccess?owner=perf-team&access=PRIVATE`, asAdmin())).status).toBeLessThan(300);
    expect((await json<{ total: number }>(await call('GET', '/api/alerting/changes/recent', asOutsider()))).total).toBe(0);
    expect((await call('GET', `/api/alerting/changes?var=${variableId}`, asOutsider())).status).toBe(404);
    expect((await call('GET', `/api/alerting/variables?test=${testId}`, asOutsider())).status).toBe(404);
  });

  it("answers Horreum's last datapoints of a series, and changes the test's timeline settings with a recalculation", async () => {
    const last = await json<{ variable: number; timestamp: number }[]>(
      await call('POST', '/api/alerting/datapoint/last', asAdmin(), { variables: [variableId], fingerprint: JSON.stringify({ host: 'a1' }) }),
    );
    expect(last).toEqual([{ variable: variableId, timestamp: T0 + 20 * DAY }]);
    const count = async () => (await sql<{ n: number }>(t.db.ownerUrl, `SELECT count(*)::int AS n FROM recalculation WHERE test_id = $1 AND kind = 'changes'`, [testId]))[0]!.n;
    const before = await count();
    const settings = { timelineLabels: [], timelineFunction: null, fingerprintLabels: ['host'], fingerprintFilter: null };
    expect((await call('POST', `/api/alerting/changeDetection?testId=${testId}`, asAdmin(), settings)).status).toBe(204);
    expect(await count()).toBe(before);
    expect((await call('POST', `/api/alerting/changeDetection?testId=${testId}`, asOutsider(), settings)).status).toBe(404);
    expect((await call('POST', `/api/alerting/changeDetection?testId=${testId}`, asAdmin(), { ...settings, fingerprintLabels: [] })).status).toBe(204);
    expect(await count()).toBe(before + 1);
    await recalculated();
    const fingerprints = await json<{ fingerprint: unknown }[]>(await call('GET', `/api/alerting/fingerprints?test=${testId}`, asAdmin()));
    expect(fingerprints.map((f) => f.fingerprint)).toEqual([{}]);
  });

  it('exports variables with the test and imports them by name, once', async () => {
    const exported = await json<{ name: string; variables: { name: string; changeDetection: unknown[] }[]; schemas: unknown[] }>(await call('GET', `/api/test/${testId}/export`, asAdmin()));
    expect(exported.variables).toEqual([expect.objectContaining({ name: 'Throughput', labels: ['throughput'], changeDetection: [expect.objectContaining({ model: 'relativeDifference' })] })]);
    const copy = { ...exported, name: 'cd-copy' };
    delete (copy as { id?: number }).id;
    expect((await call('POST', '/api/test/import', asAdmin(), copy)).status).toBeLessThan(300);
    const [created] = await sql<{ id: number }>(t.db.ownerUrl, `SELECT id FROM test WHERE name = 'cd-copy'`);
    const variables = await json<{ name: string; changeDetection: { config: unknown }[] }[]>(await call('GET', `/api/alerting/variables?test=${created!.id}`, asAdmin()));
    expect(variables).toEqual([expect.objectContaining({ name: 'Throughput', changeDetection: [expect.objectContaining({ config: { window: 1, threshold: 0.2, minPrevious: 5, filter: 'mean' } })] })]);
    const requests = async () => (await sql<{ n: number }>(t.db.ownerUrl, `SELECT count(*)::int AS n FROM recalculation WHERE test_id = $1 AND kind = 'changes'`, [created!.id]))[0]!.n;
    const before = await requests();
    expect((await call('POST', '/api/test/import', asAdmin(), copy)).status).toBeLessThan(300);
    expect(await requests()).toBe(before);
    const broken = await call('POST', '/api/test/import', asAdmin(), { ...copy, variables: [{ name: 'x', labels: ['throughput'], changeDetection: [{ model: 'fixedThreshold', config: { min: 3 } }] }] });
    expect(broken.status).toBe(400);
    expect(JSON.stringify(await broken.json())).toContain('/variables/0/changeDetection/0/config/min');
  });

  it('deletes the variables missing from a replacement, with their datapoints and changes', async () => {
    expect((await call('POST', `/api/alerting/variables?test=${testId}`, asAdmin(), [])).status).toBe(204);
    const [left] = await sql<{ d: number; c: number }>(
      t.db.ownerUrl,
      `SELECT (SELECT count(*)::int FROM datapoint WHERE test_id = $1) AS d, (SELECT count(*)::int FROM change WHERE test_id = $1) AS c`,
      [testId],
    );
    expect(left).toEqual({ d: 0, c: 0 });
  });
  it('stores a change that a window of several points places on a point of an earlier upload', async () => {
    const other = (await json<{ id: number }>(await call('POST', '/api/test', asAdmin(), { name: 'cd-window', owner: 'perf-team', access: 'PUBLIC' }), 201)).id;
    const conditions = [{ model: 'relativeDifference', config: { window: 3, minPrevious: 5, threshold: 0.1 } }];
    expect((await call('POST', `/api/alerting/variables?test=${other}`, asAdmin(), [{ name: 'Throughput', labels: ['throughput'], changeDetection: conditions }])).status).toBe(204);
    const uploaded: number[] = [];
    for (const [day, value] of [100, 101, 99, 100, 100, 101, 99, 100, 130, 131, 129, 130, 130].entries()) uploaded.push(await upload(day, value, 'a1', 'cd-window'));
    const [variable] = await json<{ id: number }[]>(await call('GET', `/api/alerting/variables?test=${other}`, {}));
    const found = await json<Change[]>(await call('GET', `/api/alerting/changes?var=${variable!.id}`, {}));
    expect(found.map((c) => c.dataset.runId)).toEqual([uploaded[8]]);
  });

  it('re-analyses a series whose saved state cannot be continued, and sets aside a dataset that fails', async () => {
    const other = (await json<{ id: number }>(await call('POST', '/api/test', asAdmin(), { name: 'cd-poison', owner: 'perf-team', access: 'PUBLIC' }), 201)).id;
    const body = [{ name: 'Throughput', labels: ['throughput'], changeDetection: [{ model: 'fixedThreshold', config: { max: { enabled: true, inclusive: true, value: 150 } } }] }];
    expect((await call('POST', `/api/alerting/variables?test=${other}`, asAdmin(), body)).status).toBe(204);
    await recalculatedOf(other);
    const [variable] = await json<{ id: number }[]>(await call('GET', `/api/alerting/variables?test=${other}`, {}));
    const found = () => call('GET', `/api/alerting/changes?var=${variable!.id}`, {}).then((r) => json<Change[]>(r));
    await upload(0, 100, 'a1', 'cd-poison');
    // A state of another format: the next point re-analyses the series instead of failing.
    await sql(t.db.ownerUrl, `UPDATE series_state SET state = '{"version": 99}' WHERE test_id = $1`, [other]);
    const high = await upload(1, 200, 'a1', 'cd-poison');
    expect((await found()).map((c) => c.dataset.runId)).toEqual([high]);
    // A failure nobody foresaw (here a trigger refusing one value): that dataset is set aside, the next ones go on.
    await sql(
      t.db.ownerUrl,
      `CREATE FUNCTION refuse_666() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.value = 666 THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$;
       CREATE TRIGGER refuse_666 BEFORE INSERT ON datapoint FOR EACH ROW EXECUTE FUNCTION refuse_666()`,
    );
    try {
      await upload(2, 666, 'a1', 'cd-poison');
      const [pending] = await sql<{ n: number }>(t.db.ownerUrl, 'SELECT count(*)::int AS n FROM detection_pending');
      expect(pending!.n).toBe(0);
      const after = await upload(3, 300, 'a1', 'cd-poison');
      expect((await found()).map((c) => c.dataset.runId)).toEqual([high, after]);
    } finally {
      await sql(t.db.ownerUrl, 'DROP TRIGGER refuse_666 ON datapoint; DROP FUNCTION refuse_666()');
    }
  });
});
