// See README.md. Quality of the change detection models on synthetic series, on the annotated
// performance series (Apache Otava, MongoDB) and on TCPD, with TCPDBench's F1 (margin 5).
//
//   node bench/change-detection/evaluate.cjs            report for the defaults (Markdown on stdout)
//   node bench/change-detection/evaluate.cjs --grid     also the e-divisive parameter grid used to choose them
//   node bench/change-detection/evaluate.cjs --json out.json   also write every figure as JSON
//
// Needs the built package: npx tsc -p packages/change-detection/tsconfig.build.json
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'packages/change-detection/dist');
const cd = require(DIST);
const { syntheticScenarios } = require(path.join(DIST, 'testing/synthetic-series.js'));
// The shared data lives beside the repository (../shared), as in CI.
const DATA = process.env.CHANGEPOINT_DATA || path.resolve(__dirname, '../../../shared/data/changepoint');
const MARGIN = 5;
const DAY_MS = 86_400_000;

const args = process.argv.slice(2);
const wantGrid = args.includes('--grid');
const wantDesign = args.includes('--design');
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;

// ---------------------------------------------------------------- data
const readJson = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));

/** TCPD format → Series (null values skipped; point id = original index). */
function loadTcpdFormat(file) {
  const doc = readJson(file);
  const raw = doc.series[0].raw;
  const points = [];
  raw.forEach((v, i) => {
    if (v !== null && Number.isFinite(v)) points.push({ id: i, time: i * DAY_MS, value: v });
  });
  return { name: doc.name, n: raw.length, points };
}

function perfSets() {
  const dir = path.join(DATA, 'perf');
  const annotations = readJson(path.join(dir, 'annotations.json'));
  const outliers = readJson(path.join(dir, 'outliers.json'));
  const fixtures = readJson(path.join(dir, 'fixtures.json'));
  const annotated = Object.keys(annotations).map((name) => ({
    ...loadTcpdFormat(path.join(dir, `${name}.json`)),
    annotations: annotations[name],
    // Known single-point outliers, for counting alarms on them; never shown to the models.
    outlierIndices: outliers[name] || [],
  }));
  const counted = fixtures
    .filter((f) => f.expected_count !== undefined)
    .map((f) => ({ ...loadTcpdFormat(path.join(dir, `${f.series}.json`)), expectedCount: f.expected_count, params: f.params }));
  return { annotated, counted };
}

function tcpdSet() {
  const dir = path.join(DATA, 'tcpd');
  const annotations = readJson(path.join(dir, 'annotations.json'));
  const means = readJson(path.join(DATA, 'reference/tcpdbench/published_means.json'));
  const names = means.sets.univariate_redistributable;
  return {
    series: names.map((name) => ({ ...loadTcpdFormat(path.join(dir, `${name}.json`)), annotations: annotations[name] })),
    published: means.methods,
  };
}

/**
 * 24 series of 500 points without any change: Gaussian noise (1 %) with a 50 % spike every 97 points,
 * heavy-tailed noise (Student's t, 3 degrees of freedom, scale 1 %), and bimodal noise (100 or 110 at
 * random, plus 0.5 %).
 */
function noiseSet() {
  const { gaussian } = require(path.join(DIST, 'testing/synthetic-series.js'));
  const kinds = {
    spiky: (g, i) => 100 * (1 + 0.01 * g()) * (i % 97 === 96 ? 1.5 : 1),
    heavy: (g) => 100 * (1 + (0.01 * g()) / Math.sqrt((g() ** 2 + g() ** 2 + g() ** 2) / 3)),
    bimodal: (g) => (g() > 0 ? 100 : 110) * (1 + 0.005 * g()),
  };
  return Object.entries(kinds).flatMap(([kind, make], j) =>
    Array.from({ length: 8 }, (_, k) => {
      const g = gaussian(1000 + 100 * j + k);
      const points = Array.from({ length: 500 }, (_, i) => ({ id: i, time: i * DAY_MS, value: make(g, i) }));
      return { name: `${kind}-${k}`, n: 500, points };
    }),
  );
}

