// See README.md. Upload throughput end to end (HTTP upload → datasets → 20 label values), upload
// latency and memory, then the same documents and extractions by plain SQL for comparison.
const fs = require('node:fs');
const path = require('node:path');
const H = require('./harness.cjs');
const { LABELS, FINGERPRINT_LABELS, SCHEMA_URI, makeDocument, labelSql } = require('./document.cjs');

const RUNS = Number(process.env.RUNS || 10_000);
const CLIENTS = Number(process.env.CLIENTS || 8);
const SEED = Number(process.env.SEED || 42);
const WARMUP = Number(process.env.WARMUP ?? 50);
const TARGETS = { runsPerSecond: 300, ratioToPlain: 0.5, apiRssMiB: 400 };
const RESULTS = path.join(__dirname, 'results', process.env.RESULTS_FILE || 'latest.json');

const log = (m) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

async function uploadAll(g, apiKey, test, docs, clients, onDone) {
  const latencies = new Array(docs.length);
  let next = 0;
  const url = `/api/run/data?test=${encodeURIComponent(test)}&start=$.start&stop=$.stop`;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < docs.length) {
        const i = next++;
        const t = H.now();
        const r = await H.request(g.baseUrl, 'POST', url, { headers: { 'x-horreum-api-key': apiKey }, body: docs[i] });
        latencies[i] = H.now() - t;
        if (r.status !== 202) throw new Error(`upload ${i}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
        onDone?.();
      }
    }),
  );
  return latencies;
}

/** Waits until every run of the test is processed and has its 20 label values. */
async function waitProcessed(g, testId, runs, state) {
  return H.pollUntil(
    async () => {
      const { rows } = await g.owner.query('SELECT count(*) FILTER (WHERE pending)::int AS pending, count(*)::int AS total FROM run WHERE test_id = $1', [testId]);
      const { pending, total } = rows[0];
      state.maxBacklog = Math.max(state.maxBacklog, pending);
      if (pending > 0 || total < runs) return false;
      const c = (
        await g.owner.query(
          `SELECT (SELECT count(*) FROM dataset WHERE test_id = $1)::int AS datasets,
                  (SELECT count(*) FROM label_value lv JOIN dataset d ON d.id = lv.dataset_id WHERE d.test_id = $1)::int AS label_values,
                  (SELECT count(*) FROM run WHERE test_id = $1 AND processing_error IS NOT NULL)::int AS set_aside`,
          [testId],
        )
      ).rows[0];
      if (c.set_aside > 0) throw new Error(`${c.set_aside} runs were set aside with a processing error (see the API log)`);
      return c.datasets === runs && c.label_values === runs * LABELS.length ? c : false;
    },
    { everyMs: 200 },
  );
}

/** Label values as stored match what the documents say (a few runs, every label). */
async function verify(g, testId, labelIds, docs) {
  const problems = [];
  const { rows: bad } = await g.owner.query(
    `SELECT l.name, count(*)::int AS n, min(lv.error) AS error FROM label_value lv JOIN label l ON l.id = lv.label_id JOIN dataset d ON d.id = lv.dataset_id
     WHERE d.test_id = $1 AND (lv.error IS NOT NULL OR lv.value IS NULL OR lv.value = 'null') GROUP BY l.name`,
    [testId],
  );
  for (const b of bad) problems.push(`${b.n} null/error values of ${b.name} (${b.error ?? 'null'})`);
  const sample = [0, Math.floor(docs.length / 2), docs.length - 1];
  for (const i of sample) {
    const doc = JSON.parse(docs[i]);
    const { rows } = await g.owner.query(
      `SELECT l.name, lv.value, d.fingerprint FROM run r JOIN dataset d ON d.run_id = r.id JOIN label_value lv ON lv.dataset_id = d.id JOIN label l ON l.id = lv.label_id
       WHERE r.test_id = $1 AND (r.data -> 'build' ->> 'id')::int = $2`,
      [testId, doc.build.id],
    );
    const v = Object.fromEntries(rows.map((r) => [r.name, r.value]));
    const expected = {
      checkout_throughput: doc.metrics.checkout.throughput,
      commit: doc.build.commit,
      steady_throughput: doc.phases[2].throughput,
      young_gc_ms: doc.gc[0].timeMs,
      sample_rps: doc.samples.map((s) => s.rps),
      // jsonb orders object keys by length, then bytewise: that is the order of $.metrics.*
      p99_all: Object.keys(doc.metrics)
        .sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))
        .map((k) => doc.metrics[k].latency.p99),
      total_errors: Object.values(doc.metrics).reduce((s, m) => s + m.errors, 0),
      checkout_error_ratio: doc.metrics.checkout.errors / doc.metrics.checkout.throughput,
      scenario: doc.config.scenario,
    };
    for (const [k, want] of Object.entries(expected)) {
      if (JSON.stringify(v[k]) !== JSON.stringify(want)) problems.push(`run ${i}: ${k} is ${JSON.stringify(v[k])?.slice(0, 80)}, expected ${JSON.stringify(want).slice(0, 80)}`);
    }
    const fp = rows[0]?.fingerprint;
    if (JSON.stringify(fp) !== JSON.stringify({ scenario: doc.config.scenario, environment: doc.environment.name })) problems.push(`run ${i}: fingerprint ${JSON.stringify(fp)}`);
  }
  return problems;
}

/**
 * The same documents and the same 20 extractions by plain SQL: COPY into a scratch table, then
 * one INSERT ... SELECT of every label into a scratch values table.
 */
async function plainSql(g, docs) {
  const c = g.owner;
  await c.query(`DROP SCHEMA IF EXISTS bench_plain CASCADE; CREATE SCHEMA bench_plain;
    CREATE TABLE bench_plain.run (id int PRIMARY KEY, data jsonb NOT NULL);
    CREATE TABLE bench_plain.label_value (run_id int NOT NULL REFERENCES bench_plain.run, label_id int NOT NULL, value jsonb, PRIMARY KEY (run_id, label_id));`);
  const chunks = [];
  let chunk = [];
  let size = 0;
  docs.forEach((d, i) => {
    const line = `${i + 1}\t${H.copyText(d.toString('utf8'))}\n`;
    chunk.push(line);
    size += line.length;
    if (size > 1 << 20) {
      chunks.push(Buffer.from(chunk.join('')));
      chunk = [];
      size = 0;
    }
  });
  if (chunk.length) chunks.push(Buffer.from(chunk.join('')));
  const t0 = H.now();
  const copied = await H.copyFrom(c, 'COPY bench_plain.run (id, data) FROM STDIN', chunks);
  const t1 = H.now();
  const values = LABELS.map((l, k) => `(${k + 1}, ${labelSql(l, 'r.data')})`).join(',\n      ');
  const inserted = await c.query(`
    INSERT INTO bench_plain.label_value (run_id, label_id, value)
    SELECT r.id, x.label_id, x.value
    FROM bench_plain.run r
    CROSS JOIN LATERAL (VALUES
      ${values}) AS x(label_id, value)`);
  const t2 = H.now();
  if (copied !== docs.length || inserted.rowCount !== docs.length * LABELS.length) throw new Error(`plain SQL: copied ${copied}, inserted ${inserted.rowCount}`);
  const { rows } = await c.query(`SELECT count(*)::int AS n FROM bench_plain.label_value WHERE value IS NULL OR value = 'null'`);
  if (rows[0].n > 0) throw new Error(`plain SQL: ${rows[0].n} null values`);
  return { copySeconds: (t1 - t0) / 1000, extractSeconds: (t2 - t1) / 1000, seconds: (t2 - t0) / 1000, runsPerSecond: docs.length / ((t2 - t0) / 1000), method: 'COPY FROM STDIN (text format) + one INSERT ... SELECT' };
}

async function main() {
  const builtAt = H.buildStamp();
  const machine = H.machineInfo();
  H.printMachine(machine);
  const speedBefore = H.speedReference();
  console.log(`speed reference: ${speedBefore} ms (fixed CPU job, lower is faster; see harness.cjs)`);
  console.log(`RUNS=${RUNS} CLIENTS=${CLIENTS} SEED=${SEED}, ${LABELS.length} labels; API defaults unless set: GRANARY_PIPELINE_BATCH=${process.env.GRANARY_PIPELINE_BATCH || '200 (default)'}, DATABASE_POOL_SIZE=${process.env.DATABASE_POOL_SIZE || '10 (default)'}${H.PG_STAT ? '; PG_STAT=1 (pg_stat_statements on)' : ''}\n`);

  let t = H.now();
  const docs = Array.from({ length: RUNS }, (_, i) => Buffer.from(JSON.stringify(makeDocument(i, SEED))));
  const warmDocs = Array.from({ length: WARMUP }, (_, i) => Buffer.from(JSON.stringify(makeDocument(RUNS + i, SEED))));
  const meanKiB = docs.reduce((s, d) => s + d.length, 0) / docs.length / 1024;
  log(`generated ${RUNS} documents, mean ${meanKiB.toFixed(1)} KiB (${((H.now() - t) / 1000).toFixed(1)} s)`);

  const g = await H.startGranary({ pgSettings: H.PG_STAT_SETTINGS, apiExecArgv: (process.env.API_NODE_OPTIONS || '').split(' ').filter(Boolean), log });
  log(`API pid ${g.api.pid} at ${g.baseUrl}, PostgreSQL pid ${g.postmasterPid}, data in ${g.dataDir}`);
  try {
    const { admin, apiKey } = await H.setupTeamAndTest(g, 'bench');
    const testId = (await g.owner.query(`SELECT id FROM test WHERE name = 'bench'`)).rows[0].id;
    const schema = await H.setupSchema(g, admin, { uri: SCHEMA_URI, labels: LABELS });
    await g.owner.query('UPDATE test SET fingerprint_labels = $1 WHERE id = $2', [FINGERPRINT_LABELS, testId]);
    const warmId = await H.createTest(g, admin, 'warmup');
    log(`set up: test ${testId}, schema ${schema.schemaId} with ${LABELS.length} labels (via ${schema.via})`);

    if (WARMUP > 0) {
      await uploadAll(g, apiKey, 'warmup', warmDocs, CLIENTS);
      await waitProcessed(g, warmId, WARMUP, { maxBacklog: 0 });
      log(`warm-up: ${WARMUP} runs uploaded and processed`);
    }
    await g.checkpoint();
    await H.resetStatements(g);

    const sampler = H.startSampler(g.api.pid, g.postmasterPid);
    const state = { maxBacklog: 0, uploaded: 0 };
    const progress = setInterval(() => log(`uploaded ${state.uploaded}/${RUNS}, backlog (pending runs) up to ${state.maxBacklog}`), 10_000);
    const t0 = H.now();
    let tUploaded = 0;
    const processed = waitProcessed(g, testId, RUNS, state);
    const latencies = await uploadAll(g, apiKey, 'bench', docs, CLIENTS, () => state.uploaded++);
    tUploaded = H.now();
    const done = await processed;
    clearInterval(progress);
    const usage = sampler.stop();
    const seconds = (done.at - t0) / 1000;
    const statements = await H.statementReport(g);
    log(`all ${RUNS} runs processed, ${done.value.label_values} label values, in ${seconds.toFixed(1)} s`);

    const problems = await verify(g, testId, schema.labelIds, docs);
    if (problems.length) {
      console.log('verification problems:\n  ' + problems.slice(0, 20).join('\n  '));
      throw new Error('label values do not match the documents');
    }
    log('verified: no null or error values; sampled runs match their documents');
    const apiWarnings = fs.readFileSync(g.apiLogPath, 'utf8').split('\n').filter((l) => /"level":(40|50|60)/.test(l) && !l.includes('created the administrator')).length;

    log('plain SQL: COPY + INSERT ... SELECT of the same 20 extractions');
    await g.checkpoint();
    const speedAfter = H.speedReference();
    machine.speedReferenceMs = { before: speedBefore, after: speedAfter };
    const plain = await plainSql(g, docs);
    const runsPerSecond = RUNS / seconds;
    const result = {
      benchmark: 'ingest',
      machine,
      config: { runs: RUNS, clients: CLIENTS, seed: SEED, warmup: WARMUP, labels: LABELS.length, meanDocumentKiB: Number(meanKiB.toFixed(1)), schemaSetupVia: schema.via, pipelineBatch: Number(process.env.GRANARY_PIPELINE_BATCH || 200), poolSize: Number(process.env.DATABASE_POOL_SIZE || 10), pgStatStatements: H.PG_STAT },
      granary: {
        seconds: Number(seconds.toFixed(2)),
        runsPerSecond: Number(runsPerSecond.toFixed(1)),
        uploadPhaseSeconds: Number(((tUploaded - t0) / 1000).toFixed(2)),
        uploadsPerSecond: Number((RUNS / ((tUploaded - t0) / 1000)).toFixed(1)),
        drainAfterLastUploadSeconds: Number(((done.at - tUploaded) / 1000).toFixed(2)),
        maxBacklogRuns: state.maxBacklog,
        uploadLatencyMs: { p50: Number(H.percentile(latencies, 50).toFixed(1)), p95: Number(H.percentile(latencies, 95).toFixed(1)), max: Number(Math.max(...latencies).toFixed(1)) },
        apiPeakRssMiB: Math.round(usage.apiPeakRssMiB),
        apiLifetimeHwmMiB: Math.round(usage.apiLifetimeHwmMiB),
        apiWithSandboxPeakRssMiB: Math.round(usage.apiTreePeakRssMiB),
        postgresPeakRssMiB: Math.round(usage.pgPeakRssMiB),
        postgresPeakPssMiB: Math.round(usage.pgPeakPssMiB),
        cpuSeconds: Object.fromEntries(Object.entries(usage.cpuSeconds).map(([k, v]) => [k, Number(v.toFixed(1))])),
        cpuMsPerRun: { api: Number(((usage.cpuSeconds.api * 1000) / RUNS).toFixed(2)), postgres: Number(((usage.cpuSeconds.postgres * 1000) / RUNS).toFixed(2)), bench: Number(((usage.cpuSeconds.bench * 1000) / RUNS).toFixed(2)) },
        loadAverage1m: usage.loadAverage1m,
        apiLogWarnings: apiWarnings,
        statements,
      },
      plainSql: { ...plain, seconds: Number(plain.seconds.toFixed(2)), copySeconds: Number(plain.copySeconds.toFixed(2)), extractSeconds: Number(plain.extractSeconds.toFixed(2)), runsPerSecond: Number(plain.runsPerSecond.toFixed(1)) },
      ratioToPlain: Number((runsPerSecond / plain.runsPerSecond).toFixed(3)),
      targets: TARGETS,
    };
    result.rebuiltDuringRun = H.buildStamp() !== builtAt;
    if (result.rebuiltDuringRun) console.log('\nWARNING: the API or the pipeline was rebuilt during this run; the API ran the build found at its start.');
    result.meetsTargets = {
      runsPerSecond: result.granary.runsPerSecond >= TARGETS.runsPerSecond,
      ratioToPlain: result.ratioToPlain >= TARGETS.ratioToPlain,
      apiRssMiB: result.granary.apiWithSandboxPeakRssMiB < TARGETS.apiRssMiB,
    };
    report(result);
    H.printStatementReport(statements, seconds);
    fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
    fs.writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nwritten to ${path.relative(H.ROOT, RESULTS)}`);
  } finally {
    await g.stop();
  }
}

