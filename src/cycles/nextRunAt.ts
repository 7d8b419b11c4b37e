import type { JobDefinition } from '../domain/jobDefinition';
import type { JobState } from '../domain/jobState';
import { isoDurationInMs } from '../safety/isoDurationInMs';

/**
 * When the cycle after one that began at `began` starts: one schedule interval after the start, as Entra's
 * fixed 40-minute cadence counts (reference/entra-engine.md §13.2), or the quarantine interval while the job is
 * quarantined (§8.1: cycles slow to once a day). A cycle that ran longer than the interval is followed at once.
 */
export function nextRunAt(state: Pick<JobState, 'code'>, job: Pick<JobDefinition, 'schedule' | 'settings'>, began: string): string {
  const interval = state.code === 'Quarantine' ? job.settings.quarantine.interval : job.schedule.interval;
  return new Date(Date.parse(began) + isoDurationInMs(interval)).toISOString();
}
