import type { CycleExecution, CycleKind, CycleProgress, JobState, JobStatusCode, QuarantineReason } from '../domain/jobState';
import type { CycleCounts } from '../state/cycleCounterStore';

/** Graph's synchronizationTaskExecution, with idbridge's own counts beside Graph's names. */
export interface TaskExecutionView {
  activityIdentifier: string;
  kind: CycleKind;
  state: CycleExecution['state'];
  timeBegan: string;
  timeEnded: string;
  countImported: number;
  countQueued: number;
  countDeleted: number;
  error: { code: string; message: string } | null;
}

/** Graph's synchronizationQuarantine. */
export interface QuarantineView {
  reason: QuarantineReason;
  currentBegan: string;
  nextAttempt: string;
  seriesBegan: string;
  seriesCount: number;
  error: { code: string; message: string } | null;
}

/** Graph's synchronizationProgress: Entra's progress bar counts pages, not objects (reference/entra-engine.md §5.7). */
export interface ProgressView {
  units: 'pages' | 'objects';
  completedUnits: number;
  /** A source read page by page does not say how many pages there are. */
  totalUnits: null;
  progressObservationDateTime: string;
}

/** The running (or paused) cycle in idbridge's terms. */
export interface RunningCycleView {
  activityIdentifier: string;
  kind: CycleKind;
  phase: CycleProgress['phase'];
  began: string;
  pagesDone: number;
  objectsRead: number;
  objectsQueued: number;
  objectsDeleted: number;
  /** An incremental cycle that reads everything and sweeps, because schedule.fullReadInterval passed (src/cycles/planCycleStart.ts). */
  fullRead: boolean;
  /** When the cycle's holder last promised to be alive until; a cycle silent past it is resumed by the scheduler. */
  leaseUntil: string | null;
}

/**
 * Graph's synchronizationStatus (reference/entra-engine.md §12.3) as GET /api/jobs/{jobId} returns it under
 * `status`: Graph's field names where Graph has the fact, plus what an operator of idbridge needs beside
 * them (the running cycle, when the next one starts, the cycle's reconcile counts).
 */
export interface JobStatusView {
  code: JobStatusCode;
  countSuccessiveCompleteFailures: number;
  lastExecution: TaskExecutionView | null;
  lastSuccessfulExecution: TaskExecutionView | null;
  quarantine: QuarantineView | null;
  progress: ProgressView[];
  cycle: RunningCycleView | null;
  /** When the scheduler starts the next cycle; null = as soon as the job is Active and no cycle runs. */
  nextRunAt: string | null;
  /** No watermark means the next cycle reads everything (after a restart with Watermark, or before the first). */
  nextCycleKind: CycleKind;
  /** When the last cycle that read the source in full and swept began: deletions made before it have been found. */
  lastFullReadAt: string | null;
  /** A restart with ForceDeletes approved the held deletes; the next cycle applies them. */
  forceDeletesPending: boolean;
  /** Reconcile outcomes of the running cycle, else of the last one, by `${action}.${status}` (e.g. "create.success"). */
  counts: { activityIdentifier: string; byActionAndStatus: CycleCounts } | null;
}

/** The cycle whose counts the status shows: the running one, else the last one. */
export function countsCycleIdOf(state: JobState): string | undefined {
  return state.cycle?.cycleId ?? state.lastExecution?.activityIdentifier;
}

/**
 * Maps a job's runtime state to its status view. Pure: `counts` are the sums for countsCycleIdOf(state)
 * (undefined when there is no such cycle), `observedAt` stamps the progress entries.
 */
export function jobStatusView(state: JobState, counts: CycleCounts | undefined, observedAt: string): JobStatusView {
  const countsCycle = countsCycleIdOf(state);
  return {
    code: state.code,
    countSuccessiveCompleteFailures: state.countSuccessiveCompleteFailures,
    lastExecution: state.lastExecution ? executionView(state.lastExecution) : null,
    lastSuccessfulExecution: state.lastSuccessfulExecution ? executionView(state.lastSuccessfulExecution) : null,
    quarantine: state.quarantine
      ? {
          reason: state.quarantine.reason,
          currentBegan: state.quarantine.currentBegan,
          nextAttempt: state.quarantine.nextAttempt,
          seriesBegan: state.quarantine.seriesBegan,
          seriesCount: state.quarantine.seriesCount,
          error: state.quarantine.error ? { ...state.quarantine.error } : null,
        }
      : null,
    progress: state.cycle
      ? [
          { units: 'pages', completedUnits: state.cycle.pagesDone, totalUnits: null, progressObservationDateTime: observedAt },
          { units: 'objects', completedUnits: state.cycle.objectsRead, totalUnits: null, progressObservationDateTime: observedAt },
        ]
      : [],
    cycle: state.cycle ? cycleView(state.cycle, state.cycleLeaseUntil) : null,
    nextRunAt: state.nextRunAt ?? null,
    nextCycleKind: state.watermark === undefined ? 'initial' : 'incremental',
    lastFullReadAt: state.lastFullReadAt ?? null,
    forceDeletesPending: state.forceDeletes === true,
    counts: countsCycle !== undefined && counts !== undefined ? { activityIdentifier: countsCycle, byActionAndStatus: { ...counts } } : null,
  };
}

function executionView(execution: CycleExecution): TaskExecutionView {
  return {
    activityIdentifier: execution.activityIdentifier,
    kind: execution.kind,
    state: execution.state,
    timeBegan: execution.timeBegan,
    timeEnded: execution.timeEnded,
    countImported: execution.countImported,
    countQueued: execution.countQueued,
    countDeleted: execution.countDeleted,
    error: execution.error ? { ...execution.error } : null,
  };
}

function cycleView(cycle: CycleProgress, leaseUntil: string | undefined): RunningCycleView {
  return {
    activityIdentifier: cycle.cycleId,
    kind: cycle.kind,
    phase: cycle.phase,
    began: cycle.began,
    pagesDone: cycle.pagesDone,
    objectsRead: cycle.objectsRead,
    objectsQueued: cycle.objectsQueued,
    objectsDeleted: cycle.objectsDeleted,
    fullRead: cycle.fullRead === true,
    leaseUntil: leaseUntil ?? null,
  };
}
