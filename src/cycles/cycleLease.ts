/**
 * How long a cycle's holder may stay silent, by default (Services.cycleLeaseInMs). Every page extends it; a cycle
 * whose lease passed is resumed by the scheduler (its page message was lost: a crash between the state write and
 * the send, or dead-lettered after repeated failures). Long enough for a page message to wait behind the
 * reconciles its predecessors enqueued on the same queue: a resume while the message is merely late only sends a
 * duplicate, which is dropped.
 */
export const CYCLE_LEASE_IN_MS = 10 * 60_000;

/**
 * Resumes without a page done in between before the cycle is given up as Failed: its page keeps failing, and
 * resending it forever would hide that from the operator, who sees the failed execution instead. The next
 * cycle then runs on the normal schedule.
 */
export const MAX_CYCLE_RESUMES = 3;

/** The end of a lease of `leaseInMs` taken now, held `extraInMs` longer (a throttled page waits that long first). */
export function leaseUntil(now: Date, leaseInMs: number, extraInMs = 0): string {
  return new Date(now.getTime() + leaseInMs + extraInMs).toISOString();
}
