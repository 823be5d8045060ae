// See README.md. Prints a Markdown table of evaluations per second through @granary/sandbox.
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'packages/sandbox/dist/index.js');
const REPEATS = Number(process.env.BENCH_REPEATS || 3);
const SECONDS = Number(process.env.BENCH_SECONDS || 1);
const BATCH_SIZES = (process.env.BENCH_BATCH_SIZES || '1,100,1000,10000').split(',').map(Number);

const FUNCTIONS = [
  { name: 'one-line arithmetic', source: 'x => x * 2 + 1', input: (i) => i, expected: (i) => i * 2 + 1 },
  { name: '2 extractors, destructured', source: '({a, b}) => a / b', input: (i) => ({ a: i, b: (i % 10) + 1 }), expected: (i) => i / ((i % 10) + 1) },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Calls evaluate on one batch again and again for about SECONDS; returns evaluations per second. */
async function measure(sandbox, fn, inputs) {
  const started = now();
  let calls = 0;
  do {
    const results = await sandbox.evaluate(fn.source, inputs);
    if (calls === 0) check(fn, results);
    calls++;
  } while (now() - started < SECONDS * 1000);
  const ms = now() - started;
  return { perSecond: (calls * inputs.length * 1000) / ms, msPerCall: ms / calls };
}

function check(fn, results) {
  results.forEach((result, i) => {
    if (!result.ok || result.value !== fn.expected(i)) {
      throw new Error(`${fn.source} on input ${i}: ${JSON.stringify(result)}`);
    }
  });
}

async function main() {
  if (!fs.existsSync(DIST)) throw new Error('build first: npm run build -w @granary/sandbox');
  const { Sandbox } = require(DIST);
  const sandbox = new Sandbox();
  try {
    let started = now();
    await sandbox.evaluate('x => x', [1]);
    const coldMs = now() - started;
    const rows = [];
    for (const fn of FUNCTIONS) {
      for (const size of BATCH_SIZES) {
        const inputs = Array.from({ length: size }, (_, i) => fn.input(i));
        await measure(sandbox, fn, inputs); // warm-up
        const runs = [];
        for (let r = 0; r < REPEATS; r++) runs.push(await measure(sandbox, fn, inputs));
        rows.push({ fn, size, perSecond: median(runs.map((x) => x.perSecond)), msPerCall: median(runs.map((x) => x.msPerCall)) });
      }
    }
    const cpus = os.cpus();
    console.log(`machine: ${cpus.length} × ${cpus[0].model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`);
    console.log(`date: ${new Date().toISOString().slice(0, 10)}; load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}`);
    console.log(`limits: ${sandbox.limits.timeoutMs} ms, ${sandbox.limits.memoryMb} MiB; median of ${REPEATS} run(s) of ${SECONDS} s per row`);
    console.log(`first evaluate (starts the host process and its isolate): ${coldMs.toFixed(0)} ms\n`);
    console.log('| function | batch size | evaluations/s | ms per evaluate() call |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const row of rows) {
      console.log(`| \`${row.fn.source}\` (${row.fn.name}) | ${row.size} | ${Math.round(row.perSecond).toLocaleString('en-US')} | ${row.msPerCall.toFixed(2)} |`);
    }
  } finally {
    sandbox.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
