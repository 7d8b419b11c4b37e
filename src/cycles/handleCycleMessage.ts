import type { CycleMessage } from '../domain/cycleMessage';
import type { JobDefinition } from '../domain/jobDefinition';
import type { CycleProgress } from '../domain/jobState';
import type { VersionedJobState } from '../state/jobStateStore';
import { dropTargetIndex } from '../engine/targetIndex/dropTargetIndex';
import { commitCycleStep, isExpectedPage } from './commitCycleStep';
import type { CycleDeps } from './cycleDeps';
import { PARK_STEP, type CycleStep } from './cycleStep';
import { importPage } from './importPage';
import { importMode, importWindow, type ImportMode } from './importWindow';
import { indexPage } from './indexPage';
import { sweepStep } from './sweepStep';

export interface CycleMessageResult {
  /**
   * advanced: the page was done and the next one sent; deferred: the source throttled, the same page is sent
   * again later; finished / failed: the cycle ended; parked: the job is paused, the cycle waits for /start;
   * dropped: a duplicate or stale message (or its write lost to another delivery); unknownJob: the job was deleted.
   */
  outcome: CycleStep['outcome'] | 'dropped' | 'unknownJob';
  phase?: CycleProgress['phase'];
}

/**
 * The cycle's queue handler: does the page the message names, if the job's running cycle expects it (the page
 * number is `cycle.pagesDone`: the queue delivers at least once, and a duplicate or late message finds another
 * number and is dropped). A paused job's cycle stops before the page (pauseJob). Throws when the queue should
 * redeliver: storage failures, and source failures that are transient (classifyCycleFailure).
 */
export async function handleCycleMessage(deps: CycleDeps, message: CycleMessage): Promise<CycleMessageResult> {
  const job = await deps.jobs.get(message.jobId);
  if (!job) return { outcome: 'unknownJob' };
  const read = await deps.jobStates.get(job.id);
  const state = read.state;
  const cycle = state.cycle;
  if (cycle === undefined || !isExpectedPage(cycle, message)) {
    // The message's cycle is gone without finishing (a restart ended it): its target index, if it built one, has
    // no other owner. A finished cycle's index stays for its reconciles until the next cycle starts (startCycle).
    if (cycle?.cycleId !== message.cycleId && state.lastExecution?.activityIdentifier !== message.cycleId) await dropTargetIndex(deps, job.id, message.cycleId);
    return { outcome: 'dropped' };
  }
  const parked = state.code === 'Paused' || state.code === 'Disabled';
  const mode = !parked && cycle.phase === 'import' ? importMode(deps, job, state, cycle) : undefined;
  // A window of a first initial cycle records its pages itself (importWindow), group by group.
  if (mode?.kind === 'window' && deps.inProcess) {
    return { outcome: await importWindow({ ...deps, inProcess: deps.inProcess }, job, read, cycle, message), phase: cycle.phase };
  }
  const step = parked ? PARK_STEP : await pageStep(deps, job, read, cycle, mode);
  const written = await commitCycleStep(deps, read, message, step);
  return written ? { outcome: step.outcome, phase: cycle.phase } : { outcome: 'dropped', phase: cycle.phase };
}

function pageStep(deps: CycleDeps, job: JobDefinition, read: VersionedJobState, cycle: CycleProgress, mode: ImportMode | undefined): Promise<CycleStep> {
  switch (cycle.phase) {
    case 'targetIndex':
      return indexPage(deps, job, cycle);
    case 'import':
      return importStep(deps, job, read, cycle, mode ?? importMode(deps, job, read.state, cycle));
    case 'sweep':
      return sweepStep(deps, job, cycle);
  }
}

/** The import phase's page, the way importMode says. */
async function importStep(deps: CycleDeps, job: JobDefinition, read: VersionedJobState, cycle: CycleProgress, mode: ImportMode): Promise<CycleStep> {
  if (mode.kind === 'wait') return { outcome: 'deferred', delayInMs: mode.delayInMs, transition: (state) => state };
  if (mode.kind === 'queuedLive') {
    // Without the target index, the page's reconciles match against the target (importWindow: crash safety).
    const { targetIndexId: _index, ...live } = cycle;
    return importPage(deps, job, read.state, live);
  }
  return importPage(deps, job, read.state, cycle);
}
