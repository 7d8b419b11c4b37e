/** Counts of one cycle's reconciles by `${action}.${status}` (e.g. "create.success", "update.failure"). */
export type CycleCounts = Record<string, number>;

/**
 * Per-cycle counters, written by the reconcile handlers (one write per message, never a shared row that
 * every handler would fight over) and summed by whoever needs them: the job status, the quarantine
 * evaluation, the accidental-deletion threshold.
 */
export interface CycleCounterStore {
  /** Adds one message's counts to the cycle. `writeId` makes a redelivered message's write idempotent. */
  add(jobId: string, cycleId: string, writeId: string, counts: CycleCounts): Promise<void>;
  sum(jobId: string, cycleId: string): Promise<CycleCounts>;
  /**
   * Reserves one delete or disable in the cycle against the job's threshold: 'allowed' while fewer than
   * `threshold - 1` were reserved before (Entra cloud sync: a threshold of 500 permits at most 499), 'held'
   * from then on. Atomic across handlers (ETag concurrency).
   * With `objectKey`, idempotent per object: a second reservation for the same object in the same cycle (a
   * retry of a delete that failed, a redelivered message) returns the first verdict and counts nothing.
   */
  reserveDeletion(jobId: string, cycleId: string, threshold: number, objectKey?: string): Promise<'allowed' | 'held'>;
}
