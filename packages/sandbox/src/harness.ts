/**
 * The code that runs inside every isolate context, around the user's function.
 *
 * `installHarness` is serialized with Function.prototype.toString and evaluated in the isolate,
 * so it must stay self-contained: no imports, no references to anything outside its body, only
 * ECMAScript globals. It is type-checked here like the rest of the package.
 *
 * Protocol (one context per `evaluate`, see isolate-runner.ts):
 * - the harness is installed first, before any user code runs in the context, then the user's
 *   wrapped source is evaluated to a factory (see wrapSource);
 * - `load(json, start, factory, captureLog[, thenRun])` parses the inputs of one chunk, absolute
 *   indices from `start`; with thenRun, it goes on with `run` in the same call (small chunks);
 * - `run(single)` calls the function on the loaded inputs in order until the chunk ends, the time
 *   slice is used up, the output budget is reached, or (single) after one input. It returns one
 *   JSON text (a RunOutput), positions k relative to `start`: `values[k]` is the result (0 or null
 *   as a placeholder when it is in `objects`, `errors` or `pending`), `objects` is
 *   [k, value, k, value, ...], `errors` is [k, "message", ...], `pending` lists the k whose
 *   function returned a promise, `logs[k]` the console lines (null when not captured);
 * - `collect()` returns the entries of the inputs whose function returned a promise during the
 *   last `run`: `[index, 0, value, log]` or `[index, 1, "error message", log]`. The microtask
 *   queue drains at the end of every call, and nothing else (no timers, no I/O) can settle a
 *   promise, so a promise still pending then never settles.
 *
 * Progress goes to a SharedArrayBuffer the host can read even when the call is terminated:
 * [0] = index of the input started last, [1] = phase (PHASE below).
 */

/** The harness writes these as plain numbers (it cannot import): keep both in step. */
export const PHASE = { idle: 0, load: 1, run: 2, microtasks: 3, collect: 4, serialize: 5 } as const;

export interface HarnessOptions {
  /** Stop starting new inputs after this many ms in one `run` call. */
  sliceMs: number;
  /** Stop starting new inputs once the entries text of one `run` call is this long. */
  outputBudgetChars: number;
  maxLogLines: number;
  maxLogChars: number;
  neverSettledMessage: string;
}

export type HarnessFactory = (console: unknown) => unknown;

export interface RunOutput {
  start: number;
  next: number;
  values: unknown[];
  objects: unknown[];
  errors: unknown[];
  pending: number[];
  logs: string[][] | null;
}

export type CollectEntry = [index: number, isError: 0 | 1, payload: unknown, log: string[] | null];
export type HarnessDispatch = (
  op: 'load' | 'run' | 'collect',
  arg?: string | boolean,
  start?: number,
  factory?: HarnessFactory,
  captureLog?: boolean,
  thenRun?: 'single' | 'batch',
) => string | number;

/** Wraps the user's function expression so each input gets it with its own `console`. */
export const SOURCE_PREFIX = '(function (console) { return (';
export const SOURCE_SUFFIX = '\n); })';
export const SOURCE_FILENAME = 'function.js';

export function wrapSource(source: string): string {
  return SOURCE_PREFIX + source + SOURCE_SUFFIX;
}

/**
 * Turns V8's "Unexpected token ')' [function.js:1:40]" for the wrapped source into a message
 * about the user's own text.
 *
 * @example describeSyntaxError("Unexpected number [function.js:1:38]", 'x => x ++ 1') // "Syntax error: Unexpected number (line 1, column 9)"
 */
export function describeSyntaxError(message: string, source: string): string {
  const match = /\s*\[function\.js:(\d+):(\d+)\]$/.exec(message);
  if (!match) {
    return `Syntax error: ${message}`;
  }
  const text = message.slice(0, match.index);
  const line = Number(match[1]);
  const column = Number(match[2]) - (line === 1 ? SOURCE_PREFIX.length : 0);
  if (line > source.split('\n').length) {
    return `Syntax error: ${text} (at the end of the function)`;
  }
  return `Syntax error: ${text} (line ${line}, column ${column})`;
}

