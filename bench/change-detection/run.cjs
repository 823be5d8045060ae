// See README.md. Speed of change detection: e-divisive over 1,000 and 10,000 points, and the cost of
// detecting on one new point as the history grows (100 … 100,000 points).
// Needs the built package: npx tsc -p packages/change-detection/tsconfig.build.json
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'packages/change-detection/dist');
const cd = require(DIST);
const { gaussian } = require(path.join(DIST, 'testing/synthetic-series.js'));
// The shared data lives beside the repository (../shared), as in CI.
const DATA = process.env.CHANGEPOINT_DATA || path.resolve(__dirname, '../../../shared/data/changepoint');
const REPEATS = Number(process.env.BENCH_REPEATS || 5);
const DAY_MS = 86_400_000;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (fn) => {
  const t0 = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, result };
};
const toPoints = (values) => values.map((value, i) => ({ id: i, time: i * DAY_MS, value }));

/** Noise (2 %) around levels that shift by up to ±15 % every `every` points (none when every = 0). */
function synthetic(n, every, seed) {
  const g = gaussian(seed);
  const shift = gaussian(seed + 1);
  let level = 100;
  return Array.from({ length: n }, (_, i) => {
    if (every > 0 && i > 0 && i % every === 0) level *= 1 + 0.15 * Math.tanh(shift());
    return level * (1 + 0.02 * g());
  });
}

function machine() {
  const cpus = os.cpus();
  return [
    `- date: ${new Date().toISOString()}`,
    `- CPU: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} (available parallelism ${os.availableParallelism?.() ?? cpus.length})`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`,
    `- Node ${process.version} on ${os.platform()} ${os.release()} (${os.arch()})`,
    `- repeats: ${REPEATS} (median reported)`,
  ].join('\n');
}

function eDivisiveTable() {
  const config = cd.EDIVISIVE_DEFAULTS;
  const cases = [];
  for (const n of [1_000, 10_000]) {
    cases.push({ label: `noise only, ${n.toLocaleString('en')} points`, values: synthetic(n, 0, 1) });
    cases.push({ label: `a shift every 200 points, ${n.toLocaleString('en')} points`, values: synthetic(n, 200, 2) });
    cases.push({ label: `a shift every 50 points, ${n.toLocaleString('en')} points`, values: synthetic(n, 50, 3) });
  }
  const huge = path.join(DATA, 'perf/mongodb_profiling_huge.json');
  if (fs.existsSync(huge)) {
    const values = JSON.parse(fs.readFileSync(huge, 'utf8')).series[0].raw;
    cases.push({ label: `MongoDB profiling "huge" (real, ${values.length.toLocaleString('en')} points)`, values });
    const doubled = [...values, ...values.map((v) => v * 1.1)];
    cases.push({ label: `"huge" twice, second copy +10 % (${doubled.length.toLocaleString('en')} points)`, values: doubled });
  }
  cd.findEDivisiveChangePoints(synthetic(2_000, 100, 4), config); // warm-up
  const rows = [
    `e-divisive with the defaults ${JSON.stringify(config)}, whole series in one call.`,
    '',
    '| series | changes found | first run (ms) | median (ms) |',
    '|---|---|---|---|',
  ];
  for (const c of cases) {
    const times = [];
    let found = 0;
    for (let r = 0; r < REPEATS; r++) {
      const { ms: t, result } = ms(() => cd.findEDivisiveChangePoints(c.values, config));
      times.push(t);
      found = result.length;
    }
    rows.push(`| ${c.label} | ${found} | ${times[0].toFixed(0)} | ${median(times).toFixed(0)} |`);
  }
  return rows.join('\n');
}

function incrementalTable() {
  const [w1, w5] = cd.horreumDefaultConditions();
  const fixed = {
    model: 'fixedThreshold',
    config: { min: { enabled: true, inclusive: true, value: 50 }, max: { enabled: true, inclusive: true, value: 150 } },
  };
  const models = [
    { label: 'relativeDifference w1', conditions: [w1] },
    { label: 'relativeDifference w5', conditions: [w5] },
    { label: 'fixedThreshold', conditions: [fixed] },
  ];
  const PUSHES = 10_000;
  const rows = [
    'History = points since the last change (a series without change: 1 % noise, no alert). ',
    `SeriesDetector.push: mean over ${PUSHES.toLocaleString('en')} new points after the history; ` +
      'detectChanges(…, { from: n − 1 }): one call for the newest point, without saved state (one pass over the history).',
    '',
    '| model | history (points) | SeriesDetector.push (µs / point) | detectChanges from n − 1 (µs / call) |',
    '|---|---|---|---|',
  ];
  // Warm-up, so that the first measured model does not pay for the JIT.
  for (const m of models) {
    const points = toPoints(synthetic(12_000, 0, 8).map((v) => v / 2 + 50));
    const detector = cd.SeriesDetector.create(m.conditions, { points: points.slice(0, 1_000) });
    for (let i = 1_000; i < points.length; i++) detector.push(points[i]);
    cd.detectChanges({ points: points.slice(0, 5_000) }, m.conditions, { from: 4_999 });
  }
  for (const m of models) {
    for (const n of [100, 1_000, 10_000, 100_000]) {
      const values = synthetic(n + PUSHES, 0, 7).map((v) => v / 2 + 50); // 1 % noise around 100
      const points = toPoints(values);
      const history = points.slice(0, n);
      const pushTimes = [];
      const callTimes = [];
      for (let r = 0; r < REPEATS; r++) {
        const detector = cd.SeriesDetector.create(m.conditions, { points: history });
        let alerts = 0;
        const t = ms(() => {
          for (let i = n; i < n + PUSHES; i++) alerts += detector.push(points[i]).length;
        });
        if (alerts > 0) throw new Error(`unexpected alert in ${m.label}`);
        pushTimes.push((1000 * t.ms) / PUSHES);
        const series = { points: points.slice(0, n + 1) };
        callTimes.push(1000 * ms(() => cd.detectChanges(series, m.conditions, { from: n })).ms);
      }
      rows.push(`| ${m.label} | ${n.toLocaleString('en')} | ${median(pushTimes).toFixed(2)} | ${median(callTimes).toFixed(0)} |`);
    }
  }
  return rows.join('\n');
}

function stateTable() {
  const [, w5] = cd.horreumDefaultConditions();
  const rows = ['| history (points) | saved state (bytes of JSON) | restore + push + save (µs) |', '|---|---|---|'];
  for (const n of [100, 100_000]) {
    const points = toPoints(synthetic(n + 1, 0, 9).map((v) => v / 2 + 50));
    const state = cd.SeriesDetector.create([w5], { points: points.slice(0, n) }).toState();
    const json = JSON.stringify(state);
    const times = [];
    for (let r = 0; r < 200; r++) {
      times.push(
        1000 *
          ms(() => {
            const d = cd.SeriesDetector.restore(JSON.parse(json), [w5]);
            d.push(points[n]);
            return JSON.stringify(d.toState());
          }).ms,
      );
    }
    rows.push(`| ${n.toLocaleString('en')} | ${json.length} | ${median(times).toFixed(1)} |`);
  }
  return rows.join('\n');
}

console.log('### Machine\n');
console.log(machine());
console.log('\n### e-divisive\n');
console.log(eDivisiveTable());
console.log('\n### Incremental detection: cost of one new point as the history grows\n');
incrementalTable(); // a full first pass as warm-up (JIT, heap sizing); the second is reported
console.log(incrementalTable());
console.log('\n### Saved detector state (relativeDifference w5)\n');
console.log(stateTable());
