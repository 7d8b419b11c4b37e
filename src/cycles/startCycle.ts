import { listsObjects } from '../connectors/targetConnector';
import type { JobDefinition } from '../domain/jobDefinition';
import type { CycleProgress } from '../domain/jobState';
import { dropTargetIndex } from '../engine/targetIndex/dropTargetIndex';
import { targetIndexPlan } from '../engine/targetIndex/targetIndexPlan';
import type { VersionedJobState } from '../state/jobStateStore';
import type { CycleDeps } from './cycleDeps';
import { planCycleStart } from './planCycleStart';

/**
 * Starts a cycle of the job, if the state is still the one read: the conditional write is the lease (one cycle per
 * job), so of two schedulers that decided to start, one writes and the other gets 'conflict' and does nothing.
 * Then the first page message goes out; if that send fails, the cycle waits for its lease to pass and the
 * scheduler sends it (resume).
 *
 * The cycle reads everything (`fullRead`) when the source finds deletions only by full reads and
 * `schedule.fullReadInterval` has passed since the last one (planCycleStart).
 *
 * The previous initial cycle's target index is dropped here, not when that cycle ended: its reconciles, which run
 * after its pages were read, match against it until then.
 */
export async function startCycle(deps: Pick<CycleDeps, 'jobStates' | 'queue' | 'targetIndexes' | 'connectorFor' | 'sourceFor' | 'now' | 'newId' | 'cycleLeaseInMs'>, job: JobDefinition, read: VersionedJobState): Promise<CycleProgress | 'conflict'> {
  const cycleId = deps.newId();
  const indexTarget = listsObjects(deps.connectorFor(job)) && targetIndexPlan(job).length > 0;
  // Decided by what the source connector can do, not by the source's type: a source whose reads of changes carry
  // tombstones never needs a periodic full read; one without (SCIM apps, the built-in directory) does.
  const fullReadInterval = deps.sourceFor(job).changesReportDeletions === true ? {} : { fullReadInterval: job.schedule.fullReadInterval };
  const planned = planCycleStart(read.state, { cycleId, now: deps.now(), indexTarget, leaseInMs: deps.cycleLeaseInMs, ...fullReadInterval });
  const written = await deps.jobStates.put(planned, read.etag);
  if (written === 'conflict' || !planned.cycle) return 'conflict';
  await deps.queue.send([{ kind: 'cycle', jobId: job.id, cycleId, page: 0 }]);
  const previous = read.state.lastExecution;
  if (previous?.kind === 'initial') await dropTargetIndex(deps, job.id, previous.activityIdentifier);
  return planned.cycle;
}
