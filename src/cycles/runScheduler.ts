import { toError } from '../domain/errors';
import type { JobDefinition } from '../domain/jobDefinition';
import type { JobState } from '../domain/jobState';
import { applyCycleOutcome } from '../safety/applyCycleOutcome';
import type { VersionedJobState } from '../state/jobStateStore';
import { leaseUntil, MAX_CYCLE_RESUMES } from './cycleLease';
import type { CycleDeps } from './cycleDeps';
import { decideSchedule } from './decideSchedule';
import { failCycle } from './failCycle';
import { runsCycles } from './runsCycles';
import { startCycle } from './startCycle';

export interface SchedulerReport {
  started: string[];
  resumed: string[];
  abandoned: string[];
  disabled: string[];
  /** Jobs quarantined by the judgement of their last cycle instead of starting the next. */
  quarantined: string[];
  /** Jobs whose turn failed (storage unavailable, say); the next tick tries again. */
  failed: { jobId: string; error: Error }[];
}

export type JobOutcome = Exclude<keyof SchedulerReport, 'failed'> | 'idle';

/**
 * One tick of the scheduler (every minute, src/app/functions/schedulerFunction.ts), for every job with cycles
 * (runsCycles): starts the cycles that are due, resumes those that fell silent, gives up those that keep
 * stalling, and disables jobs quarantined too long (decideSchedule). Every write is conditional on the state
 * read, so schedulers on several instances can tick at once: for each job one of them wins and the others see
 * a conflict and leave the job alone. One job's failure does not stop the others.
 */
export async function runScheduler(deps: CycleDeps, now: Date): Promise<SchedulerReport> {
  const report: SchedulerReport = { started: [], resumed: [], abandoned: [], disabled: [], quarantined: [], failed: [] };
  const at: CycleDeps = { ...deps, now: () => now };
  for (const job of await deps.jobs.list()) {
    if (!runsCycles(job)) continue;
    try {
      const outcome = await scheduleJob(at, job, now);
      if (outcome !== 'idle') report[outcome].push(job.id);
    } catch (error) {
      report.failed.push({ jobId: job.id, error: toError(error) });
    }
  }
  return report;
}

/**
 * The scheduler's turn for one job, taken at once: after POST /start or /restart, so that the cycle the operator
 * asked for begins now rather than at the next tick (up to a minute later). The same conditional writes as a
 * tick, so a tick running meanwhile is harmless. Returns what it did ('idle' when nothing was due).
 */
export async function scheduleJobNow(deps: CycleDeps, jobId: string, now: Date): Promise<JobOutcome> {
  const job = await deps.jobs.get(jobId);
  if (!job || !runsCycles(job)) return 'idle';
  return scheduleJob({ ...deps, now: () => now }, job, now);
}

async function scheduleJob(deps: CycleDeps, job: JobDefinition, now: Date): Promise<JobOutcome> {
  const read = await deps.jobStates.get(job.id);
  const state = read.state;
  const decision = decideSchedule(state, job, now);
  switch (decision.kind) {
    case 'idle':
      return 'idle';
    case 'disable': {
      const disabled: JobState = { ...state, code: 'Disabled' };
      delete disabled.nextRunAt;
      return (await deps.jobStates.put(disabled, read.etag)) === 'conflict' ? 'idle' : 'disabled';
    }
    case 'abandon': {
      const failure = { code: 'CycleStalled', message: `The cycle made no progress after ${MAX_CYCLE_RESUMES} resumes: its page message keeps failing (see the dead-letter queue)`, quarantine: false };
      return (await deps.jobStates.put(failCycle(state, job, now, failure), read.etag)) === 'conflict' ? 'idle' : 'abandoned';
    }
    case 'resume':
      return resumeCycle(deps, read, decision.stalled, now);
    case 'start':
      return startDueCycle(deps, job, read, now);
  }
}

/** Sends the running cycle's expected page again, under a new lease (a conditional write: one scheduler does it). */
async function resumeCycle(deps: CycleDeps, read: VersionedJobState, stalled: boolean, now: Date): Promise<JobOutcome> {
  const cycle = read.state.cycle;
  if (!cycle) return 'idle';
  const resumed: JobState = { ...read.state, cycleLeaseUntil: leaseUntil(now, deps.cycleLeaseInMs), cycle: stalled ? { ...cycle, resumes: (cycle.resumes ?? 0) + 1 } : cycle };
  if ((await deps.jobStates.put(resumed, read.etag)) === 'conflict') return 'idle';
  await deps.queue.send([{ kind: 'cycle', jobId: read.state.jobId, cycleId: cycle.cycleId, page: cycle.pagesDone }]);
  return 'resumed';
}

/**
 * Before the next cycle, the last one is judged by what its reconciles did (src/safety/applyCycleOutcome: quarantine
 * imposed, kept or lifted), now that they had an interval to run. A cycle that failed reading is not judged: it
 * reconciled little or nothing, which proves nothing fixed. If the judgement quarantines the job, the cycle waits
 * for the quarantine's next attempt (or, past settings.quarantine.disableAfter, the job is disabled).
 */
async function startDueCycle(deps: CycleDeps, job: JobDefinition, read: VersionedJobState, now: Date): Promise<JobOutcome> {
  const last = read.state.lastExecution;
  let state = read.state;
  if (last?.state === 'Succeeded') state = applyCycleOutcome(state, last.activityIdentifier, await deps.cycleCounters.sum(job.id, last.activityIdentifier), job.settings, now);
  if (decideSchedule(state, job, now).kind !== 'start') {
    if ((await deps.jobStates.put(state, read.etag)) === 'conflict') return 'idle';
    return state.code === 'Disabled' ? 'disabled' : 'quarantined';
  }
  return (await startCycle(deps, job, { state, etag: read.etag })) === 'conflict' ? 'idle' : 'started';
}
