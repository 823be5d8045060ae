// See README.md. Recalculation after a label edit: one changed label over DATASETS datasets
// (through the API's label update, as a user would), then all 20 labels (filed by SQL as the
// API files it, then the worker woken by an upload).
const fs = require('node:fs');
const path = require('node:path');
const H = require('../ingest/harness.cjs');
const { LABELS, FINGERPRINT_LABELS, SCHEMA_URI, makeDocument } = require('../ingest/document.cjs');

const DATASETS = Number(process.env.DATASETS || 100_000);
const SEED = Number(process.env.SEED || 42);
const COPY_CHUNK = Number(process.env.COPY_CHUNK || 2000);
const TARGET_SECONDS = 60; // 20 labels over 100,000 datasets
const RESULTS = path.join(__dirname, 'results', process.env.RESULTS_FILE || 'latest.json');
const CHANGED_LABEL = 'checkout_throughput';
const CHANGED_PATH = '$.metrics.search.throughput';

const log = (m) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);
const iso = (ms) => new Date(ms).toISOString();

/**
 * Puts DATASETS runs in place by COPY into `run` as pending (the documents of bench/ingest), in
 * chunks, while the API's pipeline turns them into datasets and label values; resolves when
 * every run is processed. Returns timings.
 */
async function setUp(g, testId) {
  const t0 = H.now();
  let copied = 0;
  const state = { processed: 0 };
  const progress = setInterval(() => log(`setup: ${copied}/${DATASETS} runs copied, ${state.processed} processed`), 15_000);
  try {
    for (let from = 0; from < DATASETS; from += COPY_CHUNK) {
      const lines = [];
      for (let i = from; i < Math.min(DATASETS, from + COPY_CHUNK); i++) {
        const doc = makeDocument(i, SEED);
        const text = H.copyText(JSON.stringify(doc));
        lines.push(`${testId}\t${text}\t${text}\t${iso(doc.start)}\t${iso(doc.stop)}\t${H.TEAM}\tPUBLIC\n`);
      }
      await H.copyFrom(g.owner, 'COPY run (test_id, data, raw_data, start, stop, owner, access) FROM STDIN', [Buffer.from(lines.join(''))]);
      copied += lines.length;
      state.processed = copied - (await g.owner.query('SELECT count(*)::int AS n FROM run WHERE test_id = $1 AND pending', [testId])).rows[0].n;
    }
    const tCopied = H.now();
    const done = await H.pollUntil(
      async () => {
        // Counted through the partial index on pending runs: cheap while the pipeline works.
        const { rows } = await g.owner.query('SELECT count(*)::int AS pending FROM run WHERE test_id = $1 AND pending', [testId]);
        state.processed = DATASETS - rows[0].pending;
        return rows[0].pending === 0;
      },
      { everyMs: 1000 },
    );
    const failed = (await g.owner.query('SELECT count(*)::int AS n FROM run WHERE test_id = $1 AND processing_error IS NOT NULL', [testId])).rows[0].n;
    if (failed > 0) throw new Error(`${failed} runs were set aside with a processing error`);
    const counts = (
      await g.owner.query(
        `SELECT (SELECT count(*) FROM dataset WHERE test_id = $1)::int AS datasets,
                (SELECT count(*) FROM label_value lv JOIN dataset d ON d.id = lv.dataset_id WHERE d.test_id = $1 AND lv.error IS NULL AND lv.value IS NOT NULL)::int AS label_values`,
        [testId],
      )
    ).rows[0];
    if (counts.datasets !== DATASETS || counts.label_values !== DATASETS * LABELS.length) throw new Error(`setup: ${counts.datasets} datasets, ${counts.label_values} label values`);
    return { copySeconds: (tCopied - t0) / 1000, seconds: (done.at - t0) / 1000, runsPerSecond: DATASETS / ((done.at - t0) / 1000) };
  } finally {
    clearInterval(progress);
  }
}

