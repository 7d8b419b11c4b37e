import { slidingWindowRateLimiter } from '../../src/engine/onDemand/slidingWindowRateLimiter';

describe('slidingWindowRateLimiter (Graph provisionOnDemand: 5 requests per 10 s)', () => {
  it('allows 5 in any 10 s, then says when the oldest leaves the window', () => {
    const limiter = slidingWindowRateLimiter(5, 10_000);
    for (const t of [0, 1000, 2000, 3000, 4000]) expect(limiter.take('j', t)).toEqual({ allowed: true });
    expect(limiter.take('j', 4500)).toEqual({ allowed: false, retryAfterMs: 5500 });
    // A refused request does not count.
    expect(limiter.take('j', 9999)).toEqual({ allowed: false, retryAfterMs: 1 });
    expect(limiter.take('j', 10_000)).toEqual({ allowed: true });
    expect(limiter.take('j', 10_001)).toEqual({ allowed: false, retryAfterMs: 999 });
  });

  it('counts each job on its own', () => {
    const limiter = slidingWindowRateLimiter(1, 10_000);
    expect(limiter.take('a', 0).allowed).toBe(true);
    expect(limiter.take('b', 0).allowed).toBe(true);
    expect(limiter.take('a', 1).allowed).toBe(false);
  });
});
