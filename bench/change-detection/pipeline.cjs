// See README.md ("pipeline.cjs"). Change detection through the real pipeline and database:
//  1. the time of detection for one new dataset (appended at the end of its series, as CI
//     uploads do) as the series grows to SIZES points, for relativeDifference + fixedThreshold and
//     for the same with eDivisive added;
//  2. a back-filled dataset (an older timeline position) at the largest size: full re-analysis;
//  3. POST /api/alerting/recalculate of each test at the largest size: wall time until finished.
//
// The API runs as its own process with GRANARY_WORKERS=false; this script hosts the pipeline
// itself (the same built `Pipeline` the API's worker drains, with the same pool settings and
// system roles, and a real sandbox) so that it can run and time `detectPending()` alone: the
// upload and label values of a dataset are done first (`processPendingRuns()`), then one
// `detectPending()` transaction does the detection (claim, datapoints, models, state, changes,
// missing-data rules, commit) and nothing else. Every statement of that transaction is timed from the client side.
//
// Build first: npx turbo run build --filter=@granary/api --output-logs=errors-only
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const H = require('../ingest/harness.cjs');
const { prng } = require('../ingest/document.cjs');

const SIZES = (process.env.SIZES || '100,1000,5000,10000').split(',').map(Number).filter((n) => n > 0).sort((a, b) => a - b);
const SAMPLES = Number(process.env.SAMPLES || 30); // single-dataset detections timed per size and test
const BACKFILLS = Number(process.env.BACKFILLS || 3); // back-filled datasets at the largest size, per test
const COPY_CHUNK = Number(process.env.COPY_CHUNK || 2000);
const SEED = Number(process.env.SEED || 7);
const EDIVISIVE = process.env.EDIVISIVE !== '0';
const RECALCULATE = process.env.RECALCULATE !== '0';
const RESULTS_FILE = process.env.RESULTS_FILE; // optional: the figures as JSON
const PG_STAT = process.env.PG_STAT === '1'; // pg_stat_statements: server-side execution and planning time per statement
if (SIZES.length === 0 || SAMPLES < 1 || SIZES[0] <= SAMPLES) throw new Error(`every size must be larger than SAMPLES (${SAMPLES})`);

const ROOT = H.ROOT;
const DIST = path.join(ROOT, 'packages/pipeline/dist');
const { Pipeline } = require(path.join(DIST, 'processor.js'));
const STATEMENT_SOURCES = [require(path.join(DIST, 'changes-sql.js')), require(path.join(DIST, 'sql.js')), require(path.join(DIST, 'recalculation-sql.js'))];
const C = STATEMENT_SOURCES[0];
const { Sandbox } = require(require.resolve('@granary/sandbox', { paths: [ROOT, path.join(ROOT, 'apps/api')] }));
const SYSTEM_ROLES = ['admin', 'granary-system']; // @granary/db SYSTEM_ROLES
const APP_ROLE = 'granary_app';

const SCHEMA_URI = 'urn:bench-change-detection:1.0';
const BASE_TIME_MS = Date.UTC(2026, 0, 1);
const STEP_MS = 600_000; // one run every 10 minutes
/**
 * Level shifts (index, factor on the level): +20 %, −15 %, +15 %, −10 %. They fall inside the
 * set-up's COPY chunks, not at their first points: relativeDifference (window 5) may give a change
 * to a point a few before the one that reveals it, and when that point belongs to an earlier
 * detection batch the pipeline drops the change, or with eDivisive fails the batch (README, "Known
 * problems"). A shift at 3000 (a chunk's first point with the default sizes) hits that failure.
 */
const SHIFTS = [
  [60, 1.2],
  [700, 0.85],
  [3100, 1.15],
  [7500, 0.9],
];
/** Single spikes (×1.6) above fixedThreshold's maximum. */
const SPIKES = new Set([2222, 6666, 9100]);
const MAX = 1500;
const CONDITIONS = [
  { model: 'relativeDifference', config: { window: 5, threshold: 0.1, minPrevious: 20, filter: 'mean' } },
  { model: 'fixedThreshold', config: { max: { enabled: true, inclusive: true, value: MAX } } },
];
const EDIVISIVE_CONDITION = { model: 'eDivisive', config: {} }; // the defaults

