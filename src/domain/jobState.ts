/**
 * What a job is doing, as Graph's synchronizationStatus describes it (reference/entra-engine.md §12.3): the
 * status code, the running cycle's progress, the last executions, and quarantine. Kept apart from the job
 * definition because it changes on every cycle page, while the definition changes when an admin edits it;
 * a PUT of the definition must never race a cycle's progress write.
 */
export type JobStatusCode = 'NotRun' | 'Active' | 'Paused' | 'Quarantine' | 'Disabled';

/** Graph's synchronizationQuarantine reasons (§8.2) that idbridge raises. */
export type QuarantineReason = 'EncounteredQuarantineException' | 'EncounteredEscrowProportionThreshold' | 'EncounteredTotalEscrowThreshold' | 'EncounteredBaseEscrowThreshold' | 'TooManyDeletes';

export interface QuarantineState {
  reason: QuarantineReason;
  /** When the current quarantine began (ISO 8601). */
  currentBegan: string;
  /** When the next cycle will try again. */
  nextAttempt: string;
  /** When the first of a series of back-to-back quarantines began; the job is disabled after settings.quarantine.disableAfter. */
  seriesBegan: string;
  seriesCount: number;
  /** What went wrong, in words an operator can act on (never a secret). */
  error?: { code: string; message: string };
  /** The cycle whose outcome imposed (or last re-imposed) it: applyCycleOutcome evaluates each cycle once (src/safety). */
  cycleId?: string;
}

export type CycleKind = 'initial' | 'incremental';

/** The running cycle. Progress counts pages, as Entra's progress bar does (§5.7), and objects. */
export interface CycleProgress {
  cycleId: string;
  kind: CycleKind;
  began: string;
  /**
   * Where the next page of the current phase starts: the source connector's cursor while importing, the target
   * index's while indexing, the staging listing's while sweeping. Opaque to all else; undefined at a phase's start.
   */
  cursor?: string;
  /** Pages staged and enqueued so far; a page message with another number is a duplicate or stale and is dropped. */
  pagesDone: number;
  objectsRead: number;
  /** Objects whose state changed and were enqueued for reconcile. */
  objectsQueued: number;
  /** Objects found deleted in the source (for full reads: absent from this cycle's read). */
  objectsDeleted: number;
  /**
   * 'targetIndex' while an initial cycle reads the target once, page by page, so that matching needs no
   * request per object (src/engine/targetIndex); 'import' while source pages are read; 'sweep' while a full
   * read looks for staged objects it did not see (deleted in the source).
   */
  phase: 'targetIndex' | 'import' | 'sweep';
  /** Set while the initial cycle's target index is in use: reconcile messages carry it as `targetIndex`. */
  targetIndexId?: string;
  /** The watermark the source gave with its last page, kept through the sweep and saved as JobState.watermark when the cycle ends. */
  nextWatermark?: string;
  /** The cycle started after a restart with ForceDeletes: its reconcile messages carry `forceDelete`. */
  forceDeletes?: boolean;
  /**
   * An incremental cycle that reads everything and then sweeps, because `schedule.fullReadInterval` has passed
   * since the last full read and the source's reads of changes carry no deletions (planCycleStart). Unlike an
   * initial cycle it reconciles only what changed (by content hash) and what the sweep finds deleted.
   */
  fullRead?: true;
  /** Times the scheduler resumed the cycle since its last page; the cycle fails when this passes a limit (src/cycles). */
  resumes?: number;
  /**
   * Set while a window of pages is reconciled in process (src/cycles/importWindow.ts), before its first create:
   * from page `fromPage`, at most `pages` source pages, done by `until`. Cleared when the window is recorded.
   * Found still set, the window did not finish, and objects it created may be unlinked: those pages are done
   * again the queued way, matching against the target itself rather than the target index.
   */
  inProcessWindow?: { fromPage: number; pages: number; until: string };
}

/** Graph's synchronizationTaskExecution, reduced to what idbridge measures. */
export interface CycleExecution {
  /** The cycleId (Graph's activityIdentifier): filter the provisioning logs on it. */
  activityIdentifier: string;
  kind: CycleKind;
  state: 'Succeeded' | 'Failed';
  timeBegan: string;
  timeEnded: string;
  countImported: number;
  countQueued: number;
  countDeleted: number;
  error?: { code: string; message: string };
}

export interface JobState {
  jobId: string;
  code: JobStatusCode;
  /** The source's watermark after the last completed cycle; undefined means the next cycle is an initial cycle. */
  watermark?: string;
  /**
   * When the last cycle that read the source in full (initial, periodic, or a source that could not filter) and
   * swept began (ISO 8601); deletions made before it have been found. Absent in states stored before it existed:
   * the next incremental cycle is then a full read.
   */
  lastFullReadAt?: string;
  /** When the scheduler starts the next cycle (ISO 8601); undefined = as soon as the job is Active. */
  nextRunAt?: string;
  /** The running cycle, if any. One per job: the scheduler's lease is this field, written with ETag concurrency. */
  cycle?: CycleProgress;
  /** When the running cycle's holder last proved it is alive; a cycle silent past its lease is resumed from `cycle.cursor`. */
  cycleLeaseUntil?: string;
  lastExecution?: CycleExecution;
  lastSuccessfulExecution?: CycleExecution;
  countSuccessiveCompleteFailures: number;
  quarantine?: QuarantineState;
  /** Set by a restart with ForceDeletes: the next cycle applies deletes held back by the accidental-deletion threshold. */
  forceDeletes?: boolean;
  /** Bumped by a restart with Escrows (or Full): escrow retries scheduled before carry an older epoch and are dropped. */
  escrowEpoch: number;
}

export function initialJobState(jobId: string): JobState {
  return { jobId, code: 'NotRun', countSuccessiveCompleteFailures: 0, escrowEpoch: 0 };
}
