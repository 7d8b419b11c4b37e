import type { JobState } from '../domain/jobState';
import type { JobControlDeps } from './jobControlDeps';
import { requireJob } from './requireJob';
import { updateJobState } from './updateJobState';

/**
 * POST /api/jobs/{jobId}/start, as Graph's synchronizationJob: start: "If the job is in a paused state, it
 * continues processing changes from the point where it was paused. If the job is in quarantine, the
 * quarantine status is cleared." So start makes the job Active, keeps the watermark and any paused cycle
 * (which resumes from its saved cursor), lifts quarantine (and a Disabled job's long quarantine with it),
 * and sets nextRunAt to now, so that the scheduler starts or resumes a cycle (the HTTP function takes the job's
 * turn at once, scheduleJobNow; else the next tick does). On a job that is
 * already Active it means "run now"; a cycle already running is not disturbed (its lease holds).
 */
export async function startJob(deps: Pick<JobControlDeps, 'jobs' | 'jobStates' | 'now'>, jobId: string): Promise<JobState> {
  await requireJob(deps.jobs, jobId);
  const now = deps.now().toISOString();
  const written = await updateJobState(deps.jobStates, jobId, (state) => {
    const { quarantine: _lifted, ...rest } = state;
    return { ...rest, code: 'Active', nextRunAt: now };
  });
  return written.state;
}
