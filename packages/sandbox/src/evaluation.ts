/**
 * The outcome of one function call on one input. A failing function is a value, not an exception.
 * `value` is JSON-compatible: undefined and non-finite numbers become null, a Date its ISO string
 * (JSON.stringify semantics). `log` is present when the console was captured.
 */
export type Evaluation =
  | { ok: true; value: unknown; log?: string[] }
  | { ok: false; error: string; log?: string[] };

/** After this many inputs in a row fail on a limit, the rest of the call is not run. */
export const MAX_CONSECUTIVE_LIMIT_FAILURES = 3;

export type LimitKind = 'timeout' | 'memory';

/** @example timeoutMessage(1000) // "Timed out after 1000 ms" */
export function timeoutMessage(timeoutMs: number): string {
  return `Timed out after ${timeoutMs} ms`;
}

/** @example memoryMessage(64) // "Memory limit of 64 MiB exceeded" */
export function memoryMessage(memoryMb: number): string {
  return `Memory limit of ${memoryMb} MiB exceeded`;
}

/** The error given to inputs that were not run because the inputs before them kept failing. */
export function skippedMessage(failure: string): string {
  return `${failure} (not run: the function hit this limit on ${MAX_CONSECUTIVE_LIMIT_FAILURES} inputs in a row)`;
}

export const NEVER_SETTLED_MESSAGE = 'The returned promise never settled (the sandbox has no timers or I/O to settle it)';

/**
 * Describes a value that cannot cross into the sandbox or come back from it.
 *
 * @example toJsonText(undefined) // { text: 'null' }
 */
export function toJsonText(value: unknown): { text: string } | { error: string } {
  const type = typeof value;
  if (type === 'function' || type === 'symbol') {
    return { error: `a ${type}` };
  }
  if (type === 'bigint') {
    return { error: 'a BigInt' };
  }
  try {
    return { text: JSON.stringify(value) ?? 'null' };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
