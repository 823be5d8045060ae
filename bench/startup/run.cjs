// See README.md. Prints a Markdown table of medians over BENCH_REPEATS runs.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const LAUNCHER = path.join(ROOT, 'apps/launcher/dist/main.js');
const REPEATS = Number(process.env.BENCH_REPEATS || 3);

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function waitReady(url, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`${url}/api/health/ready`);
      if (r.status === 200) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('not ready in time');
}

async function start(dataDir) {
  const port = await freePort();
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, [LAUNCHER], {
    env: { ...process.env, GRANARY_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, 180_000);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { child, url, seconds, stderr: () => stderr };
}

async function stop(child) {
  const t0 = process.hrtime.bigint();
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGINT');
  await exited;
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function descendants(pid) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {}
  }
  const out = [];
  const walk = (p) => {
    for (const c of children.get(p) || []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

function rssMiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function cmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** RSS by component: launcher, API, UI, PostgreSQL (postmaster and its backends). */
function memory(launcherPid, dataDir) {
  const result = { launcher: rssMiB(launcherPid), api: 0, ui: 0, postgres: 0 };
  for (const pid of descendants(launcherPid)) {
    const cmd = cmdline(pid);
    if (cmd.includes('apps/api/dist/main.js')) result.api += rssMiB(pid);
    else if (cmd.includes('next')) result.ui += rssMiB(pid) + descendants(pid).reduce((s, p) => s + rssMiB(p), 0);
  }
  const postmaster = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  result.postgres = rssMiB(postmaster) + descendants(postmaster).reduce((s, p) => s + rssMiB(p), 0);
  return result;
}

async function latency(url, total = 500, concurrency = 8) {
  for (let i = 0; i < 50; i++) await (await fetch(url)).arrayBuffer();
  const times = [];
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const s = process.hrtime.bigint();
        const r = await fetch(url);
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`${url} answered ${r.status}`);
        times.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { p50: percentile(times, 50), p95: percentile(times, 95), rps: total / seconds };
}

async function seedTests(dataDir) {
  const pg = require(require.resolve('pg', { paths: [path.join(ROOT, 'packages/db')] }));
  const creds = JSON.parse(fs.readFileSync(path.join(dataDir, 'credentials.json'), 'utf8'));
  const port = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]);
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'granary_owner', password: creds.ownerPassword, database: 'granary' });
  await client.connect();
  await client.query("INSERT INTO team (name) VALUES ('perf-team') ON CONFLICT DO NOTHING");
  await client.query(
    "INSERT INTO test (name, description, owner, access, updated_at) SELECT 'bench-' || i, 'benchmark test ' || i, 'perf-team', 'PUBLIC', now() FROM generate_series(1, 20) i ON CONFLICT DO NOTHING",
  );
  await client.end();
}

async function main() {
  if (!fs.existsSync(LAUNCHER)) throw new Error('build first: npm run build');
  const rows = { cold: [], warm: [], stop: [], mem: [], list: [], ready: [] };
  for (let i = 0; i < REPEATS; i++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'granary-bench-'));
    try {
      const cold = await start(dataDir);
      rows.cold.push(cold.seconds);
      rows.stop.push(await stop(cold.child));
      const warm = await start(dataDir);
      rows.warm.push(warm.seconds);
      await new Promise((r) => setTimeout(r, 2000)); // let start-up garbage settle
      rows.mem.push(memory(warm.child.pid, dataDir));
      await seedTests(dataDir);
      rows.list.push(await latency(`${warm.url}/api/test?limit=20`));
      rows.ready.push(await latency(`${warm.url}/api/health/ready`));
      rows.stop.push(await stop(warm.child));
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const mem = (k) => median(rows.mem.map((m) => m[k])).toFixed(0);
  const total = median(rows.mem.map((m) => m.launcher + m.api + m.ui + m.postgres)).toFixed(0);
  const lat = (xs, k, d = 1) => median(xs.map((x) => x[k])).toFixed(d);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`);
  console.log(`date: ${new Date().toISOString().slice(0, 10)}; median of ${REPEATS} run(s)\n`);
  console.log('| measure | value |');
  console.log('| --- | --- |');
  console.log(`| cold start to ready (new data directory) | ${median(rows.cold).toFixed(2)} s |`);
  console.log(`| warm start to ready (existing data) | ${median(rows.warm).toFixed(2)} s |`);
  console.log(`| stop on SIGINT | ${median(rows.stop).toFixed(2)} s |`);
  console.log(`| RSS at rest: launcher / API / UI / PostgreSQL | ${mem('launcher')} / ${mem('api')} / ${mem('ui')} / ${mem('postgres')} MiB |`);
  console.log(`| RSS at rest, total | ${total} MiB |`);
  console.log(`| GET /api/test?limit=20 (20 tests), c=8: p50 / p95 / throughput | ${lat(rows.list, 'p50')} / ${lat(rows.list, 'p95')} ms / ${lat(rows.list, 'rps', 0)} req/s |`);
  console.log(`| GET /api/health/ready, c=8: p50 / p95 / throughput | ${lat(rows.ready, 'p50')} / ${lat(rows.ready, 'p95')} ms / ${lat(rows.ready, 'rps', 0)} req/s |`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