/** Waits until every recalculation filed after `afterId` is done (the request and its per-test rows). */
async function waitRecalculated(g, afterId) {
  let last = 0;
  return H.pollUntil(
    async () => {
      const { rows } = await g.owner.query(
        `SELECT count(*) FILTER (WHERE state NOT IN ('done', 'failed'))::int AS open, count(*) FILTER (WHERE state = 'failed')::int AS failed,
                count(*) FILTER (WHERE test_id IS NOT NULL)::int AS per_test, coalesce(sum(done) FILTER (WHERE test_id IS NOT NULL), 0)::int AS done,
                coalesce(sum(total) FILTER (WHERE test_id IS NOT NULL), 0)::int AS total, coalesce(sum(errors), 0)::int AS errors
         FROM recalculation WHERE id > $1`,
        [afterId],
      );
      const r = rows[0];
      if (r.failed > 0) throw new Error('a recalculation failed');
      if (Date.now() - last > 10_000) {
        last = Date.now();
        log(`recalculation: ${r.done}/${r.total} datasets`);
      }
      return r.per_test > 0 && r.open === 0 ? r : false;
    },
    { everyMs: 100 },
  );
}

async function lastRecalculationId(g) {
  return (await g.owner.query('SELECT coalesce(max(id), 0)::int AS id FROM recalculation')).rows[0].id;
}

async function wake(g, apiKey) {
  const doc = { start: Date.now(), stop: Date.now(), note: 'wakes the pipeline' };
  await H.expectStatus(H.request(g.baseUrl, 'POST', '/api/run/data?test=wake&start=$.start&stop=$.stop', { headers: { 'x-horreum-api-key': apiKey }, body: doc }), [202], 'wake-up upload');
}

async function measure(g, name, action) {
  await g.checkpoint();
  await H.resetStatements(g);
  const before = await lastRecalculationId(g);
  const sampler = H.startSampler(g.api.pid, g.postmasterPid);
  const t0 = H.now();
  const how = await action();
  const done = await waitRecalculated(g, before);
  const seconds = (done.at - t0) / 1000;
  const usage = sampler.stop();
  const statements = await H.statementReport(g);
  log(`${name}: ${done.value.done} datasets in ${seconds.toFixed(1)} s (${how})`);
  return {
    name,
    how,
    seconds: Number(seconds.toFixed(2)),
    datasets: done.value.done,
    datasetsPerSecond: Number((done.value.done / seconds).toFixed(0)),
    errors: done.value.errors,
    apiPeakRssMiB: Math.round(usage.apiPeakRssMiB),
    apiLifetimeHwmMiB: Math.round(usage.apiLifetimeHwmMiB),
    apiWithSandboxPeakRssMiB: Math.round(usage.apiTreePeakRssMiB),
    postgresPeakRssMiB: Math.round(usage.pgPeakRssMiB),
    postgresPeakPssMiB: Math.round(usage.pgPeakPssMiB),
    cpuSeconds: Object.fromEntries(Object.entries(usage.cpuSeconds).map(([k, v]) => [k, Number(v.toFixed(1))])),
    loadAverage1m: usage.loadAverage1m,
    statements,
  };
}

