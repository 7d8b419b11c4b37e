import type { CycleCounterStore } from '../state/cycleCounterStore';
import type { JobStateStore } from '../state/jobStateStore';
import { countsCycleIdOf, jobStatusView, type JobStatusView } from './jobStatusView';

export interface ReadJobStatusDeps {
  jobStates: Pick<JobStateStore, 'get'>;
  cycleCounters: Pick<CycleCounterStore, 'sum'>;
  now(): Date;
}

/** A job's status (GET /api/jobs/{jobId}): its state, and the counts of its running or last cycle. */
export async function readJobStatus(deps: ReadJobStatusDeps, jobId: string): Promise<JobStatusView> {
  const { state } = await deps.jobStates.get(jobId);
  const cycleId = countsCycleIdOf(state);
  const counts = cycleId === undefined ? undefined : await deps.cycleCounters.sum(jobId, cycleId);
  return jobStatusView(state, counts, deps.now().toISOString());
}