// ---------------------------------------------------------------- metrics (TCPDBench, analysis/scripts/metrics.py)
/** Annotated changes matched by predictions within `margin`, each prediction used once (closest first). */
function truePositives(truth, predictions, margin) {
  const left = new Set(predictions);
  let tp = 0;
  for (const t of [...truth].sort((a, b) => a - b)) {
    let best;
    for (const x of left) {
      const d = Math.abs(t - x);
      if (d <= margin && (best === undefined || d < best.d || (d === best.d && x < best.x))) best = { d, x };
    }
    if (best) {
      tp++;
      left.delete(best.x);
    }
  }
  return tp;
}

/** TCPDBench F1: 0 added to every set, precision against the union, recall averaged over annotators. */
function f1Score(annotations, predictions, n) {
  const cleaned = [...new Set(predictions)].filter((x) => x >= 1 && x <= n - 2);
  const X = new Set([0, ...cleaned]);
  const sets = Object.values(annotations).map((a) => new Set([0, ...a]));
  const union = new Set(sets.flatMap((s) => [...s]));
  const precision = truePositives(union, X, MARGIN) / X.size;
  const recall = sets.reduce((acc, s) => acc + truePositives(s, X, MARGIN) / s.size, 0) / sets.length;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** One-to-one counts against a single truth: true changes found, false alarms, alarms on outliers. */
function counts(truth, predictions, outliers = []) {
  const tp = truePositives(truth, predictions, MARGIN);
  const fp = predictions.length - tp;
  const unmatched = predictions.filter((x) => !truth.some((t) => Math.abs(t - x) <= MARGIN));
  const onOutliers = unmatched.filter((x) => outliers.some((o) => x === o || x === o + 1)).length;
  return { truth: truth.length, tp, fp, onOutliers };
}

// ---------------------------------------------------------------- running the models
/** All changes of one pass over the whole series (continuous models walk it; eDivisive sees it once). */
function batch(series, conditions) {
  // Several conditions may flag the same point; a point counts once.
  return [...new Set(cd.detectChanges({ points: series.points }, conditions).map((c) => Number(c.pointId)))];
}

/**
 * Online: the series arrives one point at a time; each call analyses the newest point with the history
 * since the last change, and every change found becomes a known change (what Granary does in production).
 */
function online(series, conditions, delays) {
  const known = [];
  let segmentStart = 0;
  const found = [];
  for (let i = 0; i < series.points.length; i++) {
    const points = series.points.slice(segmentStart, i + 1);
    const changes = cd.detectChanges({ points, changes: known }, conditions, { from: points.length - 1 });
    for (const c of changes) {
      const at = segmentStart + c.index;
      if (!found.includes(at)) {
        found.push(at);
        known.push(c.pointId);
        if (delays) delays.set(Number(series.points[at].id), i - at);
      }
    }
    if (changes.length > 0) segmentStart = Math.max(...found);
  }
  return found.sort((a, b) => a - b).map((i) => Number(series.points[i].id));
}

const summary = (r) => ({ perfF1: r.perfF1, tcpdF1: r.tcpdF1, tp: r.tp, fp: r.fp, truth: r.truth, falsePer1000: r.falsePer1000, delay: r.delay, seconds: r.seconds });
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const fmt = (x, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

function evaluate(conditions, mode, sets) {
  const run = mode === 'online' ? online : batch;
  const t0 = process.hrtime.bigint();
  const delays = [];
  const perf = sets.perf.annotated.map((s) => {
    const reported = new Map();
    const predicted = run(s, conditions, reported);
    const truth = Object.values(s.annotations)[0];
    // Points that followed a true change when it was reported (online only).
    for (const t of truth) {
      const hit = predicted.find((x) => Math.abs(x - t) <= MARGIN);
      if (hit !== undefined && reported.has(hit)) delays.push(reported.get(hit) + (hit - t));
    }
    return { name: s.name, predicted, f1: f1Score(s.annotations, predicted, s.n), ...counts(truth, predicted, s.outlierIndices) };
  });
  const tcpd = sets.tcpd
    ? sets.tcpd.series.map((s) => {
        const predicted = run(s, conditions);
        return { name: s.name, predicted, f1: f1Score(s.annotations, predicted, s.n) };
      })
    : [];
  const noiseAlarms = sets.noise ? sets.noise.reduce((a, s) => a + run(s, conditions).length, 0) : NaN;
  const noisePoints = sets.noise ? sets.noise.reduce((a, s) => a + s.n, 0) : NaN;
  const counted = sets.counted
    ? sets.counted.map((s) => ({ name: s.name, found: run(s, conditions).length, expected: s.expectedCount }))
    : [];
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const sum = (k) => perf.reduce((a, r) => a + r[k], 0);
  return {
    perf,
    tcpd,
    counted,
    seconds,
    falsePer1000: (1000 * noiseAlarms) / noisePoints,
    delay: mean(delays),
    perfF1: mean(perf.map((r) => r.f1)),
    tcpdF1: mean(tcpd.map((r) => r.f1)),
    tp: sum('tp'),
    fp: sum('fp'),
    truth: sum('truth'),
    onOutliers: sum('onOutliers'),
  };
}

// ---------------------------------------------------------------- reports
const E = cd.EDIVISIVE_DEFAULTS;
const horreum = cd.horreumDefaultConditions();
const MODELS = [
  // Continuous models are online by nature: the walk of a batch run gives the same changes.
  { label: 'relativeDifference w1 t0.2 p5 (Horreum default 1)', conditions: [horreum[0]], mode: 'online' },
  { label: 'relativeDifference w5 t0.1 p5 (Horreum default 2)', conditions: [horreum[1]], mode: 'online' },
  { label: 'both Horreum defaults together', conditions: horreum, mode: 'online' },
  { label: `eDivisive defaults, batch`, conditions: [{ model: 'eDivisive', config: E }], mode: 'batch' },
  { label: `eDivisive defaults, online`, conditions: [{ model: 'eDivisive', config: E }], mode: 'online' },
];

function syntheticTable() {
  const rows = [];
  const columns = [
    { label: 'relDiff w1 t0.2', conditions: () => [horreum[0]] },
    { label: 'relDiff w5 t0.1', conditions: () => [horreum[1]] },
    {
      label: 'fixedThreshold ±10 %',
      conditions: (s) => [
        { model: 'fixedThreshold', config: { min: { enabled: true, inclusive: true, value: s.band.min }, max: { enabled: true, inclusive: true, value: s.band.max } } },
      ],
    },
    { label: 'eDivisive batch', conditions: () => [{ model: 'eDivisive', config: E }] },
    { label: 'eDivisive online', conditions: () => [{ model: 'eDivisive', config: E }], mode: 'online' },
  ];
  const totals = columns.map(() => ({ tp: 0, fp: 0, truth: 0 }));
  for (const s of syntheticScenarios()) {
    const cells = columns.map((col, k) => {
      const series = { points: s.points };
      const predicted = (col.mode === 'online' ? online : batch)(series, col.conditions(s));
      const c = counts(s.changes, predicted, s.outliers);
      totals[k].tp += c.tp;
      totals[k].fp += c.fp;
      totals[k].truth += c.truth;
      return `${c.tp}/${c.truth} · ${c.fp}`;
    });
    rows.push(`| ${s.name} (${s.description}) | ${cells.join(' | ')} |`);
  }
  return [
    `| scenario | ${columns.map((c) => c.label).join(' | ')} |`,
    `|---|${columns.map(() => '---').join('|')}|`,
    ...rows,
    `| **total** (found/true · false) | ${totals.map((t) => `**${t.tp}/${t.truth} · ${t.fp}**`).join(' | ')} |`,
  ].join('\n');
}

const P_VALUES = [
  [0.001, 999],
  [0.005, 199],
  [0.005, 999],
  [0.01, 199],
  [0.01, 999],
  [0.05, 199],
];

function gridRows(sets) {
  const out = [];
  for (const window of [30, 50, 100]) {
    for (const minSegmentSize of [2, 3, 5]) {
      for (const [maxPValue, permutations] of P_VALUES) {
        const config = { ...E, window, minSegmentSize, maxPValue, permutations };
        const conditions = [{ model: 'eDivisive', config }];
        const b = evaluate(conditions, 'batch', sets);
        const o = evaluate(conditions, 'online', sets);
        out.push({ config, batch: b, online: o });
        process.stderr.write(`grid w${window} m${minSegmentSize} p${maxPValue} P${permutations}: perf ${fmt(b.perfF1)}/${fmt(o.perfF1)} tcpd ${fmt(b.tcpdF1)}/${fmt(o.tcpdF1)} noise ${fmt(b.falsePer1000, 2)}/${fmt(o.falsePer1000, 2)} delay ${fmt(o.delay, 1)}\n`);
      }
    }
  }
  return out;
}

/**
 * Design variants of the e-divisive phases, at the default parameters. The package reads its tuning
 * from the exported DEFAULT_TUNING object; this script swaps its fields (and nothing else does).
 */
function designRows(sets) {
  const tuning = require(path.join(DIST, 'e-divisive.js')).DEFAULT_TUNING;
  const original = { ...tuning };
  const variants = [
    { label: `chosen: ${JSON.stringify(original)}`, change: {} },
    { label: 'candidates at 10 × p (as Hunter)', change: { splitPValueFactor: 10 } },
    { label: 'confirmation context ½ window per side', change: { mergeContextWindows: 0.5 } },
    { label: 'confirmation context = whole neighbouring segments (as Hunter)', change: { mergeContextWindows: 1e9 } },
    { label: 'confirmation by q̂ at the candidate (fixed split)', change: { mergeStatistic: 'fixed' } },
    { label: 'no confirmation (candidates only)', change: { mergeStatistic: 'none' } },
  ];
  const out = [];
  for (const v of variants) {
    Object.assign(tuning, original, v.change);
    const conditions = [{ model: 'eDivisive', config: E }];
    out.push({ label: v.label, batch: evaluate(conditions, 'batch', sets), online: evaluate(conditions, 'online', sets) });
    process.stderr.write(`design ${v.label} done\n`);
  }
  Object.assign(tuning, original);
  return out;
}

function main() {
  const { annotated, counted } = perfSets();
  const tcpd = tcpdSet();
  const sets = { perf: { annotated, counted }, tcpd, noise: noiseSet() };
  const json = { defaults: E, models: [], grid: [] };
  const lines = [];
  lines.push(`# Change detection quality (${new Date().toISOString().slice(0, 10)})`, '');
  lines.push(`eDivisive defaults: ${JSON.stringify(E)}. F1: TCPDBench's, margin ${MARGIN}. Counts: margin ${MARGIN}, one-to-one.`, '');

  lines.push('## Synthetic series: true changes found / true changes · false alarms', '', syntheticTable(), '');

  lines.push('## Annotated performance series (12) and TCPD univariate (25)', '');
  lines.push('| model | perf F1 | perf found/true · false (on outliers) | TCPD F1 | false alarms / 1000 points of noise | delay (points) | seconds |', '|---|---|---|---|---|---|---|');
  const results = [];
  for (const m of MODELS) {
    const r = evaluate(m.conditions, m.mode || 'batch', { ...sets, counted: sets.perf.counted });
    results.push({ m, r });
    json.models.push({ label: m.label, conditions: m.conditions, mode: m.mode || 'batch', ...r });
    lines.push(`| ${m.label} | ${fmt(r.perfF1)} | ${r.tp}/${r.truth} · ${r.fp} (${r.onOutliers}) | ${fmt(r.tcpdF1)} | ${fmt(r.falsePer1000, 2)} | ${fmt(r.delay, 1)} | ${fmt(r.seconds, 1)} |`);
  }
  lines.push('', 'Published TCPDBench means on the same 25 series (default parameters, F1): ');
  const pub = Object.entries(tcpd.published)
    .map(([method, v]) => [method, v.default?.univariate_redistributable?.f1])
    .filter(([, f]) => f !== undefined)
    .sort((a, b) => b[1] - a[1]);
  lines.push(pub.map(([m, f]) => `${m} ${fmt(f)}`).join(', ') + '.', '');

  lines.push('### Per series (predicted change indices)', '');
  lines.push(`| series | truth | ${results.map((x) => x.m.label.replace(/ \(.*\)/, '')).join(' | ')} |`);
  lines.push(`|---|---|${results.map(() => '---').join('|')}|`);
  for (let i = 0; i < annotated.length; i++) {
    const s = annotated[i];
    lines.push(`| ${s.name} | ${JSON.stringify(Object.values(s.annotations)[0])} | ${results.map((x) => `${JSON.stringify(x.r.perf[i].predicted)}`).join(' | ')} |`);
  }
  lines.push('', '| MongoDB profiling series | points | MongoDB e_divisive count (p 0.01, 100 perm.) | ' + results.slice(3).map((x) => x.m.label).join(' | ') + ' |');
  lines.push(`|---|---|---|${results.slice(3).map(() => '---').join('|')}|`);
  counted.forEach((s, i) => {
    lines.push(`| ${s.name} | ${s.n} | ${s.expectedCount} | ${results.slice(3).map((x) => x.r.counted[i].found).join(' | ')} |`);
  });
  lines.push('', '| TCPD series | ' + results.map((x) => x.m.label.replace(/ \(.*\)/, '')).join(' | ') + ' |');
  lines.push(`|---|${results.map(() => '---').join('|')}|`);
  tcpd.series.forEach((s, i) => lines.push(`| ${s.name} | ${results.map((x) => fmt(x.r.tcpd[i].f1)).join(' | ')} |`));

  if (wantDesign) {
    lines.push('', '## eDivisive design variants (default parameters)', '');
    lines.push('| variant | perf F1 batch / online | perf false batch / online | TCPD F1 batch / online | noise false alarms / 1000 points, batch / online | online delay (points) | seconds |', '|---|---|---|---|---|---|---|');
    for (const { label, batch: b, online: o } of designRows(sets)) {
      json.design = json.design || [];
      json.design.push({ label, batch: summary(b), online: summary(o) });
      lines.push(`| ${label} | ${fmt(b.perfF1)} / ${fmt(o.perfF1)} | ${b.fp} / ${o.fp} | ${fmt(b.tcpdF1)} / ${fmt(o.tcpdF1)} | ${fmt(b.falsePer1000, 2)} / ${fmt(o.falsePer1000, 2)} | ${fmt(o.delay, 1)} | ${fmt(b.seconds + o.seconds, 1)} |`);
    }
  }
  if (wantGrid) {
    lines.push('', '## eDivisive parameter grid (one setting for all series)', '');
    lines.push('| window | minSegmentSize | maxPValue | permutations | perf F1 batch / online | perf false batch / online | TCPD F1 batch / online | noise false alarms / 1000 points, batch / online | online delay (points) | seconds |', '|---|---|---|---|---|---|---|---|---|---|');
    for (const { config, batch: b, online: o } of gridRows(sets)) {
      json.grid.push({ config, batch: summary(b), online: summary(o) });
      lines.push(`| ${config.window} | ${config.minSegmentSize} | ${config.maxPValue} | ${config.permutations} | ${fmt(b.perfF1)} / ${fmt(o.perfF1)} | ${b.fp} / ${o.fp} | ${fmt(b.tcpdF1)} / ${fmt(o.tcpdF1)} | ${fmt(b.falsePer1000, 2)} / ${fmt(o.falsePer1000, 2)} | ${fmt(o.delay, 1)} | ${fmt(b.seconds + o.seconds, 1)} |`);
    }
  }
  console.log(lines.join('\n'));
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(json, null, 1));
}

main();