/** Plans of the pipeline's per-batch and per-chunk statements at the full table size (written to results/plans.txt). */
async function diagnose(g, testId, labelIds) {
  const runIds = (await g.owner.query('SELECT id FROM run WHERE test_id = $1 ORDER BY id DESC LIMIT 200', [testId])).rows.map((r) => r.id);
  const chunk = 4 * Number(process.env.GRANARY_PIPELINE_BATCH || 200);
  const datasetIds = (await g.owner.query('SELECT id FROM dataset WHERE test_id = $1 ORDER BY id LIMIT $2', [testId, chunk])).rows.map((r) => r.id);
  return H.explainPipeline(g, [
    { name: 'RUNS_WITH_TRANSFORMERS (ingest, per batch of 200 runs)', sql: 'RUNS_WITH_TRANSFORMERS', params: [runIds] },
    { name: 'RUN_PARTS_TO_VALIDATE (ingest, per batch of 200 runs)', sql: 'RUN_PARTS_TO_VALIDATE', params: [runIds] },
    { name: 'INSERT_PLAIN_DATASETS (ingest, per batch of 200 runs)', sql: 'INSERT_PLAIN_DATASETS', params: [runIds], before: ['CLEAR_RUN_RESULTS', 'FIND_RUN_SCHEMAS'] },
    { name: `NEXT_LABEL_CHUNK (recalculation, ${chunk} datasets)`, sql: 'NEXT_LABEL_CHUNK', params: [testId, 0, labelIds, chunk] },
    { name: `COMPUTE_LABEL_VALUES (recalculation, ${chunk} datasets, 20 labels)`, sql: 'COMPUTE_LABEL_VALUES', params: [datasetIds, labelIds] },
    { name: `COMPUTE_ONE_LABEL_VALUES (recalculation, ${chunk} datasets, 1 label)`, sql: 'COMPUTE_ONE_LABEL_VALUES', params: [datasetIds, [labelIds[0]]] },
    { name: `UPDATE_FINGERPRINTS (recalculation, ${chunk} datasets)`, sql: 'UPDATE_FINGERPRINTS', params: [datasetIds] },
  ]);
}

