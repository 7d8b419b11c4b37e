import type { CycleProgress, JobState } from '../domain/jobState';

/** What one page added to the cycle's counts. */
export interface PageCounts {
  read: number;
  queued: number;
  deleted: number;
}

export const NO_COUNTS: PageCounts = { read: 0, queued: 0, deleted: 0 };

/** Where the cycle goes after the page. */
export interface CycleNext {
  phase: CycleProgress['phase'];
  /** Where the next page starts; undefined at the start of a phase. */
  cursor?: string;
  /** Given on the source's last page; kept once given. */
  nextWatermark?: string;
  /** Given only to change it: `null` stops using the target index (it could not be built). */
  targetIndexId?: string | null;
}

/**
 * The job state after one page of the running cycle: one more page done, the counts added, the cursor and phase
 * moved on, the lease extended to `leaseEnd` (the holder is alive: cycleLease.ts leaseUntil), and the resume
 * count reset (the cycle made progress).
 */
export function advanceCycle(state: JobState, counts: PageCounts, next: CycleNext, leaseEnd: string): JobState {
  const cycle = state.cycle;
  if (!cycle) return state;
  const { cursor: _cursor, nextWatermark: _watermark, resumes: _resumes, targetIndexId, ...kept } = cycle;
  const advanced: CycleProgress = {
    ...kept,
    pagesDone: cycle.pagesDone + 1,
    objectsRead: cycle.objectsRead + counts.read,
    objectsQueued: cycle.objectsQueued + counts.queued,
    objectsDeleted: cycle.objectsDeleted + counts.deleted,
    phase: next.phase,
  };
  if (next.cursor !== undefined) advanced.cursor = next.cursor;
  const watermark = next.nextWatermark ?? cycle.nextWatermark;
  if (watermark !== undefined) advanced.nextWatermark = watermark;
  const index = next.targetIndexId === undefined ? targetIndexId : next.targetIndexId;
  if (index) advanced.targetIndexId = index;
  return { ...state, cycle: advanced, cycleLeaseUntil: leaseEnd };
}

/** The cycle's counts with one page's added, for a page that ends the cycle. */
export function withPageCounts(state: JobState, counts: PageCounts): JobState {
  const cycle = state.cycle;
  if (!cycle) return state;
  return {
    ...state,
    cycle: { ...cycle, objectsRead: cycle.objectsRead + counts.read, objectsQueued: cycle.objectsQueued + counts.queued, objectsDeleted: cycle.objectsDeleted + counts.deleted },
  };
}