function report(r) {
  const ok = (b) => (b ? 'yes' : '**no**');
  const cpu = r.granary.cpuSeconds;
  console.log(`\n| measure | value | target | met |`);
  console.log('| --- | --- | --- | --- |');
  console.log(`| end to end: ${r.config.runs} uploads (${r.config.clients} clients, ~${r.config.meanDocumentKiB} KiB each) until all have datasets and ${r.config.labels} label values | ${r.granary.seconds} s = **${r.granary.runsPerSecond} runs/s** | ≥ ${r.targets.runsPerSecond} runs/s | ${ok(r.meetsTargets.runsPerSecond)} |`);
  console.log(`| upload phase alone (last answer) | ${r.granary.uploadPhaseSeconds} s = ${r.granary.uploadsPerSecond} uploads/s | | |`);
  console.log(`| pipeline still working after the last upload answered | ${r.granary.drainAfterLastUploadSeconds} s (backlog peaked at ${r.granary.maxBacklogRuns} pending runs) | | |`);
  console.log(`| upload latency p50 / p95 / max | ${r.granary.uploadLatencyMs.p50} / ${r.granary.uploadLatencyMs.p95} / ${r.granary.uploadLatencyMs.max} ms | | |`);
  console.log(`| API peak RSS with its sandbox host process (API process alone) | ${r.granary.apiWithSandboxPeakRssMiB} MiB (${r.granary.apiPeakRssMiB} MiB) | < ${r.targets.apiRssMiB} MiB | ${ok(r.meetsTargets.apiRssMiB)} |`);
  console.log(`| PostgreSQL peak RSS, summed over processes (PSS) | ${r.granary.postgresPeakRssMiB} MiB (${r.granary.postgresPeakPssMiB} MiB) | | |`);
  console.log(`| CPU seconds during the run: API (with sandbox) / PostgreSQL / benchmark client / other processes on the machine | ${cpu.api} / ${cpu.postgres} / ${cpu.bench} / ${cpu.others} s (of ${(r.granary.seconds * r.machine.cores).toFixed(0)} available) | | |`);
  console.log(`| CPU per run: API / PostgreSQL / client | ${r.granary.cpuMsPerRun.api} / ${r.granary.cpuMsPerRun.postgres} / ${r.granary.cpuMsPerRun.bench} ms | | |`);
  console.log(`| speed reference before / after the uploads (fixed CPU job, lower is faster) | ${r.machine.speedReferenceMs.before} / ${r.machine.speedReferenceMs.after} ms | | |`);
  console.log(`| plain SQL: COPY ${r.config.runs} documents + one INSERT ... SELECT of the ${r.config.labels} extractions | ${r.plainSql.copySeconds} + ${r.plainSql.extractSeconds} = ${r.plainSql.seconds} s = **${r.plainSql.runsPerSecond} runs/s** | | |`);
  console.log(`| Granary / plain SQL | **${r.ratioToPlain}** | ≥ ${r.targets.ratioToPlain} | ${ok(r.meetsTargets.ratioToPlain)} |`);
  if (r.granary.apiLogWarnings) console.log(`\n(${r.granary.apiLogWarnings} warning/error lines in the API log)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
