import { afterAll, describe, expect, it } from 'vitest';
import { LOG_MAX_LINES, Sandbox } from './index';

// Real isolated-vm in a real host process. Small limits keep the suite fast.
const TIMEOUT_MS = 100;
const sandbox = new Sandbox({ timeoutMs: TIMEOUT_MS });
// For tests about what a function does rather than how long it may take: a limit generous
// enough that a busy machine (CI runs packages' tests in parallel) cannot trip it.
const relaxed = new Sandbox({ timeoutMs: 5_000 });
afterAll(() => relaxed.dispose());
afterAll(() => sandbox.dispose());

function elapsedMs(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

describe('Sandbox values', () => {
  it.each([
    ['a one-line arrow', 'x => x * 2 + 1', 20, 41],
    ['a function expression', 'function (v) { return v.a + 1 }', { a: 1 }, 2],
    ['two extractors, destructured', '({a, b}) => a / b', { a: 1, b: 4 }, 0.25],
    [
      'an object built from several extractors',
      '({ runs, name }) => ({ total: runs.reduce((s, r) => s + r.ms, 0), name: name.toUpperCase() })',
      { runs: [{ ms: 2 }, { ms: 3 }], name: 'x' },
      { total: 5, name: 'X' },
    ],
    ['an async function', 'async v => v * 3', 2, 6],
    ['an async function that awaits', 'async v => { await null; const w = await Promise.resolve(v); return [w, w] }', 2, [2, 2]],
    ['a returned promise', 'v => Promise.resolve(v + 1)', 1, 2],
    ['undefined as null', 'v => undefined', 1, null],
    ['NaN as null', 'v => 0 / 0', 1, null],
    ['Infinity as null', 'v => v / 0', 1, null],
    ['a Date as its ISO string', 'v => new Date(v)', 0, '1970-01-01T00:00:00.000Z'],
    ['JSON.stringify semantics for nested values', 'v => ({ f: () => 1, u: undefined, n: [undefined, NaN] })', 1, { n: [null, null] }],
    ['a null input', 'v => v === null', null, true],
    ['a function ending in a line comment', 'x => x * 2 // double it', 2, 4],
    ['a thenable, resolved', 'v => ({ then(resolve) { resolve(v + 1) } })', 1, 2],
  ])('returns %s', async (_name, source, input, value) => {
    expect(await sandbox.evaluateOne(source, input)).toEqual({ ok: true, value });
  });

  it('turns an undefined input into null', async () => {
    expect(await sandbox.evaluateOne('v => v', undefined)).toEqual({ ok: true, value: null });
  });
});

describe('Sandbox errors', () => {
  it.each([
    ['a TypeError', 'v => v.x.y', {}, /^TypeError: Cannot read properties of undefined \(reading 'y'\)$/],
    ['a thrown Error', 'v => { throw new Error("bad input " + v) }', 7, /^Error: bad input 7$/],
    ['a thrown string', 'v => { throw "plain" }', 1, /^Uncaught plain$/],
    ['a rejected promise', 'async v => { await null; throw new RangeError("no") }', 1, /^RangeError: no$/],
    ['a function result', 'v => () => v', 1, /^Result is not JSON: a function$/],
    ['a symbol result', 'v => Symbol("s")', 1, /^Result is not JSON: a symbol$/],
    ['a BigInt result', 'v => 10n', 1, /^Result is not JSON: a BigInt$/],
    ['a nested BigInt', 'v => ({ big: 1n })', 1, /^Result is not JSON: Do not know how to serialize a BigInt$/],
    ['a cycle', 'v => { const o = {}; o.self = o; return o }', 1, /^Result is not JSON: Converting circular structure to JSON/],
    ['a source that is not a function', '42', 1, /^The source must be a function expression; it evaluates to number$/],
    ['a stack overflow', 'function f(v) { return f(v) + 1 }', 1, /^RangeError: Maximum call stack size exceeded$/],
  ])('reports %s as an error value', async (_name, source, input, error) => {
    const result = await relaxed.evaluateOne(source, input);
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.error).toMatch(error);
  });

  it('gives every input the syntax error, with where it is', async () => {
    const results = await sandbox.evaluate('x => { return x ++ 1 }', [1, 2, 3]);
    expect(results).toEqual(Array(3).fill({ ok: false, error: 'Syntax error: Unexpected number (line 1, column 20)' }));
    expect(await sandbox.evaluateOne('x => x +', 1)).toEqual({ ok: false, error: "Syntax error: Unexpected token ')' (at the end of the function)" });
    expect(await sandbox.evaluateOne('x => {\n  const y = x +;\n  return y\n}', 1)).toEqual({ ok: false, error: "Syntax error: Unexpected token ';' (line 2, column 16)" });
    expect(await sandbox.evaluateOne(' ', 1)).toEqual({ ok: false, error: 'Syntax error: the function is empty' });
  });

  it('reports inputs that are not JSON without running them', async () => {
    const results = await sandbox.evaluate('v => v', [1n, () => 1, 5]);
    expect(results).toEqual([
      { ok: false, error: 'Input is not JSON: a BigInt' },
      { ok: false, error: 'Input is not JSON: a function' },
      { ok: true, value: 5 },
    ]);
  });
});