const log = (m) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);
const iso = (ms) => new Date(ms).toISOString();
const median = (xs) => (xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

const STEADY = process.env.STEADY === '1'; // no shifts, no spikes: one segment as long as the series

/** Point i of a series: 1000 with 2 % Gaussian noise, the level shifts and spikes above (none with STEADY=1). */
function valueAt(i, salt = 0) {
  let level = 1000;
  if (STEADY) return Math.round(level * (1 + 0.02 * gaussianAt(i, salt)) * 1000) / 1000;
  for (const [at, f] of SHIFTS) if (i >= at) level *= f;
  const v = level * (1 + 0.02 * gaussianAt(i, salt));
  return Math.round((SPIKES.has(i) ? v * 1.6 : v) * 1000) / 1000;
}

function gaussianAt(i, salt) {
  const rand = prng(SEED * 1_000_003 + i * 7 + salt);
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}
const documentAt = (i, startMs = BASE_TIME_MS + i * STEP_MS, salt = 0) => ({ $schema: SCHEMA_URI, start: startMs, stop: startMs + 300_000, index: i, throughput: valueAt(i, salt) });

// ---------------------------------------------------------------------------------------------
// Statement timing: every query of the pipeline's clients, by name, while a collector is set.

const NAMES = new Map();
for (const source of STATEMENT_SOURCES) for (const [k, v] of Object.entries(source)) if (typeof v === 'string') NAMES.set(v, k);
// Missing data rules are evaluated in the same transaction when the pipeline has them.
try {
  for (const [k, v] of Object.entries(require(path.join(DIST, 'missing-data-sql.js')))) if (typeof v === 'string') NAMES.set(v, `missing data: ${k}`);
} catch {}
const nameOf = (text) =>
  NAMES.get(text) ?? (text.startsWith('BEGIN') ? 'BEGIN + set_config' : text === 'COMMIT' ? 'COMMIT' : text.replace(/\s+/g, ' ').trim().slice(0, 60));
let collector;
const backendPids = new Set();

/** CPU ms used so far by the pool's PostgreSQL backends (from /proc: 10 ms ticks, so only sums over many calls mean much). */
function backendCpuMs() {
  let ticks = 0;
  for (const pid of backendPids) {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {}
  }
  return ticks * 10;
}

/** utime + stime (+ reaped children's) of a process, in CPU seconds. */
function procCpu(pid, withChildren = false) {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12]) + (withChildren ? Number(f[13]) + Number(f[14]) : 0)) / 100;
  } catch {
    return 0;
  }
}

/**
 * CPU used by everything else on the machine over a phase (machine busy time from /proc/stat minus
 * PostgreSQL, the API and this process), read only at the start and the end so as not to add work.
 */
function othersMeter(g) {
  const pgPids = () => fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map(Number).filter((pid) => {
    try {
      return Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === g.postmasterPid;
    } catch {
      return false;
    }
  });
  const read = () => {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const machine = (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) / 100;
    const b = process.cpuUsage();
    const ours = procCpu(g.postmasterPid, true) + pgPids().reduce((a, pid) => a + procCpu(pid), 0) + procCpu(g.api.pid, true) + (b.user + b.system) / 1e6;
    return { machine, ours, wall: H.now(), load: os.loadavg()[0] };
  };
  const start = read();
  return {
    stop() {
      const end = read();
      const wall = (end.wall - start.wall) / 1000;
      return { loadAverage1m: { start: start.load, end: end.load }, wallSeconds: wall, othersShare: Math.max(0, end.machine - start.machine - (end.ours - start.ours)) / wall / os.cpus().length };
    },
  };
}

