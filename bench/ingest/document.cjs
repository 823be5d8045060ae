// The benchmark's results documents and the labels over them (shared with bench/recalc).
// Documents look like a load test's output: build, environment, configuration, per-endpoint
// metrics with percentiles, phases, GC pauses and a time series of samples, about 20 KB of JSON.
// Values vary per run from a seeded PRNG, so a rerun uploads exactly the same documents.

const SCHEMA_URI = 'urn:bench:1.0';

/** mulberry32: small, fast, good enough for test data; same seed, same sequence. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ENDPOINTS = ['checkout', 'search', 'login', 'cart', 'catalog', 'profile', 'orders', 'payments', 'inventory', 'recommendations', 'reviews', 'shipping'];
const SCENARIOS = ['steady-load', 'spike', 'soak', 'stress'];
const ENVIRONMENTS = ['perf-lab-a', 'perf-lab-b', 'ci-cloud'];
const PHASES = ['warmup', 'ramp-up', 'steady', 'spike', 'cool-down'];
const SAMPLES = 225;
const BASE_TIME_MS = Date.UTC(2026, 0, 1);

const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const pick = (rand, xs) => xs[Math.floor(rand() * xs.length)];
const hex = (rand, n) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');

/** Run `i`'s document (deterministic in `i` and `seed`). */
function makeDocument(i, seed = 42) {
  const rand = prng(seed * 1_000_003 + i);
  const start = BASE_TIME_MS + i * 600_000;
  const durationS = 300 + Math.floor(rand() * 60);
  const scale = 0.8 + rand() * 0.4;
  const metrics = {};
  for (const [k, name] of ENDPOINTS.entries()) {
    const base = (5 + k * 3) * scale;
    const p50 = base * (0.9 + rand() * 0.2);
    metrics[name] = {
      throughput: round((2000 - k * 120) * scale * (0.9 + rand() * 0.2), 1),
      errors: Math.floor(rand() * 20),
      latency: {
        mean: round(p50 * 1.1),
        p50: round(p50),
        p75: round(p50 * 1.3),
        p90: round(p50 * 1.7),
        p95: round(p50 * 2.1),
        p99: round(p50 * (3 + rand())),
        p999: round(p50 * (6 + rand() * 2)),
        max: round(p50 * (10 + rand() * 10)),
      },
      bytes: { in: Math.floor(rand() * 1e9), out: Math.floor(rand() * 5e9) },
      status: { 200: Math.floor(rand() * 1e6), 404: Math.floor(rand() * 100), 500: Math.floor(rand() * 20) },
    };
  }
  return {
    $schema: SCHEMA_URI,
    start,
    stop: start + durationS * 1000,
    build: { id: 10_000 + i, commit: hex(rand, 40), branch: pick(rand, ['main', 'main', 'main', 'release-2.x']), tag: `v2.${Math.floor(i / 100)}.${i % 100}` },
    environment: {
      name: pick(rand, ENVIRONMENTS),
      host: `perf-${String(Math.floor(rand() * 40)).padStart(2, '0')}.lab.example.com`,
      os: { name: 'Linux', kernel: pick(rand, ['6.8.0-45-generic', '6.11.0-9-generic', '6.18.1']), arch: 'x86_64' },
      cpu: { model: 'AMD EPYC 9454P 48-Core Processor', cores: pick(rand, [16, 32, 48]), mhz: round(2750 + rand() * 1000, 0) },
      memoryGiB: pick(rand, [64, 128, 256]),
      jvm: {
        vendor: 'Eclipse Adoptium',
        version: pick(rand, ['21.0.5+11', '21.0.6+7', '25+36']),
        heapMiB: pick(rand, [2048, 4096, 8192]),
        flags: ['-XX:+UseG1GC', '-XX:MaxGCPauseMillis=200', '-XX:+AlwaysPreTouch', '-Xlog:gc*:file=gc.log', '-XX:+UnlockDiagnosticVMOptions'],
      },
      variables: { LANG: 'C.UTF-8', TZ: 'UTC', JAVA_TOOL_OPTIONS: '-Dfile.encoding=UTF-8', WORKLOAD_SEED: String(i) },
    },
    config: {
      scenario: pick(rand, SCENARIOS),
      threads: pick(rand, [8, 16, 32, 64]),
      connections: pick(rand, [100, 200, 400]),
      durationS,
      warmupS: 60,
      payloadBytes: pick(rand, [512, 1024, 4096]),
      features: { http2: rand() < 0.5, tls: true, compression: pick(rand, ['none', 'gzip', 'zstd']), cache: rand() < 0.7 },
      params: Array.from({ length: 8 }, (_, k) => ({ name: `param${k}`, value: round(rand() * 100), unit: pick(rand, ['ms', 'MiB', 'count']) })),
    },
    metrics,
    phases: PHASES.map((name, k) => ({ name, durationMs: 30_000 + Math.floor(rand() * 60_000), throughput: round(1000 * scale * (k === 3 ? 1.6 : 1) * (0.9 + rand() * 0.2), 1), errors: Math.floor(rand() * 10) })),
    gc: [
      { type: 'G1 Young', count: 100 + Math.floor(rand() * 50), timeMs: round(400 + rand() * 200, 1) },
      { type: 'G1 Concurrent', count: 5 + Math.floor(rand() * 5), timeMs: round(50 + rand() * 50, 1) },
      { type: 'G1 Old', count: Math.floor(rand() * 3), timeMs: round(rand() * 300, 1) },
    ],
    samples: Array.from({ length: SAMPLES }, (_, k) => ({
      t: k * 3000,
      rps: round(1000 * scale * (0.8 + rand() * 0.4), 1),
      latencyMs: round(10 + rand() * 50, 2),
      cpu: round(0.3 + rand() * 0.6, 3),
      heapMiB: Math.floor(500 + rand() * 1500),
    })),
  };
}

