import type { JobDefinition } from '../domain/jobDefinition';
import type { CycleExecution, JobState } from '../domain/jobState';
import { leaveQuarantine } from '../safety/leaveQuarantine';
import { nextRunAt } from './nextRunAt';

/**
 * The job state once the running cycle has read everything: the watermark saved (§5.1 step 7, §5.2 step 6),
 * the execution recorded, the next run scheduled, the cycle (and its lease) gone. `watermark` is what the source
 * gave with its last page; a source that gives none leaves the next cycle incremental all the same, starting
 * from this cycle's start, because without a watermark every cycle would be initial and re-reconcile everything.
 *
 * A cycle whose read was full (initial, periodic `fullRead`, or a source that answered changes with a full read)
 * records its start as `lastFullReadAt`, which planCycleStart measures `schedule.fullReadInterval` from.
 *
 * A quarantine that this job's source caused (the cycle that imposed it failed reading) ends here: reading
 * worked (§8.1: quarantine ends when the errors are fixed and the next cycle starts). Quarantines for what the
 * reconciles did are judged from their counts before the next cycle (src/safety/applyCycleOutcome).
 */
export function finishCycle(state: JobState, job: Pick<JobDefinition, 'schedule' | 'settings'>, now: Date, watermark: string | undefined): JobState {
  const cycle = state.cycle;
  if (!cycle) return state;
  const execution: CycleExecution = {
    activityIdentifier: cycle.cycleId,
    kind: cycle.kind,
    state: 'Succeeded',
    timeBegan: cycle.began,
    timeEnded: now.toISOString(),
    countImported: cycle.objectsRead,
    countQueued: cycle.objectsQueued,
    countDeleted: cycle.objectsDeleted,
  };
  const sourceQuarantine = state.quarantine !== undefined && state.quarantine.cycleId === state.lastExecution?.activityIdentifier && state.lastExecution?.state === 'Failed';
  const next: JobState = sourceQuarantine ? leaveQuarantine(state) : { ...state };
  delete next.cycle;
  delete next.cycleLeaseUntil;
  next.watermark = watermark ?? cycle.nextWatermark ?? cycle.began;
  // Only a full read goes on to the sweep (importPage), so a cycle that ends there read everything: every deletion
  // made before it began has been found, and the next periodic full read is due fullReadInterval after that.
  if (cycle.kind === 'initial' || cycle.phase === 'sweep') next.lastFullReadAt = cycle.began;
  next.lastExecution = execution;
  next.lastSuccessfulExecution = execution;
  next.countSuccessiveCompleteFailures = 0;
  next.nextRunAt = nextRunAt(next, job, cycle.began);
  return next;
}