describe('Sandbox isolation', () => {
  it('offers plain ECMAScript only: no require, process, fetch, timers or shared memory', async () => {
    const names = ['require', 'process', 'fetch', 'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'module', 'Buffer', 'SharedArrayBuffer', 'Atomics', 'WebAssembly'];
    const result = await sandbox.evaluateOne(`() => [${names.map((name) => `typeof ${name}`).join(', ')}]`, null);
    expect(result).toEqual({ ok: true, value: names.map(() => 'undefined') });
  });

  it('keeps inputs apart when a function mutates its input', async () => {
    const shared = { n: 1, list: [1] };
    const results = await sandbox.evaluate('v => { v.list.push(99); v.n += 1; return v }', [shared, shared, shared]);
    expect(results).toEqual(Array(3).fill({ ok: true, value: { n: 2, list: [1, 99] } }));
    expect(shared).toEqual({ n: 1, list: [1] });
  });

  it('evaluates the source anew for every input', async () => {
    const results = await sandbox.evaluate('(() => { let calls = 0; return v => v + ++calls })()', [10, 20]);
    expect(results).toEqual([{ ok: true, value: 11 }, { ok: true, value: 21 }]);
  });

  it('does not carry globals from one evaluation to the next', async () => {
    await sandbox.evaluate('v => { globalThis.leaked = v; Array.prototype.map = null; return v }', [1]);
    expect(await sandbox.evaluateOne('v => [typeof globalThis.leaked, typeof [].map]', 0)).toEqual({ ok: true, value: ['undefined', 'function'] });
  });
});

describe('Sandbox console', () => {
  it('captures console output per input when asked', async () => {
    const source = 'v => { console.log("value", v, { a: 1 }); console.warn("careful"); return v }';
    expect(await sandbox.evaluate(source, [1, 2], { captureLog: true })).toEqual([
      { ok: true, value: 1, log: ['value 1 {"a":1}', '[warn] careful'] },
      { ok: true, value: 2, log: ['value 2 {"a":1}', '[warn] careful'] },
    ]);
  });

  it('discards console output otherwise', async () => {
    expect(await sandbox.evaluateOne('v => { console.log("x"); return v }', 1)).toEqual({ ok: true, value: 1 });
  });

  it('attributes output after an await to its own input', async () => {
    const results = await sandbox.evaluate('async v => { await null; console.error(new TypeError("t" + v)); return v }', [1, 2], { captureLog: true });
    expect(results.map((r) => r.log)).toEqual([['[error] TypeError: t1'], ['[error] TypeError: t2']]);
  });

  it('bounds the log of one input', async () => {
    const result = await sandbox.evaluateOne('v => { for (let i = 0; i < 1000; i++) console.log("line " + i); return v }', 1, { captureLog: true });
    expect(result.log).toHaveLength(LOG_MAX_LINES + 1);
    expect(result.log?.at(-1)).toMatch(/^\[log truncated/);
    const long = await sandbox.evaluateOne('v => { console.log("x".repeat(20000)); return v }', 1, { captureLog: true });
    expect(long.log?.join('').length).toBeLessThan(200);
  });

  it('keeps the log of an input that fails', async () => {
    const result = await sandbox.evaluateOne('v => { console.log("before"); throw new Error("after") }', 1, { captureLog: true });
    expect(result).toEqual({ ok: false, error: 'Error: after', log: ['before'] });
  });
});

describe('Sandbox time limit', () => {
  it('cuts off an infinite loop within about the limit while the other inputs of the batch get their values', async () => {
    const started = process.hrtime.bigint();
    const results = await sandbox.evaluate('v => { if (v === 2) { while (true) {} } return v * 10 }', [1, 2, 3, 4]);
    expect(results).toEqual([
      { ok: true, value: 10 },
      { ok: false, error: `Timed out after ${TIMEOUT_MS} ms` },
      { ok: true, value: 30 },
      { ok: true, value: 40 },
    ]);
    expect(elapsedMs(started)).toBeLessThan(TIMEOUT_MS * 10);
  });

  it('stops after three inputs in a row time out instead of waiting for every one', async () => {
    const started = process.hrtime.bigint();
    const results = await sandbox.evaluate('v => { while (true) {} }', Array.from({ length: 1000 }, (_, i) => i));
    expect(results.slice(0, 3)).toEqual(Array(3).fill({ ok: false, error: `Timed out after ${TIMEOUT_MS} ms` }));
    expect(results.slice(3).every((r) => !r.ok && r.error.startsWith(`Timed out after ${TIMEOUT_MS} ms (not run:`))).toBe(true);
    expect(elapsedMs(started)).toBeLessThan(TIMEOUT_MS * 20);
  });

  it('times out a never-settling promise instead of hanging', async () => {
    const started = process.hrtime.bigint();
    expect(await sandbox.evaluate('v => new Promise(() => {})', [1, 2])).toEqual(
      Array(2).fill({ ok: false, error: 'The returned promise never settled (the sandbox has no timers or I/O to settle it)' }),
    );
    expect(elapsedMs(started)).toBeLessThan(TIMEOUT_MS * 10);
  });

  it('cuts off a loop after an await, pinned on its own input', async () => {
    const results = await sandbox.evaluate('async v => { await null; if (v === 1) { while (true) {} } return v }', [0, 1, 2]);
    expect(results).toEqual([{ ok: true, value: 0 }, { ok: false, error: `Timed out after ${TIMEOUT_MS} ms` }, { ok: true, value: 2 }]);
  });

  it('gives each input the whole limit, however long the batch', async () => {
    // 40 inputs × 150 ms is more than the limit for one input, and nothing times out.
    const results = await relaxed.evaluate('v => { const end = Date.now() + 150; while (Date.now() < end) {} return v }', Array.from({ length: 40 }, (_, i) => i));
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => ({ ok: true, value: i })));
  });
});

