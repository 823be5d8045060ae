/** Resource limits for users' functions. */
export interface SandboxLimits {
  /** CPU/wall time allowed for one function call on one input, in ms (default 1000). */
  timeoutMs: number;
  /** Isolate heap limit in MiB (default 64; isolated-vm minimum is 8). */
  memoryMb: number;
}

export const DEFAULT_SANDBOX_LIMITS: Readonly<SandboxLimits> = Object.freeze({ timeoutMs: 1000, memoryMb: 64 });

/** isolated-vm refuses smaller heaps. */
export const MIN_MEMORY_MB = 8;

/** Lines and characters of console output kept per input when the log is captured. */
export const LOG_MAX_LINES = 100;
export const LOG_MAX_CHARS = 10_000;

/**
 * Fills in defaults and rejects values that cannot work. Throws RangeError: bad limits are a
 * programming error, not a user's function failing.
 *
 * @example resolveLimits({ timeoutMs: 200 }) // { timeoutMs: 200, memoryMb: 64 }
 */
export function resolveLimits(limits: Partial<SandboxLimits> = {}): SandboxLimits {
  const timeoutMs = limits.timeoutMs ?? DEFAULT_SANDBOX_LIMITS.timeoutMs;
  const memoryMb = limits.memoryMb ?? DEFAULT_SANDBOX_LIMITS.memoryMb;
  if (!Number.isFinite(timeoutMs) || timeoutMs < 1) {
    throw new RangeError(`timeoutMs must be a number of milliseconds >= 1, got ${timeoutMs}`);
  }
  if (!Number.isFinite(memoryMb) || memoryMb < MIN_MEMORY_MB) {
    throw new RangeError(`memoryMb must be a number of MiB >= ${MIN_MEMORY_MB}, got ${memoryMb}`);
  }
  return { timeoutMs: Math.round(timeoutMs), memoryMb: Math.floor(memoryMb) };
}
