import type { JobDefinition } from '../domain/jobDefinition';
import type { CycleProgress } from '../domain/jobState';
import { dropTargetIndex } from '../engine/targetIndex/dropTargetIndex';
import { indexTargetPage, type TargetIndexPageResult } from '../engine/targetIndex/indexTargetPage';
import { advanceCycle, NO_COUNTS } from './advanceCycle';
import { classifyCycleFailure } from './classifyCycleFailure';
import type { CycleDeps } from './cycleDeps';
import { leaseUntil } from './cycleLease';
import { failureStep, type CycleStep } from './cycleStep';

/**
 * The target index phase of an initial cycle: one page of every matched target type per message
 * (src/engine/targetIndex), then the import, whose reconciles match against the index. The index only saves
 * requests, so a target that cannot be listed after all (a permanent error that is not about credentials or
 * connection) does not fail the cycle: it goes on to the import without an index, matching per object as
 * outside cycles.
 */
export async function indexPage(deps: Pick<CycleDeps, 'connectorFor' | 'targetIndexes' | 'now' | 'cycleLeaseInMs'>, job: JobDefinition, cycle: CycleProgress): Promise<CycleStep> {
  const now = deps.now();
  const indexId = cycle.targetIndexId ?? cycle.cycleId;
  const leaseEnd = leaseUntil(now, deps.cycleLeaseInMs);
  let result: TargetIndexPageResult;
  try {
    result = await indexTargetPage({ connector: deps.connectorFor(job), targetIndexes: deps.targetIndexes }, job, indexId, cycle.cursor);
  } catch (error) {
    const action = classifyCycleFailure(error);
    if (action.kind !== 'fail' || action.failure.quarantine) return failureStep(error, job, now, deps.cycleLeaseInMs);
    await dropTargetIndex(deps, job.id, indexId);
    return { outcome: 'advanced', transition: (s) => advanceCycle(s, NO_COUNTS, { phase: 'import', targetIndexId: null }, leaseEnd) };
  }
  const next = result.nextCursor;
  return { outcome: 'advanced', transition: (s) => advanceCycle(s, NO_COUNTS, next === undefined ? { phase: 'import' } : { phase: 'targetIndex', cursor: next }, leaseEnd) };
}
