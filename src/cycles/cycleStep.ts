import type { JobDefinition } from '../domain/jobDefinition';
import type { JobState } from '../domain/jobState';
import { classifyCycleFailure } from './classifyCycleFailure';
import { leaseUntil } from './cycleLease';
import { failCycle } from './failCycle';

/**
 * What one page message did, as a change to the job state. The change is a pure function of the newest state,
 * so that it can be applied again after a conflicting write (an operator's pause, the scheduler's resume).
 */
export interface CycleStep {
  /** 'parked': the job is paused or disabled, the page is left undone and no message sent (parkCycle). */
  outcome: 'advanced' | 'finished' | 'failed' | 'deferred' | 'parked';
  transition(state: JobState): JobState;
  /** Delay before the next page message: a throttled source's Retry-After. */
  delayInMs?: number;
}

/**
 * The step for a page whose source (or, while indexing, target) failed, by what the error says to do
 * (classifyCycleFailure). Throws the error itself when the queue should redeliver the message.
 */
export function failureStep(error: unknown, job: Pick<JobDefinition, 'schedule' | 'settings'>, now: Date, leaseInMs: number): CycleStep {
  const action = classifyCycleFailure(error);
  switch (action.kind) {
    case 'redeliver':
      throw error;
    case 'retryAfter':
      // The same page again after the delay, with the lease held past it so that the scheduler does not resume it meanwhile.
      return { outcome: 'deferred', delayInMs: action.delayInMs, transition: (state) => ({ ...state, cycleLeaseUntil: leaseUntil(now, leaseInMs, action.delayInMs) }) };
    case 'fail':
      return { outcome: 'failed', transition: (state) => failCycle(state, job, now, action.failure) };
  }
}

/**
 * The step for a page of a job that was paused (or disabled) while its cycle ran: the page is not done, the
 * cycle keeps its cursor, and the lease goes, which tells the scheduler that the cycle is parked rather than
 * stalled: after /start it is resumed at once, from where it stopped (Graph's pause: "the job will continue
 * from where it left off when a start call is made").
 */
export const PARK_STEP: CycleStep = {
  outcome: 'parked',
  transition: (state) => {
    const next = { ...state };
    delete next.cycleLeaseUntil;
    return next;
  },
};