function instrument(pool) {
  const connect = pool.connect.bind(pool);
  pool.connect = async (...args) => {
    const client = await connect(...args);
    if (!client.__timed) {
      client.__timed = true;
      backendPids.add((await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
      const query = client.query.bind(client);
      client.query = (text, ...rest) => {
        if (typeof text !== 'string' || !collector || typeof rest[rest.length - 1] === 'function') return query(text, ...rest);
        const mine = collector;
        const t0 = H.now();
        return query(text, ...rest).then((r) => {
          const name = nameOf(text);
          mine.set(name, (mine.get(name) || 0) + H.now() - t0);
          return r;
        });
      };
    }
    return client;
  };
  return pool;
}

/**
 * Runs `fn` with a fresh statement collector; returns { ms, value, statements (Map name → ms),
 * nodeCpuMs (this process), pgCpuMs (the pool's backends) }.
 */
async function timed(fn) {
  const statements = new Map();
  collector = statements;
  const cpu0 = process.cpuUsage();
  const pg0 = backendCpuMs();
  const t0 = H.now();
  try {
    const value = await fn();
    const ms = H.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return { ms, value, statements, nodeCpuMs: (cpu.user + cpu.system) / 1000, pgCpuMs: backendCpuMs() - pg0 };
  } finally {
    collector = undefined;
  }
}

// ---------------------------------------------------------------------------------------------

/** COPYs runs from..to-1 of a test in as pending, chunk by chunk, and lets the pipeline drain after each chunk. */
async function fill(g, pipeline, test, to) {
  const t0 = H.now();
  const from = test.count;
  for (let start = from; start < to; start += COPY_CHUNK) {
    const lines = [];
    for (let i = start; i < Math.min(to, start + COPY_CHUNK); i++) {
      const doc = documentAt(i);
      const text = H.copyText(JSON.stringify(doc));
      lines.push(`${test.id}\t${text}\t${text}\t${iso(doc.start)}\t${iso(doc.stop)}\t${H.TEAM}\tPUBLIC\n`);
    }
    await H.copyFrom(g.owner, 'COPY run (test_id, data, raw_data, start, stop, owner, access) FROM STDIN', [Buffer.from(lines.join(''))]);
    await pipeline.drain();
    test.count += lines.length;
  }
  if (to > from) log(`${test.name}: ${to - from} runs copied and processed (labels and detection) in ${((H.now() - t0) / 1000).toFixed(1)} s; ${test.count} points`);
}

/** Uploads one run through the API (202), turns it into a dataset with label values, then times detection alone. */
async function uploadAndDetect(g, pipeline, test, apiKey, doc) {
  await H.expectStatus(
    H.request(g.baseUrl, 'POST', `/api/run/data?test=${encodeURIComponent(test.name)}&start=$.start&stop=$.stop&access=PUBLIC`, { headers: { 'x-horreum-api-key': apiKey }, body: doc }),
    [200, 202],
    'upload',
  );
  const labels = await timed(() => pipeline.processPendingRuns());
  if (labels.value.runs !== 1 || labels.value.datasets !== 1) throw new Error(`expected one run and one dataset, got ${JSON.stringify(labels.value)}`);
  const detection = await timed(() => pipeline.detectPending());
  if (detection.value !== true) throw new Error('detectPending found nothing to do');
  if (await pipeline.detectPending()) throw new Error('more than one detection batch for one dataset');
  return { labelsMs: labels.ms, ms: detection.ms, statements: detection.statements, nodeCpuMs: detection.nodeCpuMs, pgCpuMs: detection.pgCpuMs };
}

function summarise(samples) {
  const sqlOf = (s) => [...s.statements.values()].reduce((a, b) => a + b, 0);
  const names = new Set(samples.flatMap((s) => [...s.statements.keys()]));
  const byStatement = Object.fromEntries(
    [...names].map((n) => [n, median(samples.map((s) => s.statements.get(n) || 0))]).sort((a, b) => b[1] - a[1]),
  );
  return {
    samples: samples.length,
    medianMs: median(samples.map((s) => s.ms)),
    p90Ms: [...samples.map((s) => s.ms)].sort((a, b) => a - b)[Math.floor(samples.length * 0.9)],
    minMs: Math.min(...samples.map((s) => s.ms)),
    medianSqlMs: median(samples.map(sqlOf)),
    medianNodeMs: median(samples.map((s) => s.ms - sqlOf(s))),
    medianLabelsStepMs: median(samples.map((s) => s.labelsMs)),
    meanNodeCpuMs: samples.reduce((a, s) => a + s.nodeCpuMs, 0) / samples.length,
    meanPgCpuMs: samples.reduce((a, s) => a + s.pgCpuMs, 0) / samples.length,
    byStatementMedianMs: byStatement,
  };
}

/** With PG_STAT=1: per detection statement since the last reset, calls and mean execution / planning ms in the server. */
async function serverTimes(g) {
  if (!PG_STAT) return undefined;
  const su = await g.superuserClient();
  const { rows } = await su.query(`
    SELECT s.query, s.calls::int AS calls, s.total_exec_time AS exec, s.total_plan_time AS plan
    FROM pg_stat_statements s JOIN pg_database db ON db.oid = s.dbid WHERE db.datname = 'granary'`);
  await su.end();
  // pg_stat_statements shows constants as $n: compare with every parameter and constant as '?'.
  const norm = (q) => q.replace(/'(?:[^']|'')*'/g, '?').replace(/\$\d+/g, '?').replace(/\b\d+(\.\d+)?\b/g, '?').replace(/\s+/g, ' ').trim();
  const detection = new Map([...NAMES].filter(([, k]) => k in C).map(([text, k]) => [norm(text), k]));
  const out = {};
  for (const r of rows) {
    const name = detection.get(norm(r.query));
    if (!name) continue;
    const o = (out[name] ||= { calls: 0, execMs: 0, planMs: 0 });
    o.calls += r.calls;
    o.execMs += r.exec;
    o.planMs += r.plan;
  }
  return Object.fromEntries(
    Object.entries(out)
      .map(([k, o]) => [k, { calls: o.calls, meanExecMs: o.execMs / o.calls, meanPlanMs: o.planMs / o.calls }])
      .sort((a, b) => b[1].meanExecMs + b[1].meanPlanMs - a[1].meanExecMs - a[1].meanPlanMs),
  );
}

async function changesOf(g, testId) {
  return (await g.owner.query('SELECT run_id, ordinal, model FROM change WHERE test_id = $1 ORDER BY run_id, ordinal, model', [testId])).rows.map((r) => `${r.run_id}/${r.ordinal}/${r.model}`);
}

async function countsOf(g, testId) {
  return (
    await g.owner.query(
      `SELECT (SELECT count(*) FROM datapoint WHERE test_id = $1)::int AS datapoints,
              (SELECT count(*) FROM change WHERE test_id = $1)::int AS changes,
              (SELECT coalesce(json_object_agg(model, n), '{}') FROM (SELECT model, count(*)::int AS n FROM change WHERE test_id = $1 GROUP BY model) m) AS by_model`,
      [testId],
    )
  ).rows[0];
}

/** EXPLAIN (ANALYZE, BUFFERS) of detection's per-dataset statements, as the pipeline runs them (app role, system roles), rolled back. */
async function explain(g, test) {
  const { variable_id: variableId, fingerprint_hash: hash } = (await g.owner.query('SELECT variable_id, fingerprint_hash FROM series_state WHERE test_id = $1', [test.id])).rows[0];
  const datasetId = (await g.owner.query('SELECT max(id)::int AS id FROM dataset WHERE test_id = $1', [test.id])).rows[0].id;
  const since = (await g.owner.query('SELECT (extract(epoch FROM coalesce(max(time), to_timestamp(0))) * 1000)::float8 AS t FROM change WHERE variable_id = $1 AND fingerprint_hash = $2', [variableId, hash])).rows[0].t;
  const statements = [
    ['TESTS_WITH_PENDING_DETECTION', []],
    ['CLAIM_PENDING_DETECTION', [test.id, 800]],
    ['VARIABLES_OF_TESTS', [[test.id]]],
    ['DATASETS_FOR_DATAPOINTS', [[datasetId]]],
    ['SERIES_STATE', [variableId, hash]],
    ['OUTLIERS_OF_VARIABLE', [variableId]],
    ['SERIES_CHANGES', [variableId, hash]],
    ['SERIES_TAIL', [variableId, hash, since, 120]],
    ['REPOINT_CHANGES', [variableId, hash]],
    ['SAVE_SERIES_STATE', [variableId, test.id, hash, JSON.stringify({}), 0, datasetId]],
    ['SERIES_POINTS (back-fill and recalculation only)', [variableId, hash], 'SERIES_POINTS'],
  ];
  const c = g.owner;
  const out = [];
  for (const [name, params, key = name] of statements) {
    await c.query('BEGIN');
    try {
      await c.query(`SET LOCAL ROLE ${APP_ROLE}`);
      await c.query(`SELECT set_config('granary.user_id', '', true), set_config('granary.roles', $1, true)`, [SYSTEM_ROLES.join(',')]);
      const plan = (await c.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${C[key]}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
      const seqScans = [...plan.matchAll(/Seq Scan on (\w+)[^\n]*?rows=(\d+) loops=(\d+)/g)].map((m) => `${m[1]} (${Number(m[2]) * Number(m[3])} rows)`);
      out.push({ name, ms: Number(/Execution Time: ([\d.]+) ms/.exec(plan)[1]), planningMs: Number((/Planning Time: ([\d.]+) ms/.exec(plan) || [])[1]), seqScans, plan });
    } finally {
      await c.query('ROLLBACK');
    }
  }
  return out;
}

async function main() {
  const machine = H.machineInfo();
  H.printMachine(machine);
  console.log(`SIZES=${SIZES.join(',')} SAMPLES=${SAMPLES} BACKFILLS=${BACKFILLS} EDIVISIVE=${EDIVISIVE ? 1 : 0} RECALCULATE=${RECALCULATE ? 1 : 0} STEADY=${STEADY ? 1 : 0} SEED=${SEED}; load average at start ${load()}\n`);
  const g = await H.startGranary({ apiEnv: { GRANARY_WORKERS: 'false' }, pgSettings: PG_STAT ? { ...H.PG_STAT_SETTINGS, 'pg_stat_statements.track_planning': 'on' } : {}, log });
  log(`API pid ${g.api.pid} at ${g.baseUrl} (GRANARY_WORKERS=false), PostgreSQL pid ${g.postmasterPid}, data in ${g.dataDir}`);
  const sandbox = new Sandbox({ timeoutMs: 1000, memoryMb: 64 });
  // As the API's Db pool does without DATABASE_APP_URL: the owner's URL acting as the app role.
  const pool = instrument(new H.pg.Pool({ connectionString: g.ownerUrl, options: `-c role=${APP_ROLE}`, application_name: 'granary-bench-pipeline', max: 4 }));
  const batchSize = Number(process.env.GRANARY_PIPELINE_BATCH || 200);
  const pipeline = new Pipeline(pool, sandbox, { batchSize, systemRoles: SYSTEM_ROLES, log: (level, message, fields) => level !== 'info' && log(`pipeline ${level}: ${message} ${JSON.stringify(fields ?? {})}`) });
  const result = { benchmark: 'change-detection/pipeline', machine, config: { sizes: SIZES, samples: SAMPLES, steady: STEADY, backfills: BACKFILLS, seed: SEED, conditions: CONDITIONS, shifts: SHIFTS, spikes: [...SPIKES], batchSize }, append: [], backfill: [], recalculation: [], plans: {} };
  try {
    const { admin, apiKey } = await H.setupTeamAndTest(g, 'cd-continuous');
    const tests = [{ name: 'cd-continuous', label: 'relativeDifference + fixedThreshold', conditions: CONDITIONS }];
    if (EDIVISIVE) {
      await H.createTest(g, admin, 'cd-edivisive');
      tests.push({ name: 'cd-edivisive', label: '+ eDivisive', conditions: [...CONDITIONS, EDIVISIVE_CONDITION] });
    }
    await H.setupSchema(g, admin, { uri: SCHEMA_URI, labels: [{ name: 'throughput', extractors: [{ name: 'throughput', jsonpath: '$.throughput', isarray: false }] }] });
    for (const t of tests) {
      t.id = (await g.owner.query('SELECT id FROM test WHERE name = $1', [t.name])).rows[0].id;
      t.count = 0;
      await H.expectStatus(
        H.request(g.baseUrl, 'POST', `/api/alerting/variables?test=${t.id}`, { headers: admin, body: [{ name: 'throughput', labels: ['throughput'], changeDetection: t.conditions }] }),
        [200, 201, 204],
        `variables of ${t.name}`,
      );
    }
    await pipeline.drain(); // the (empty) recalculations the variables filed
    log(`set up: tests ${tests.map((t) => `${t.name} (${t.id})`).join(', ')}; load average ${load()}`);

    // 1. One dataset appended at the end of its series, at each size.
    for (const size of SIZES) {
      for (const t of tests) {
        await fill(g, pipeline, t, size - SAMPLES);
        await g.checkpoint();
        await H.resetStatements(g);
        const meter = othersMeter(g);
        const samples = [];
        for (let k = 0; k < SAMPLES; k++) {
          samples.push(await uploadAndDetect(g, pipeline, t, apiKey, documentAt(t.count)));
          t.count++;
        }
        const usage = meter.stop();
        const s = summarise(samples);
        const row = { test: t.name, models: t.label, points: t.count, ...s, loadAverage1m: usage.loadAverage1m, otherProcessesCpuShare: usage.othersShare, server: await serverTimes(g) };
        result.append.push(row);
        log(
          `${t.name} at ${t.count - SAMPLES + 1}…${t.count} points: detection median ${fmt(s.medianMs, 2)} ms (p90 ${fmt(s.p90Ms, 2)}, min ${fmt(s.minMs, 2)}; SQL ${fmt(s.medianSqlMs, 2)}, Node ${fmt(s.medianNodeMs, 2)}); ` +
            `CPU per dataset: PostgreSQL ${fmt(s.meanPgCpuMs, 2)} + Node ${fmt(s.meanNodeCpuMs, 2)} ms; labels step ${fmt(s.medianLabelsStepMs, 2)} ms; load ${usage.loadAverage1m.start.toFixed(2)}→${usage.loadAverage1m.end.toFixed(2)}, others ${(row.otherProcessesCpuShare * 100).toFixed(0)} % of the CPUs`,
        );
      }
    }
    const counts = {};
    for (const t of tests) {
      counts[t.name] = await countsOf(g, t.id);
      log(`${t.name}: ${JSON.stringify(counts[t.name])}`);
    }
    result.countsAfterAppends = counts;

    // Plans of the per-dataset statements at the largest size.
    await g.owner.query('VACUUM (ANALYZE) datapoint, change, series_state, detection_pending, dataset, label_value');
    for (const t of tests) {
      const plans = await explain(g, t);
      result.plans[t.name] = plans.map(({ name, ms, planningMs, seqScans }) => ({ name, ms, planningMs, seqScans }));
      for (const p of plans) log(`EXPLAIN ANALYZE ${t.name} ${p.name}: execution ${p.ms.toFixed(2)} ms, planning ${fmt(p.planningMs, 2)} ms${p.seqScans.length ? `; sequential scans: ${p.seqScans.join(', ')}` : ''}`);
      if (process.env.PLANS) for (const p of plans) console.log(`\n## ${p.name}\n${p.plan}`);
    }

    // 2. Back-filled datasets: a timeline position among the old points (5 minutes before point k).
    for (const t of tests) {
      for (let b = 1; b <= BACKFILLS; b++) {
        const k = Math.floor((t.count * b) / (BACKFILLS + 1));
        const sample = await uploadAndDetect(g, pipeline, t, apiKey, documentAt(k, BASE_TIME_MS + k * STEP_MS - STEP_MS / 2, 1));
        t.count++;
        const s = summarise([sample]);
        const row = { test: t.name, models: t.label, points: t.count, position: k, ms: sample.ms, sqlMs: s.medianSqlMs, nodeMs: s.medianNodeMs, pgCpuMs: sample.pgCpuMs, nodeCpuMs: sample.nodeCpuMs, byStatementMs: s.byStatementMedianMs, loadAverage1m: os.loadavg()[0] };
        result.backfill.push(row);
        const top = Object.entries(s.byStatementMedianMs).slice(0, 3).map(([n, ms]) => `${n} ${ms.toFixed(1)}`).join(', ');
        log(`${t.name}: back-filled point at position ${k} of ${t.count}: detection ${fmt(sample.ms, 1)} ms (SQL ${fmt(s.medianSqlMs, 1)}: ${top}; Node ${fmt(s.medianNodeMs, 1)}); load ${load()}`);
      }
      // The next append continues from the rebuilt state (fast path again).
      const after = await uploadAndDetect(g, pipeline, t, apiKey, documentAt(t.count));
      t.count++;
      log(`${t.name}: the next appended point after the back-fills: detection ${fmt(after.ms, 2)} ms`);
      result.backfill.push({ test: t.name, models: t.label, points: t.count, position: 'append after the back-fills', ms: after.ms });
    }

    // 3. Full recalculation through the API, drained by this process's pipeline.
    if (RECALCULATE) {
      for (const t of tests) {
        const before = await changesOf(g, t.id);
        await g.checkpoint();
        const sampler = H.startSampler(g.api.pid, g.postmasterPid);
        const t0 = H.now();
        await H.expectStatus(H.request(g.baseUrl, 'POST', `/api/alerting/recalculate?test=${t.id}`, { headers: admin }), [200, 204], 'recalculate');
        const steps = [];
        let finishedAt;
        const poll = (async () => {
          for (;;) {
            const r = await H.expectStatus(H.request(g.baseUrl, 'GET', `/api/alerting/recalculate?test=${t.id}`, { headers: admin }), [200], 'progress');
            const status = JSON.parse(r.body);
            if (status.finished) return (finishedAt = H.now());
            await H.sleep(100);
          }
        })();
        while (finishedAt === undefined) {
          const step = await timed(() => pipeline.step());
          if (step.value) steps.push(step);
          else await H.sleep(20);
        }
        await poll;
        const usage = sampler.stop();
        const wall = (finishedAt - t0) / 1000;
        const finalStep = steps.find((s) => s.statements.has('SERIES_OF_TEST'));
        const chunkSteps = steps.filter((s) => s !== finalStep);
        const after = await changesOf(g, t.id);
        const lost = before.filter((x) => !after.includes(x)).length;
        const gained = after.filter((x) => !before.includes(x)).length;
        const row = {
          test: t.name,
          models: t.label,
          datasets: t.count,
          wallSeconds: wall,
          steps: steps.length,
          chunkStepsSeconds: chunkSteps.reduce((a, s) => a + s.ms, 0) / 1000,
          finalReanalysisSeconds: finalStep ? finalStep.ms / 1000 : null,
          changesBefore: before.length,
          changesAfter: after.length,
          changesOnlyBefore: lost,
          changesOnlyAfter: gained,
          loadAverage1m: usage.loadAverage1m,
          otherProcessesCpuShare: usage.cpuSeconds.others / usage.wallSeconds / os.cpus().length,
          cpuSeconds: { postgres: usage.cpuSeconds.postgres, pipeline: usage.cpuSeconds.bench, api: usage.cpuSeconds.api },
        };
        result.recalculation.push(row);
        log(
          `${t.name}: recalculation of ${t.count} datasets: ${wall.toFixed(2)} s from POST to finished (${steps.length} pipeline steps: chunks ${row.chunkStepsSeconds.toFixed(2)} s, final re-analysis ${fmt(row.finalReanalysisSeconds, 2)} s); ` +
            `CPU: PostgreSQL ${row.cpuSeconds.postgres.toFixed(2)} s, pipeline (this process) ${row.cpuSeconds.pipeline.toFixed(2)} s; changes ${before.length} → ${after.length} (${lost} only before, ${gained} only after); load ${usage.loadAverage1m.start.toFixed(2)}→${usage.loadAverage1m.end.toFixed(2)}`,
        );
      }
    }
    report(result);
    if (RESULTS_FILE) {
      fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
      console.log(`\nwritten to ${RESULTS_FILE}`);
    }
  } finally {
    await pool.end().catch(() => undefined);
    sandbox.dispose();
    await g.stop();
  }
}

function report(r) {
  console.log('\n### Detection of one appended dataset (one detectPending transaction)\n');
  console.log('| models | series length | median ms | p90 ms | SQL / Node ms (medians) | CPU ms: PostgreSQL + Node (means) | labels step ms (not detection) | load 1 min | other processes |');
  console.log('| --- | ---: | ---: | ---: | --- | --- | ---: | --- | ---: |');
  for (const a of r.append) {
    console.log(`| ${a.models} | ${a.points - r.config.samples + 1}…${a.points} | ${fmt(a.medianMs, 2)} | ${fmt(a.p90Ms, 2)} | ${fmt(a.medianSqlMs, 2)} / ${fmt(a.medianNodeMs, 2)} | ${fmt(a.meanPgCpuMs, 1)} + ${fmt(a.meanNodeCpuMs, 1)} | ${fmt(a.medianLabelsStepMs, 2)} | ${a.loadAverage1m.start.toFixed(1)}→${a.loadAverage1m.end.toFixed(1)} | ${(a.otherProcessesCpuShare * 100).toFixed(0)} % |`);
  }
  console.log('\nMedian ms per statement of the detection transaction (smallest and largest size):\n');
  const models = [...new Set(r.append.map((a) => a.models))];
  for (const m of models) {
    const rows = r.append.filter((a) => a.models === m);
    const [lo, hi] = [rows[0], rows[rows.length - 1]];
    const names = Object.keys(hi.byStatementMedianMs);
    console.log(`${m}: ${names.map((n) => `${n} ${fmt(lo.byStatementMedianMs[n] ?? 0, 2)}→${fmt(hi.byStatementMedianMs[n], 2)}`).join(', ')}`);
    if (hi.server) {
      const sn = Object.keys(hi.server);
      const cell = (a, n) => (a.server[n] ? `${fmt(a.server[n].meanExecMs, 2)}+${fmt(a.server[n].meanPlanMs, 2)}` : '–');
      console.log(`  in the server (pg_stat_statements, mean execution+planning ms per call, smallest→largest size): ${sn.map((n) => `${n} ${cell(lo, n)}→${cell(hi, n)}`).join(', ')}`);
    }
  }
  console.log('\n### Back-filled datasets\n');
  console.log('| models | series length | position | detection ms | SQL / Node ms |');
  console.log('| --- | ---: | --- | ---: | --- |');
  for (const b of r.backfill) console.log(`| ${b.models} | ${b.points} | ${b.position} | ${fmt(b.ms, 1)} | ${b.sqlMs === undefined ? '' : `${fmt(b.sqlMs, 1)} / ${fmt(b.nodeMs, 1)}`} |`);
  if (r.recalculation.length > 0) {
    console.log('\n### POST /api/alerting/recalculate\n');
    console.log('| models | datasets | wall s (POST → finished) | datapoint chunks s | final re-analysis s | changes before → after | load 1 min | other processes |');
    console.log('| --- | ---: | ---: | ---: | ---: | --- | --- | ---: |');
    for (const x of r.recalculation) {
      console.log(`| ${x.models} | ${x.datasets} | ${x.wallSeconds.toFixed(2)} | ${x.chunkStepsSeconds.toFixed(2)} | ${fmt(x.finalReanalysisSeconds, 2)} | ${x.changesBefore} → ${x.changesAfter} (${x.changesOnlyBefore} only before, ${x.changesOnlyAfter} only after) | ${x.loadAverage1m.start.toFixed(1)}→${x.loadAverage1m.end.toFixed(1)} | ${(x.otherProcessesCpuShare * 100).toFixed(0)} % |`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
