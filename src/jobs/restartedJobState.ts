import type { JobState } from '../domain/jobState';
import type { ResetScopeFlag } from './parseRestartCriteria';

/**
 * The job state after a restart with `scope` (reference/entra-engine.md §5.6), pure so that every
 * combination is tested by table:
 * - Watermark: the watermark is cleared, so the next cycle is an initial cycle that re-evaluates every
 *   object; a cycle still running is dropped too (its next page finds no cycle and stops), because it would
 *   otherwise save its watermark at the end and undo the reset.
 * - Escrows: escrowEpoch + 1, so escrow retries scheduled before carry an older epoch and are dropped.
 * - QuarantineState: quarantine lifted.
 * - ForceDeletes: forceDeletes set for the next cycle, and a TooManyDeletes quarantine lifted, since
 *   approving the deletes is what that quarantine waits for (§9).
 * ConnectorDataStore changes no field here: links live in the staging store (restartJob clears them).
 * Every restart makes the job run now. A quarantine the scope leaves in place keeps the job in Quarantine
 * (the slow cadence continues until a cycle succeeds), with its next attempt now.
 */
export function restartedJobState(state: JobState, scope: ReadonlySet<ResetScopeFlag>, now: string): JobState {
  const next: JobState = { ...state, nextRunAt: now };
  if (scope.has('Watermark')) {
    delete next.watermark;
    delete next.cycle;
    delete next.cycleLeaseUntil;
  }
  if (scope.has('Escrows')) next.escrowEpoch = state.escrowEpoch + 1;
  if (scope.has('ForceDeletes')) next.forceDeletes = true;
  const liftQuarantine = scope.has('QuarantineState') || (scope.has('ForceDeletes') && state.quarantine?.reason === 'TooManyDeletes');
  if (liftQuarantine) delete next.quarantine;
  if (next.quarantine) {
    next.code = 'Quarantine';
    next.quarantine = { ...next.quarantine, nextAttempt: now };
  } else {
    next.code = 'Active';
  }
  return next;
}
