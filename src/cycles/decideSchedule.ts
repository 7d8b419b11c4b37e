import type { JobDefinition } from '../domain/jobDefinition';
import type { JobState } from '../domain/jobState';
import { isoDurationInMs } from '../safety/isoDurationInMs';
import { MAX_CYCLE_RESUMES } from './cycleLease';

/**
 * What the scheduler does about one job on one tick:
 * - idle: nothing is due;
 * - disable: quarantined longer than settings.quarantine.disableAfter (Entra: four weeks, §5.3, §8.1);
 * - resume: send the running cycle's expected page message again, because the cycle was parked by a pause
 *   (no lease) or its lease passed (the message was lost or dead-lettered; `stalled`);
 * - abandon: the cycle stalled too often without progress: it fails, and the next runs on schedule;
 * - start: no cycle runs and the next run is due.
 */
export type ScheduleDecision = { kind: 'idle' } | { kind: 'disable' } | { kind: 'resume'; stalled: boolean } | { kind: 'abandon' } | { kind: 'start' };

/**
 * Only Active and Quarantine jobs run: a job runs only after POST /start (as in Graph, where a new job is NotRun
 * until started); a Paused job keeps its cycle for /start; a Disabled one waits for an operator.
 */
export function decideSchedule(state: JobState, job: Pick<JobDefinition, 'settings'>, now: Date): ScheduleDecision {
  if (state.code !== 'Active' && state.code !== 'Quarantine') return { kind: 'idle' };
  const quarantine = state.quarantine;
  if (state.code === 'Quarantine' && quarantine && now.getTime() - Date.parse(quarantine.seriesBegan) > isoDurationInMs(job.settings.quarantine.disableAfter)) return { kind: 'disable' };
  const cycle = state.cycle;
  if (cycle) {
    if (state.cycleLeaseUntil === undefined) return { kind: 'resume', stalled: false };
    if (Date.parse(state.cycleLeaseUntil) > now.getTime()) return { kind: 'idle' };
    return (cycle.resumes ?? 0) >= MAX_CYCLE_RESUMES ? { kind: 'abandon' } : { kind: 'resume', stalled: true };
  }
  if (state.nextRunAt !== undefined && Date.parse(state.nextRunAt) > now.getTime()) return { kind: 'idle' };
  return { kind: 'start' };
}
