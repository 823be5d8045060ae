/**
 * Slows down whoever keeps failing to authenticate, without making the server wait: after
 * `freeFailures` failures for a key (an IP address, a username), further attempts are refused
 * at once for a delay that doubles with each failure, up to `maxDelayMs`. A success clears the key.
 * In memory, per API process: a deployment with several replicas multiplies the allowance.
 */
export interface FailureLimiterOptions {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  windowMs: number;
  maxKeys?: number;
}

interface Entry {
  failures: number;
  lastFailure: number;
  blockedUntil: number;
}

export class FailureLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: FailureLimiterOptions) {}

  /** Milliseconds the caller must still wait, or 0 when it may try now. */
  retryAfterMs(key: string, now: number): number {
    const entry = this.entries.get(key);
    if (!entry) {
      return 0;
    }
    if (now - entry.lastFailure > this.options.windowMs) {
      this.entries.delete(key);
      return 0;
    }
    return Math.max(0, entry.blockedUntil - now);
  }

  recordFailure(key: string, now: number): void {
    const previous = this.entries.get(key);
    const failures = previous && now - previous.lastFailure <= this.options.windowMs ? previous.failures + 1 : 1;
    const over = failures - this.options.freeFailures;
    const delay = over > 0 ? Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (over - 1)) : 0;
    this.entries.delete(key); // re-insert: Map order is the eviction order
    this.entries.set(key, { failures, lastFailure: now, blockedUntil: now + delay });
    const max = this.options.maxKeys ?? 100_000;
    if (this.entries.size > max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) {
        this.entries.delete(oldest);
      }
    }
  }

  recordSuccess(key: string): void {
    this.entries.delete(key);
  }
}
