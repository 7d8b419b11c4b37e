import type { JobState } from '../domain/jobState';

/**
 * The job state once a quarantine is lifted (the errors are gone, §8.1; "any success ends quarantine and
 * restores the normal cadence", §7): the series ends, and a quarantined job is Active again. The next run
 * time is left to the scheduler, which sets the normal cadence from here.
 */
export function leaveQuarantine(state: JobState): JobState {
  if (!state.quarantine) return state;
  const next: JobState = { ...state };
  delete next.quarantine;
  if (next.code === 'Quarantine') next.code = 'Active';
  return next;
}