/**
 * The 20 labels on `urn:bench:1.0`: 16 plain single-extractor labels (nested objects, an array
 * index, wildcards, filters, four with isarray), 2 with combination functions (a sum over an
 * array, a ratio of two extractors), and 2 filtering labels, the test's fingerprint.
 * `sql` is the same label by plain SQL (for the comparison in bench/ingest), given the document `d`.
 */
const e = (name, jsonpath, isarray = false) => ({ name, jsonpath, isarray });
const LABELS = [
  { name: 'checkout_throughput', extractors: [e('v', '$.metrics.checkout.throughput')] },
  { name: 'checkout_p99', extractors: [e('v', '$.metrics.checkout.latency.p99')] },
  { name: 'search_p50', extractors: [e('v', '$.metrics.search.latency.p50')] },
  { name: 'login_errors', extractors: [e('v', '$.metrics.login.errors')] },
  { name: 'payments_max_latency', extractors: [e('v', '$.metrics.payments.latency.max')] },
  { name: 'build_id', extractors: [e('v', '$.build.id')] },
  { name: 'commit', extractors: [e('v', '$.build.commit')] },
  { name: 'cpu_cores', extractors: [e('v', '$.environment.cpu.cores')] },
  { name: 'kernel', extractors: [e('v', '$.environment.os.kernel')] },
  { name: 'jvm_heap', extractors: [e('v', '$.environment.jvm.heapMiB')] },
  { name: 'threads', extractors: [e('v', '$.config.threads')] },
  { name: 'steady_throughput', extractors: [e('v', '$.phases[2].throughput')] },
  { name: 'young_gc_ms', extractors: [e('v', '$.gc[*] ? (@.type == "G1 Young").timeMs')] },
  { name: 'sample_rps', extractors: [e('v', '$.samples[*].rps', true)] },
  { name: 'phase_names', extractors: [e('v', '$.phases[*].name', true)] },
  { name: 'p99_all', extractors: [e('v', '$.metrics.*.latency.p99', true)] },
  {
    name: 'total_errors',
    extractors: [e('v', '$.metrics.*.errors', true)],
    function: 'v => v.reduce((a, b) => a + b, 0)',
    sql: (d) => `(SELECT to_jsonb(sum(x::numeric)) FROM jsonb_array_elements_text(jsonb_path_query_array(${d}, '$.metrics.*.errors')) x)`,
  },
  {
    name: 'checkout_error_ratio',
    extractors: [e('errors', '$.metrics.checkout.errors'), e('throughput', '$.metrics.checkout.throughput')],
    function: '({ errors, throughput }) => errors / throughput',
    sql: (d) =>
      `to_jsonb(jsonb_path_query_first(${d}, '$.metrics.checkout.errors')::numeric / nullif(jsonb_path_query_first(${d}, '$.metrics.checkout.throughput')::numeric, 0))`,
  },
  { name: 'scenario', extractors: [e('v', '$.config.scenario')], filtering: true },
  { name: 'environment', extractors: [e('v', '$.environment.name')], filtering: true },
];
const FINGERPRINT_LABELS = ['scenario', 'environment'];

/** The SQL expression of a label over document expression `d` (plain-SQL comparison). */
function labelSql(label, d) {
  if (label.sql) return label.sql(d);
  const [x] = label.extractors;
  const literal = `'${x.jsonpath.replace(/'/g, "''")}'`;
  return x.isarray ? `jsonb_path_query_array(${d}, ${literal})` : `jsonb_path_query_first(${d}, ${literal})`;
}

module.exports = { SCHEMA_URI, LABELS, FINGERPRINT_LABELS, makeDocument, labelSql, prng };
