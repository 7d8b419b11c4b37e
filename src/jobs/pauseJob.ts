import type { JobState } from '../domain/jobState';
import type { JobControlDeps } from './jobControlDeps';
import { requireJob } from './requireJob';
import { updateJobState } from './updateJobState';

/**
 * POST /api/jobs/{jobId}/pause, as Graph's synchronizationJob: pause ("all the progress, including job
 * state, is persisted, and the job will continue from where it left off when a start call is made").
 * Only the code changes: the scheduler starts no cycle for a Paused job, and a running cycle, whose next page
 * reads the state, finishes the page it holds and stops there, keeping `cycle.cursor` for /start. The
 * quarantine record, if any, stays as evidence; /start lifts it.
 */
export async function pauseJob(deps: Pick<JobControlDeps, 'jobs' | 'jobStates'>, jobId: string): Promise<JobState> {
  await requireJob(deps.jobs, jobId);
  const written = await updateJobState(deps.jobStates, jobId, (state) => ({ ...state, code: 'Paused' }));
  return written.state;
}