async function main() {
  const builtAt = H.buildStamp();
  const machine = H.machineInfo();
  H.printMachine(machine);
  const speedBefore = H.speedReference();
  console.log(`speed reference: ${speedBefore} ms (fixed CPU job, lower is faster; see bench/ingest/harness.cjs)`);
  console.log(`DATASETS=${DATASETS} SEED=${SEED}, ${LABELS.length} labels; GRANARY_PIPELINE_BATCH=${process.env.GRANARY_PIPELINE_BATCH || '200 (default)'} (recalculation chunks: GRANARY_RECALCULATION_PARALLELISM=${process.env.GRANARY_RECALCULATION_PARALLELISM || '2 (default)'} parts of 4 × batch, side by side)${H.PG_STAT ? '; PG_STAT=1 (pg_stat_statements on)' : ''}\n`);
  const g = await H.startGranary({ pgSettings: H.PG_STAT_SETTINGS, log });
  log(`API pid ${g.api.pid} at ${g.baseUrl}, PostgreSQL pid ${g.postmasterPid}, data in ${g.dataDir}`);
  try {
    const { admin, apiKey } = await H.setupTeamAndTest(g, 'bench');
    const testId = (await g.owner.query(`SELECT id FROM test WHERE name = 'bench'`)).rows[0].id;
    const schema = await H.setupSchema(g, admin, { uri: SCHEMA_URI, labels: LABELS });
    await g.owner.query('UPDATE test SET fingerprint_labels = $1 WHERE id = $2', [FINGERPRINT_LABELS, testId]);
    await H.createTest(g, admin, 'wake');
    log(`set up: test ${testId}, schema ${schema.schemaId} with ${LABELS.length} labels (via ${schema.via}); putting ${DATASETS} runs in place`);

    await H.resetStatements(g);
    const setupSampler = H.startSampler(g.api.pid, g.postmasterPid);
    const setup = await setUp(g, testId);
    const setupUsage = setupSampler.stop();
    const setupStatements = await H.statementReport(g);
    log(`setup: ${DATASETS} runs copied in ${setup.copySeconds.toFixed(1)} s, all processed after ${setup.seconds.toFixed(1)} s (${setup.runsPerSecond.toFixed(1)} runs/s through the pipeline alone)`);
    let t = H.now();
    await g.owner.query('VACUUM (ANALYZE) run, dataset, dataset_schema, label_value, recalculation');
    const vacuumSeconds = (H.now() - t) / 1000;
    log(`VACUUM (ANALYZE) in ${vacuumSeconds.toFixed(1)} s`);
    const diagnostics = await diagnose(g, testId, Object.values(schema.labelIds));
    for (const d of diagnostics.summary) log(`EXPLAIN ANALYZE ${d.name}: ${d.ms.toFixed(1)} ms${d.seqScans.length ? `; sequential scans: ${d.seqScans.join(', ')}` : ''}`);
    fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
    fs.writeFileSync(process.env.RESULTS_FILE ? RESULTS.replace(/\.json$/, '.plans.txt') : path.join(path.dirname(RESULTS), 'plans.txt'), diagnostics.text);

    // 1. One label edited through the API (PUT /api/schema/{id}/labels), as a user would.
    const labelId = schema.labelIds[CHANGED_LABEL];
    const one = await measure(g, `1 label (${CHANGED_LABEL}) over ${DATASETS} datasets`, async () => {
      const def = LABELS.find((l) => l.name === CHANGED_LABEL);
      const body = [{ id: labelId, name: def.name, extractors: [{ name: 'v', jsonpath: CHANGED_PATH, isarray: false }], function: null, filtering: false, metrics: true, owner: H.TEAM, access: 'PUBLIC' }];
      const r = await H.request(g.baseUrl, 'PUT', `/api/schema/${schema.schemaId}/labels`, { headers: admin, body });
      if (r.status === 200) return 'PUT /api/schema/{id}/labels';
      // The endpoint is not there (or refused): edit and file as the API does, then wake the worker.
      await g.owner.query('BEGIN');
      await g.owner.query(`UPDATE label SET extractors = $1 WHERE id = $2`, [JSON.stringify([{ name: 'v', jsonpath: CHANGED_PATH, isarray: false }]), labelId]);
      await g.owner.query(`INSERT INTO recalculation (kind, reason, label_ids) VALUES ('labels', 'bench: one label', $1)`, [[labelId]]);
      await g.owner.query('COMMIT');
      await wake(g, apiKey);
      return `SQL + wake-up upload (PUT answered ${r.status})`;
    });
    const wrong = (
      await g.owner.query(
        `SELECT count(*)::int AS n FROM label_value lv JOIN dataset d ON d.id = lv.dataset_id
         WHERE lv.label_id = $1 AND d.test_id = $2
           -- A dataset without data of its own is its run's document.
           AND lv.value IS DISTINCT FROM jsonb_path_query_first(coalesce(d.data -> 0, (SELECT r.data FROM run r WHERE r.id = d.run_id)), $3::jsonpath)`,
        [labelId, testId, CHANGED_PATH],
      )
    ).rows[0].n;
    if (wrong > 0) throw new Error(`${wrong} values of ${CHANGED_LABEL} do not have the new definition's value`);
    log(`verified: every value of ${CHANGED_LABEL} follows its new definition`);

    // 2. All 20 labels: filed as the API files a label change, then the worker is woken by an upload.
    const all = await measure(g, `all ${LABELS.length} labels over ${DATASETS} datasets`, async () => {
      await g.owner.query(`INSERT INTO recalculation (kind, reason, label_ids) VALUES ('labels', 'bench: all labels', $1)`, [Object.values(schema.labelIds)]);
      await wake(g, apiKey);
      return 'INSERT INTO recalculation + wake-up upload';
    });
    const bad = (
      await g.owner.query(
        `SELECT count(*)::int AS n FROM label_value lv JOIN dataset d ON d.id = lv.dataset_id WHERE d.test_id = $1 AND (lv.error IS NOT NULL OR lv.value IS NULL)`,
        [testId],
      )
    ).rows[0].n;
    if (bad > 0 || all.errors > 0) throw new Error(`${bad} null or error values after recomputing all labels`);
    log('verified: no null or error values after recomputing all labels');

    const sizes = (await g.owner.query(`SELECT pg_size_pretty(pg_database_size('granary')) AS db, pg_size_pretty(pg_total_relation_size('label_value')) AS label_value, pg_size_pretty(pg_total_relation_size('dataset')) AS dataset, pg_size_pretty(pg_total_relation_size('run')) AS run`)).rows[0];
    machine.speedReferenceMs = { before: speedBefore, after: H.speedReference() };
    const result = {
      benchmark: 'recalc',
      machine,
      config: { datasets: DATASETS, labels: LABELS.length, seed: SEED, pipelineBatch: Number(process.env.GRANARY_PIPELINE_BATCH || 200), partDatasets: 4 * Number(process.env.GRANARY_PIPELINE_BATCH || 200), recalculationParallelism: Number(process.env.GRANARY_RECALCULATION_PARALLELISM || 2), schemaSetupVia: schema.via, pgStatStatements: H.PG_STAT },
      setup: {
        method: 'COPY into run as pending, processed by the API pipeline',
        copySeconds: Number(setup.copySeconds.toFixed(1)),
        seconds: Number(setup.seconds.toFixed(1)),
        runsPerSecond: Number(setup.runsPerSecond.toFixed(1)),
        vacuumAnalyzeSeconds: Number(vacuumSeconds.toFixed(1)),
        apiWithSandboxPeakRssMiB: Math.round(setupUsage.apiTreePeakRssMiB),
        cpuSeconds: Object.fromEntries(Object.entries(setupUsage.cpuSeconds).map(([k, v]) => [k, Number(v.toFixed(1))])),
      },
      setupStatements,
      sizes,
      plansAtFullSize: diagnostics.summary,
      oneLabel: one,
      allLabels: all,
      target: { allLabelsSeconds: TARGET_SECONDS, datasets: 100_000 },
      meetsTarget: DATASETS >= 100_000 ? all.seconds < TARGET_SECONDS : undefined,
      rebuiltDuringRun: H.buildStamp() !== builtAt,
    };
    if (result.rebuiltDuringRun) console.log('WARNING: the API or the pipeline was rebuilt during this run; the API ran the build found at its start.');
    report(result);
    if (setupStatements) {
      console.log(`\n### setup (${DATASETS} runs through the pipeline)`);
      H.printStatementReport(setupStatements, setup.seconds);
    }
    for (const m of [one, all]) {
      if (m.statements) {
        console.log(`\n### ${m.name}`);
        H.printStatementReport(m.statements, m.seconds);
      }
    }
    fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
    fs.writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nwritten to ${path.relative(H.ROOT, RESULTS)}`);
  } finally {
    await g.stop();
  }
}

function report(r) {
  const row = (m) => {
    const c = m.cpuSeconds;
    return `| ${m.name} | **${m.seconds} s** (${m.datasetsPerSecond} datasets/s) | ${m.apiWithSandboxPeakRssMiB} (${m.apiPeakRssMiB}) MiB | ${m.postgresPeakRssMiB} (${m.postgresPeakPssMiB}) MiB | ${c.api} / ${c.postgres} / ${c.others} s |`;
  };
  console.log(`\nspeed reference before / after (fixed CPU job, lower is faster): ${r.machine.speedReferenceMs.before} / ${r.machine.speedReferenceMs.after} ms`);
  console.log(`setup: ${r.config.datasets} runs by COPY (${r.setup.copySeconds} s), processed by the pipeline in ${r.setup.seconds} s = ${r.setup.runsPerSecond} runs/s; VACUUM (ANALYZE) ${r.setup.vacuumAnalyzeSeconds} s; database ${r.sizes.db}\n`);
  console.log('| recalculation | time until done | API peak RSS with sandbox (API alone) | PostgreSQL peak RSS summed (PSS) | CPU: API / PostgreSQL / other processes |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(row(r.oneLabel));
  console.log(row(r.allLabels));
  if (r.meetsTarget !== undefined) console.log(`\ntarget: all ${r.config.labels} labels over 100,000 datasets in under ${r.target.allLabelsSeconds} s: ${r.meetsTarget ? 'met' : '**not met**'}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
