import type { JobDefinition } from '../domain/jobDefinition';
import type { JobState } from '../domain/jobState';
import { updateJobState } from '../jobs/updateJobState';
import type { CycleCounterStore } from '../state/cycleCounterStore';
import type { JobStateStore } from '../state/jobStateStore';
import type { StagedDeleteStore } from '../state/stagedDeleteStore';
import type { DeletionGate, DeletionRequest } from './deletionGate';
import { enterQuarantine } from './enterQuarantine';

export interface DeletionGateDeps {
  cycleCounters: Pick<CycleCounterStore, 'reserveDeletion'>;
  stagedDeletes: Pick<StagedDeleteStore, 'hold'>;
  jobStates: JobStateStore;
  now(): Date;
}

export interface DeletionGateContext {
  job: JobDefinition;
  /** The job's state as the message handler read it. */
  state: JobState;
  /** Where the deletes are counted (accountingCycleId). */
  accountingCycleId: string;
}

/**
 * The accidental-deletion threshold (reference/entra-engine.md §9) for one message's reconciles. Each delete
 * or disable reserves a place in its cycle (CycleCounterStore.reserveDeletion, atomic across handlers and
 * idempotent per object); the one that would reach settings.accidentalDeletionThreshold is held, and so is
 * every later one: ">=", as Entra cloud sync documents it (500 permits at most 499). The app-provisioning
 * page says "exceed"; the job schema's setting promises the stricter reading, which errs towards holding.
 * A hold is recorded (StagedDeleteStore) and quarantines the job with TooManyDeletes; while that quarantine
 * lasts every delete is held without reserving, whatever cycle it falls in, until an operator approves them
 * (releaseStagedDeletes) or restarts the job. Undefined when the job turned the threshold off (0).
 */
export function createDeletionGate(deps: DeletionGateDeps, context: DeletionGateContext): DeletionGate | undefined {
  const { job, accountingCycleId } = context;
  const threshold = job.settings.accidentalDeletionThreshold;
  if (threshold === 0) return undefined;
  let quarantined = context.state.quarantine?.reason === 'TooManyDeletes';
  return async (request: DeletionRequest) => {
    const verdict = quarantined ? 'held' : await deps.cycleCounters.reserveDeletion(job.id, accountingCycleId, threshold, JSON.stringify([request.objectType, request.sourceKey]));
    if (verdict === 'allowed') return 'allowed';
    const now = deps.now();
    await deps.stagedDeletes.hold({ ...request, heldAt: now.toISOString() });
    if (!quarantined) {
      const error = {
        code: 'TooManyDeletes',
        message: `Deletes and disables in cycle ${accountingCycleId} reached the accidental-deletion threshold of ${threshold}; the rest are held as StagedDelete. Restart the job with ForceDeletes to apply them, or fix the source and restart.`,
      };
      await updateJobState(deps.jobStates, job.id, (state) =>
        state.quarantine?.reason === 'TooManyDeletes' ? state : enterQuarantine(state, { reason: 'TooManyDeletes', cycleId: accountingCycleId, error }, now, job.settings),
      );
      quarantined = true;
    }
    return 'held';
  };
}
