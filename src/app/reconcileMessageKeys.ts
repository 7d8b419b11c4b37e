import type { JobDefinition } from '../domain/jobDefinition';
import type { JobState } from '../domain/jobState';
import type { ReconcileMessage } from '../domain/reconcileMessage';
import { mapBounded } from '../concurrency/mapBounded';
import { reconcileConcurrency } from '../engine/reconcileConcurrency';
import { reconcileObject, type ReconcileOutcome } from '../engine/reconcileObject';
import { accountingCycleId } from '../safety/accountingCycleId';
import { createDeletionGate } from '../safety/createDeletionGate';
import type { StagingStore } from '../state/stagingStore';
import type { Services } from './services';

/** One message's objects, reconciled and not yet recorded (recordReconcileOutcomes does that). */
export interface ReconciledMessage {
  message: ReconcileMessage;
  /** The message's distinct keys, in the order of `outcomes`. */
  keys: string[];
  outcomes: ReconcileOutcome[];
  /** The cycle the message counts in (accountingCycleId). */
  countIn: string;
}

/**
 * Reconciles every object a message names, `job.target.maxConcurrency` at a time (more with bulk creates:
 * reconcileConcurrency), through `staging` (the
 * service's staging store, unless a caller reconciles objects it holds in memory: src/cycles/importWindow.ts).
 */
export async function reconcileMessageKeys(services: Services, job: JobDefinition, state: JobState, message: ReconcileMessage, staging: StagingStore = services.staging): Promise<ReconciledMessage> {
  const now = services.now();
  const countIn = accountingCycleId(state, message, job, now);
  // Approved deletes (restart with ForceDeletes) pass the accidental-deletion threshold.
  const deletionGate = message.forceDelete ? undefined : createDeletionGate(services, { job, state, accountingCycleId: countIn });
  const connector = services.connectorFor(job);
  const keys = [...new Set(message.sourceKeys)];
  const outcomes = await mapBounded(keys, reconcileConcurrency(job.target), (sourceKey) =>
    reconcileObject(
      { staging, connector, now: () => services.now(), newId: () => services.newId(), targetIndexes: services.targetIndexes, referenceWaits: services.referenceWaits, ...(deletionGate ? { deletionGate } : {}) },
      {
        job,
        objectType: message.objectType,
        sourceKey,
        cycleId: message.cycleId,
        attempt: message.attempt,
        ...(message.targetIndex !== undefined ? { targetIndex: message.targetIndex } : {}),
        ...(message.escrow ? { escrow: { firstFailedAt: message.escrow.firstFailedAt, failures: message.escrow.failures } } : {}),
      },
    ),
  );
  return { message, keys, outcomes, countIn };
}
