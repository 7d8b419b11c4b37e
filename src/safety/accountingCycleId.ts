import type { JobDefinition } from '../domain/jobDefinition';
import type { JobState } from '../domain/jobState';
import type { ReconcileMessage } from '../domain/reconcileMessage';
import { isoDurationInMs } from './isoDurationInMs';

/**
 * The cycle a message's reconciles count in (cycle counters) and its deletes are reserved in (the
 * accidental-deletion threshold, "evaluated per cycle", reference/entra-engine.md §9):
 * - a message of a cycle the job ran (the running one, or the last) counts in that cycle;
 * - anything else counts in the running cycle, if one is running: escrow retries (Entra retries escrowed
 *   objects "in later cycles", §7) and approved deletes;
 * - and otherwise in a clock window as long as the job's schedule interval (Entra: 40 minutes). Bulk uploads
 *   and directory changes are pushed, and their cycleIds name one upload or one change: per-upload counting
 *   would let 10,000 deletes through in 100 uploads of 100. A window is what a polled source's cycle would
 *   have gathered; a burst that straddles two windows can pass up to twice the threshold less two.
 */
export function accountingCycleId(state: JobState, message: Pick<ReconcileMessage, 'cycleId'>, job: Pick<JobDefinition, 'schedule'>, now: Date): string {
  if (message.cycleId === state.cycle?.cycleId || message.cycleId === state.lastExecution?.activityIdentifier) return message.cycleId;
  if (state.cycle) return state.cycle.cycleId;
  const length = Math.max(isoDurationInMs(job.schedule.interval), 60_000);
  return `window:${new Date(Math.floor(now.getTime() / length) * length).toISOString()}`;
}