export function installHarness(progress: SharedArrayBuffer, optionsJson: string): HarnessDispatch {
  'use strict';
  // Captured before any user code runs in this context, so that a function replacing globals
  // (JSON, Date.now, Promise.prototype.then, ...) cannot break the protocol, only its own results.
  const global = globalThis as unknown as Record<string, unknown>;
  const bindCall = Function.prototype.bind.bind(Function.prototype.call) as <A extends unknown[], R>(
    f: (...args: A) => R,
  ) => (self: unknown, ...args: A) => R;
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const now = Date.now;
  const toString = String;
  const defineProperty = Object.defineProperty;
  const NativePromise = Promise;
  const promiseResolve = bindCall(Promise.resolve as (value: unknown) => Promise<unknown>);
  const promiseThen = bindCall(Promise.prototype.then as (onOk: (v: unknown) => void, onError: (e: unknown) => void) => Promise<unknown>);
  const charCodeAt = bindCall(String.prototype.charCodeAt);
  const slice = bindCall(String.prototype.slice);
  const join = bindCall(Array.prototype.join as (this: unknown[], separator: string) => string);
  const view = new Int32Array(progress);
  const { sliceMs, outputBudgetChars, maxLogLines, maxLogChars, neverSettledMessage } = parse(optionsJson) as HarnessOptions;

  // Plain ECMAScript only: no shared memory, no WebAssembly.
  delete global.SharedArrayBuffer;
  delete global.Atomics;
  delete global.WebAssembly;

  interface Log {
    text: string;
    lines: number;
    chars: number;
    full: boolean;
  }
  interface AsyncItem {
    index: number;
    log: Log | null;
    settled: boolean;
    isError: boolean;
    payload: string;
  }

  let factory: HarnessFactory = () => undefined;
  let captureLog = false;
  let inputs: unknown[] = [];
  let base = 0;
  let position = 0;
  let asyncItems: AsyncItem[] = [];
  let asyncCount = 0;
  // Where console.log on the global console goes: the input running now, or the last one started.
  let currentLog: Log | null = null;

  function describeError(e: unknown): string {
    try {
      if (e !== null && typeof e === 'object') {
        const error = e as { name?: unknown; message?: unknown };
        const message = error.message;
        if (typeof message === 'string') {
          const name = typeof error.name === 'string' && error.name !== '' ? error.name : 'Error';
          return message === '' ? name : name + ': ' + message;
        }
        const json = stringify(e);
        if (json !== undefined) {
          return 'Uncaught ' + json;
        }
      }
      return 'Uncaught ' + toString(e);
    } catch {
      return 'Uncaught exception';
    }
  }

  function formatArgument(value: unknown): string {
    const type = typeof value;
    if (type === 'string') {
      return value as string;
    }
    if (type === 'function') {
      return '[Function]';
    }
    if (value === null || type !== 'object') {
      return toString(value);
    }
    try {
      const message = (value as { message?: unknown }).message;
      if (typeof message === 'string' && typeof (value as { stack?: unknown }).stack === 'string') {
        return describeError(value);
      }
      const json = stringify(value);
      return json === undefined ? toString(value) : json;
    } catch {
      return '[object]';
    }
  }

  function write(log: Log | null, level: string, args: unknown[]): void {
    if (log === null || log.full) {
      return;
    }
    let line = level === 'log' ? '' : '[' + level + '] ';
    for (let k = 0; k < args.length; k++) {
      line += (k > 0 ? ' ' : '') + formatArgument(args[k]);
    }
    if (log.lines >= maxLogLines || log.chars + line.length > maxLogChars) {
      log.full = true;
      line = '[log truncated: at most ' + maxLogLines + ' lines and ' + maxLogChars + ' characters per input]';
    }
    log.text += (log.lines > 0 ? ',' : '') + stringify(line);
    log.lines++;
    log.chars += line.length;
  }

  function makeConsole(log: Log | null): unknown {
    return {
      log: (...args: unknown[]) => write(log, 'log', args),
      info: (...args: unknown[]) => write(log, 'info', args),
      debug: (...args: unknown[]) => write(log, 'debug', args),
      warn: (...args: unknown[]) => write(log, 'warn', args),
      error: (...args: unknown[]) => write(log, 'error', args),
    };
  }

  const silentConsole = makeConsole(null);
  defineProperty(global, 'console', {
    value: {
      log: (...args: unknown[]) => write(currentLog, 'log', args),
      info: (...args: unknown[]) => write(currentLog, 'info', args),
      debug: (...args: unknown[]) => write(currentLog, 'debug', args),
      warn: (...args: unknown[]) => write(currentLog, 'warn', args),
      error: (...args: unknown[]) => write(currentLog, 'error', args),
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });

  function entry(index: number, isError: boolean, payload: string, log: Log | null): string {
    return '[' + index + (isError ? ',1,' : ',0,') + payload + ',' + (log === null ? 'null' : '[' + log.text + ']') + ']';
  }

  function notJson(e: unknown): string {
    const message = e !== null && typeof e === 'object' ? (e as { message?: unknown }).message : undefined;
    return 'Result is not JSON: ' + (typeof message === 'string' ? message : describeError(e));
  }

  /** The JSON text of a result, or an error message prefixed with "!" (33), which JSON never starts with. */
  function resultText(value: unknown): string {
    const type = typeof value;
    if (type === 'function' || type === 'symbol') {
      return '!Result is not JSON: a ' + type;
    }
    if (type === 'bigint') {
      return '!Result is not JSON: a BigInt';
    }
    let text: string | undefined;
    try {
      text = stringify(value);
    } catch (e) {
      return '!' + notJson(e);
    }
    return text === undefined ? 'null' : text;
  }

  function settle(item: AsyncItem, isError: boolean, text: string): void {
    if (!item.settled) {
      item.settled = true;
      item.isError = isError;
      item.payload = text;
    }
  }

  // The results of one `run` call, by position k = index - runStart. Primitive results are kept
  // as they are and serialized together at the end (one JSON.stringify over many numbers is far
  // cheaper than one per input); objects are serialized as they come, so that their size counts
  // against the output budget and an error in toJSON or a cycle is pinned on its input.
  let runStart = 0;
  let values: unknown[] = [];
  let objectParts: unknown[] = [];
  let objectCount = 0;
  let errors = '';
  let pending = '';
  let logParts: string[] = [];
  let outputChars = 0;

  function fail(k: number, message: string): void {
    values[k] = null;
    errors += (errors === '' ? '' : ',') + k + ',' + stringify(message);
  }

  /** Runs one input and files its result (or its promise) at position k. */
  function runOne(k: number, input: unknown): void {
    const log: Log | null = captureLog ? { text: '', lines: 0, chars: 0, full: false } : null;
    currentLog = log;
    try {
      const fn = factory(log === null ? silentConsole : makeConsole(log));
      if (typeof fn !== 'function') {
        fail(k, 'The source must be a function expression; it evaluates to ' + (fn === null ? 'null' : typeof fn));
        return;
      }
      const result: unknown = fn(input);
      const type = typeof result;
      if (result === null || result === undefined || type === 'number' || type === 'boolean') {
        values[k] = result;
      } else if (type === 'string') {
        values[k] = result;
        outputChars += (result as string).length;
      } else if (type === 'function' || type === 'symbol' || type === 'bigint') {
        fail(k, 'Result is not JSON: a ' + (type === 'bigint' ? 'BigInt' : type));
      } else if (typeof (result as { then?: unknown }).then === 'function') {
        const index = runStart + k;
        const item: AsyncItem = { index, log, settled: false, isError: false, payload: '' };
        asyncItems[asyncCount++] = item;
        values[k] = null;
        pending += (pending === '' ? '' : ',') + k;
        promiseThen(
          promiseResolve(NativePromise, result),
          (value: unknown) => {
            const text = resultText(value);
            const isError = charCodeAt(text, 0) === 33;
            settle(item, isError, isError ? stringify(slice(text, 1)) : text);
          },
          (e: unknown) => settle(item, true, stringify(describeError(e))),
        );
      } else {
        let text: string | undefined;
        try {
          text = stringify(result);
        } catch (e) {
          fail(k, notJson(e));
          return;
        }
        values[k] = 0;
        objectParts[objectCount++] = k;
        objectParts[objectCount++] = text === undefined ? 'null' : text;
        outputChars += text === undefined ? 4 : text.length;
      }
    } catch (e) {
      fail(k, describeError(e));
    } finally {
      if (log !== null) {
        logParts[k] = '[' + log.text + ']';
      }
    }
  }

  function load(json: string, start: number, userFactory: HarnessFactory, capture: boolean): number {
    view[1] = 1;
    factory = userFactory;
    captureLog = capture;
    inputs = parse(json) as unknown[];
    base = start;
    position = 0;
    asyncItems = [];
    asyncCount = 0;
    view[1] = 0;
    return inputs.length;
  }

  function run(single: boolean): string {
    const started = now();
    runStart = base + position;
    values = [];
    objectParts = [];
    objectCount = 0;
    errors = '';
    pending = '';
    logParts = [];
    outputChars = 0;
    view[1] = 2;
    let k = 0;
    while (position < inputs.length) {
      const input = inputs[position];
      inputs[position] = undefined; // let it be collected once its function is done
      position++;
      view[0] = runStart + k;
      runOne(k, input);
      k++;
      if (single || now() - started >= sliceMs || outputChars >= outputBudgetChars) {
        break;
      }
    }
    // Serializing can run user code (an Array.prototype.toJSON): not any single input's time.
    view[1] = 5;
    const text =
      '{"start":' + runStart + ',"next":' + (runStart + k) + ',"values":' + stringify(values) + ',"objects":[' + join(objectParts, ',') +
      '],"errors":[' + errors + '],"pending":[' + pending + '],"logs":' + (captureLog ? '[' + join(logParts, ',') + ']' : 'null') + '}';
    view[1] = 3;
    return text;
  }

  function collect(): string {
    view[1] = 4;
    let out = '';
    for (let k = 0; k < asyncCount; k++) {
      const item = asyncItems[k] as AsyncItem;
      const text = item.settled ? entry(item.index, item.isError, item.payload, item.log) : entry(item.index, true, stringify(neverSettledMessage), item.log);
      out += (k === 0 ? '' : ',') + text;
    }
    asyncItems = [];
    asyncCount = 0;
    view[1] = 0;
    return '[' + out + ']';
  }

  return function dispatch(op, arg, start, userFactory, capture, thenRun) {
    if (op === 'load') {
      const count = load(arg as string, start as number, userFactory as HarnessFactory, capture === true);
      return thenRun === undefined ? count : run(thenRun === 'single');
    }
    if (op === 'run') {
      return run(arg === true);
    }
    return collect();
  };
}

export const HARNESS_SOURCE = `(${installHarness.toString()})`;
