import type { JobDefinition } from '../domain/jobDefinition';
import type { CycleExecution, JobState } from '../domain/jobState';
import { enterQuarantine } from '../safety/enterQuarantine';
import { nextRunAt } from './nextRunAt';

export interface CycleFailure {
  code: string;
  /** For the operator: never a secret (source errors carry none). */
  message: string;
  /** The source refuses us or cannot be reached (credentials, DNS, TLS): Entra quarantines (reference/entra-engine.md §8.2). */
  quarantine: boolean;
}

/**
 * The job state once the running cycle is given up: a Failed execution (Graph's lastExecution), one more
 * successive complete failure, the watermark untouched (the next cycle reads the same changes again), and the
 * next run on the schedule, or, for credentials and connection failures, a quarantine with reason
 * EncounteredQuarantineException (src/safety/enterQuarantine: daily retries, disabled after four weeks).
 */
export function failCycle(state: JobState, job: Pick<JobDefinition, 'schedule' | 'settings'>, now: Date, failure: CycleFailure): JobState {
  const cycle = state.cycle;
  if (!cycle) return state;
  const error = { code: failure.code, message: failure.message };
  const execution: CycleExecution = {
    activityIdentifier: cycle.cycleId,
    kind: cycle.kind,
    state: 'Failed',
    timeBegan: cycle.began,
    timeEnded: now.toISOString(),
    countImported: cycle.objectsRead,
    countQueued: cycle.objectsQueued,
    countDeleted: cycle.objectsDeleted,
    error,
  };
  const next: JobState = { ...state, lastExecution: execution, countSuccessiveCompleteFailures: state.countSuccessiveCompleteFailures + 1 };
  delete next.cycle;
  delete next.cycleLeaseUntil;
  // Approved deletes not yet applied stay approved for the next cycle.
  if (cycle.forceDeletes) next.forceDeletes = true;
  next.nextRunAt = nextRunAt(next, job, cycle.began);
  if (!failure.quarantine) return next;
  return enterQuarantine(next, { reason: 'EncounteredQuarantineException', error, cycleId: cycle.cycleId }, now, job.settings);
}
