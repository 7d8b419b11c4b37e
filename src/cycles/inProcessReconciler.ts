import type { JobDefinition } from '../domain/jobDefinition';
import type { JobState } from '../domain/jobState';
import type { ReconcileMessage } from '../domain/reconcileMessage';
import type { StagingStore } from '../state/stagingStore';

/** A message's reconciles, done; `record` retries, escrows, logs and counts them (after their rows are written). */
export interface ReconciledWork {
  /** Objects reconciled (every key of the message that did not come back as a retry). */
  readonly finished: number;
  record(): Promise<void>;
}

/**
 * How a cycle reconciles objects in its own process (importWindow), through the same use case and bookkeeping
 * as the queue handler (src/app/createInProcessReconciler.ts), but with staging the cycle holds in memory.
 */
export interface InProcessReconciler {
  reconcile(job: JobDefinition, state: JobState, message: ReconcileMessage, staging: StagingStore): Promise<ReconciledWork>;
}
