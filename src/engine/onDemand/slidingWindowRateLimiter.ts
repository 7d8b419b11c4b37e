/** Whether one more request fits, and if not, how long until it would. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface SlidingWindowRateLimiter {
  /** Counts a request for `key` at `nowMs` when it fits in the window. */
  take(key: string, nowMs: number): RateDecision;
}

/**
 * At most `limit` requests per key in any window of `windowMs` (Graph's provisionOnDemand: 5 requests per
 * 10 seconds, reference/entra-engine.md §10.2). The clock comes in as a parameter, so tests need no timers.
 * State lives in this process: in Azure each instance counts its own requests, which bounds a job's on-demand
 * load per instance, the thing the limit protects (the target), without a storage write per request.
 */
export function slidingWindowRateLimiter(limit: number, windowMs: number): SlidingWindowRateLimiter {
  const recent = new Map<string, number[]>();
  return {
    take(key, nowMs) {
      const times = (recent.get(key) ?? []).filter((t) => t > nowMs - windowMs);
      if (times.length >= limit) {
        recent.set(key, times);
        // The oldest request leaves the window first; then one more fits.
        return { allowed: false, retryAfterMs: (times[0] ?? nowMs) + windowMs - nowMs };
      }
      times.push(nowMs);
      recent.set(key, times);
      // Forget keys whose window emptied, so that a long-lived process does not keep every job id it saw.
      if (recent.size > 1000) for (const [k, ts] of recent) if (ts.every((t) => t <= nowMs - windowMs)) recent.delete(k);
      return { allowed: true };
    },
  };
}
