import type { CycleProgress, JobState } from '../domain/jobState';
import { leaseUntil } from './cycleLease';

export interface CycleStartOptions {
  cycleId: string;
  now: Date;
  /** The target can list its objects and the job matches on something: read the target once, first. */
  indexTarget: boolean;
  /** How long the new cycle's lease lasts (CycleDeps.cycleLeaseInMs). */
  leaseInMs: number;
}

/**
 * The job state with a new cycle running (the caller writes it conditionally: the write is the lease, so of two
 * schedulers only one starts). Without a watermark the cycle is initial (reference/entra-engine.md §5.1: read
 * everything, re-evaluate every object), as after a restart; otherwise incremental (§5.2: changes since the
 * watermark). An initial cycle indexes the target first when it can, so that matching costs no request per
 * object. A pending approval of deletes (restart with ForceDeletes) is taken over by this cycle.
 */
export function planCycleStart(state: JobState, options: CycleStartOptions): JobState {
  const kind = state.watermark === undefined ? 'initial' : 'incremental';
  const indexing = kind === 'initial' && options.indexTarget;
  const cycle: CycleProgress = {
    cycleId: options.cycleId,
    kind,
    began: options.now.toISOString(),
    pagesDone: 0,
    objectsRead: 0,
    objectsQueued: 0,
    objectsDeleted: 0,
    phase: indexing ? 'targetIndex' : 'import',
    ...(indexing ? { targetIndexId: options.cycleId } : {}),
    ...(state.forceDeletes ? { forceDeletes: true } : {}),
  };
  const next: JobState = { ...state, cycle, cycleLeaseUntil: leaseUntil(options.now, options.leaseInMs) };
  delete next.forceDeletes;
  return next;
}