describe('Sandbox memory limit', () => {
  const small = new Sandbox({ timeoutMs: 10_000, memoryMb: 16 });
  afterAll(() => small.dispose());

  it.each([
    ['an array growing without bound', 'v => { if (v === 1) { const a = []; for (;;) a.push([v, v]) } return v }'],
    ['a Map growing without bound (a V8 out-of-memory isolated-vm cannot stop)', 'v => { if (v === 1) { const m = new Map(); for (let i = 0; ; i++) m.set(i, { i }) } return v }'],
  ])('fails the input that allocates %s and goes on', async (_name, source) => {
    expect(await small.evaluate(source, [0, 1, 2])).toEqual([
      { ok: true, value: 0 },
      { ok: false, error: 'Memory limit of 16 MiB exceeded' },
      { ok: true, value: 2 },
    ]);
    expect(await small.evaluateOne('x => x + 1', 1)).toEqual({ ok: true, value: 2 });
  });
});

describe('Sandbox batches', () => {
  it('returns 10,000 results aligned with their inputs', async () => {
    const inputs = Array.from({ length: 10_000 }, (_, i) => ({ i }));
    const results = await sandbox.evaluate('v => v.i % 7 === 0 ? v.missing.x : v.i * 2', inputs);
    expect(results).toHaveLength(10_000);
    results.forEach((result, i) => {
      expect(result).toEqual(i % 7 === 0 ? { ok: false, error: "TypeError: Cannot read properties of undefined (reading 'x')" } : { ok: true, value: i * 2 });
    });
  });

  it('answers an empty batch without work', async () => {
    expect(await sandbox.evaluate('v => v', [])).toEqual([]);
  });

  it('runs evaluations called at the same time one after another, each with its own results', async () => {
    const [a, b] = await Promise.all([sandbox.evaluate('v => v + 1', [1, 2]), sandbox.evaluate('v => v * 10', [1, 2])]);
    expect(a).toEqual([{ ok: true, value: 2 }, { ok: true, value: 3 }]);
    expect(b).toEqual([{ ok: true, value: 10 }, { ok: true, value: 20 }]);
  });
});

describe('Sandbox lifecycle', () => {
  it('rejects limits that cannot work', () => {
    expect(() => new Sandbox({ memoryMb: 4 })).toThrow(RangeError);
    expect(() => new Sandbox({ timeoutMs: 0 })).toThrow(RangeError);
  });

  it('survives its host process dying mid-evaluation, retrying the inputs one by one', async () => {
    const own = new Sandbox({ timeoutMs: 1000 });
    try {
      await own.evaluate('v => v', [0]);
      // Fault injection: reach the private host process to kill it as a V8 crash would.
      const { pid } = (own as unknown as { host: { child: { pid: number } } }).host.child;
      const pending = own.evaluate('v => { const end = Date.now() + 100; while (Date.now() < end) {} return v * 2 }', [1, 2, 3]);
      setTimeout(() => process.kill(pid, 'SIGKILL'), 50);
      expect(await pending).toEqual([1, 2, 3].map((v) => ({ ok: true, value: v * 2 })));
    } finally {
      own.dispose();
    }
  });

  it('refuses to evaluate once disposed', async () => {
    const disposed = new Sandbox();
    disposed.dispose();
    await expect(disposed.evaluate('v => v', [1])).rejects.toThrow('disposed');
  });
});
