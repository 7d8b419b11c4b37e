import type { JobDefinition } from '../domain/jobDefinition';
import type { CycleProgress, JobState } from '../domain/jobState';
import type { SourcePage } from '../sources/sourceConnector';
import { advanceCycle, withPageCounts } from './advanceCycle';
import type { CycleDeps } from './cycleDeps';
import { leaseUntil } from './cycleLease';
import { failureStep, type CycleStep } from './cycleStep';
import { finishCycle } from './finishCycle';
import { stagePage } from './stagePage';

/**
 * The import phase: reads the source page at the cycle's cursor (everything for an initial cycle, changes since
 * the watermark otherwise), stages it and enqueues its reconciles (stagePage). After the last page, a full read
 * goes on to the sweep, which finds what the read did not see; a read of changes ends the cycle, its deletions
 * having come as tombstones.
 */
export async function importPage(deps: Pick<CycleDeps, 'sourceFor' | 'staging' | 'queue' | 'now' | 'cycleLeaseInMs'>, job: JobDefinition, state: JobState, cycle: CycleProgress): Promise<CycleStep> {
  const now = deps.now();
  let page: SourcePage;
  try {
    const cursor = cycle.cursor !== undefined ? { cursor: cycle.cursor } : {};
    const request = cycle.kind === 'initial' || cycle.fullRead ? { mode: 'full' as const, ...cursor } : { mode: 'changes' as const, ...(state.watermark !== undefined ? { watermark: state.watermark } : {}), ...cursor };
    page = await deps.sourceFor(job).readPage(request);
  } catch (error) {
    return failureStep(error, job, now, deps.cycleLeaseInMs);
  }
  const counts = await stagePage(deps, job, cycle, page, now.toISOString(), state.lastExecution === undefined);
  const leaseEnd = leaseUntil(now, deps.cycleLeaseInMs);
  if (page.nextCursor !== undefined) {
    return { outcome: 'advanced', transition: (s) => advanceCycle(s, counts, { phase: 'import', cursor: page.nextCursor }, leaseEnd) };
  }
  // The last page's fullRead holds for the whole read (SourcePage.fullRead).
  if (cycle.kind === 'initial' || cycle.fullRead || page.fullRead) {
    return { outcome: 'advanced', transition: (s) => advanceCycle(s, counts, { phase: 'sweep', ...(page.watermark !== undefined ? { nextWatermark: page.watermark } : {}) }, leaseEnd) };
  }
  return { outcome: 'finished', transition: (s) => finishCycle(withPageCounts(s, counts), job, now, page.watermark) };
}
