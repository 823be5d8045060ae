import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './failure-limiter';

const options = { freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 8000, windowMs: 60_000 };

describe('FailureLimiter', () => {
  it('lets the first failures through, then refuses for a delay that doubles up to a cap', () => {
    const limiter = new FailureLimiter(options);
    const delays: number[] = [];
    let now = 0;
    for (let i = 0; i < 7; i++) {
      limiter.recordFailure('ip', now);
      delays.push(limiter.retryAfterMs('ip', now));
      now += 10;
    }
    expect(delays).toEqual([0, 0, 0, 1000, 2000, 4000, 8000]);
  });

  it('allows the next try once the delay has passed', () => {
    const limiter = new FailureLimiter(options);
    for (let i = 0; i < 4; i++) {
      limiter.recordFailure('ip', 0);
    }
    expect(limiter.retryAfterMs('ip', 500)).toBe(500);
    expect(limiter.retryAfterMs('ip', 1000)).toBe(0);
  });

  it('forgets a key after a success or after the window', () => {
    const limiter = new FailureLimiter(options);
    for (let i = 0; i < 5; i++) {
      limiter.recordFailure('a', 0);
      limiter.recordFailure('b', 0);
    }
    limiter.recordSuccess('a');
    expect(limiter.retryAfterMs('a', 1)).toBe(0);
    expect(limiter.retryAfterMs('b', 1)).toBeGreaterThan(0);
    expect(limiter.retryAfterMs('b', 60_001)).toBe(0);
  });

  it('keeps at most maxKeys keys, dropping the oldest', () => {
    const limiter = new FailureLimiter({ ...options, freeFailures: 0, maxKeys: 2 });
    limiter.recordFailure('1', 0);
    limiter.recordFailure('2', 0);
    limiter.recordFailure('3', 0);
    expect(limiter.retryAfterMs('1', 1)).toBe(0);
    expect(limiter.retryAfterMs('3', 1)).toBeGreaterThan(0);
  });
});
