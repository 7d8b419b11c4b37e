import type { CycleProgress, JobState } from '../domain/jobState';
import { isoDurationInMs } from '../safety/isoDurationInMs';
import { leaseUntil } from './cycleLease';

export interface CycleStartOptions {
  cycleId: string;
  now: Date;
  /** The target can list its objects and the job matches on something: read the target once, first. */
  indexTarget: boolean;
  /** How long the new cycle's lease lasts (CycleDeps.cycleLeaseInMs). */
  leaseInMs: number;
  /**
   * The job's `schedule.fullReadInterval`, given when the source's reads of changes carry no deletions
   * (SourceConnector.changesReportDeletions absent), so that only a full read finds them. Undefined for a source
   * with tombstones: its incremental cycles read changes only, however long ago the last full read was.
   */
  fullReadInterval?: string;
}

/**
 * The job state with a new cycle running (the caller writes it conditionally: the write is the lease, so of two
 * schedulers only one starts). Without a watermark the cycle is initial (reference/entra-engine.md §5.1: read
 * everything, re-evaluate every object), as after a restart; otherwise incremental (§5.2: changes since the
 * watermark). An initial cycle indexes the target first when it can, so that matching costs no request per
 * object. A pending approval of deletes (restart with ForceDeletes) is taken over by this cycle.
 *
 * An incremental cycle is a full read (`fullRead`) when the source finds deletions only by full reads and
 * `fullReadInterval` has passed since the last one began (or none is recorded): Entra's engine gets deletions
 * from its sources' change feeds (§5.2 step 2), a SCIM app's lastModified filter cannot return what is gone, so
 * without this a deleted user would stay provisioned until an operator restarts the job. It stays incremental:
 * only what changed is reconciled (stagePage's content hash), not every object as in an initial cycle.
 */
export function planCycleStart(state: JobState, options: CycleStartOptions): JobState {
  const kind = state.watermark === undefined ? 'initial' : 'incremental';
  const indexing = kind === 'initial' && options.indexTarget;
  const fullRead = kind === 'incremental' && fullReadDue(state, options);
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
    ...(fullRead ? { fullRead: true as const } : {}),
  };
  const next: JobState = { ...state, cycle, cycleLeaseUntil: leaseUntil(options.now, options.leaseInMs) };
  delete next.forceDeletes;
  return next;
}

/** No full read recorded (a state stored before lastFullReadAt existed) counts as due: reading in full misses nothing. */
function fullReadDue(state: JobState, options: CycleStartOptions): boolean {
  if (options.fullReadInterval === undefined) return false;
  if (state.lastFullReadAt === undefined) return true;
  return options.now.getTime() - Date.parse(state.lastFullReadAt) >= isoDurationInMs(options.fullReadInterval);
}
