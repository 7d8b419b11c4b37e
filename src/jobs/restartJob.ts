import type { JobState } from '../domain/jobState';
import type { JobControlDeps } from './jobControlDeps';
import type { RestartCriteria } from './parseRestartCriteria';
import { requireJob } from './requireJob';
import { restartedJobState } from './restartedJobState';
import { updateJobState } from './updateJobState';

/**
 * POST /api/jobs/{jobId}/restart (Graph's synchronizationJob: restart). Order matters for a restart that is
 * interrupted and retried (every step is safe to repeat):
 * 1. ConnectorDataStore: links are cleared first, before the state says "run now", so that the cycle the
 *    restart triggers never matches through a link that is about to disappear.
 * 2. The state (restartedJobState), ETag-conditional, re-applied to the newest state on conflict.
 * 3. ForceDeletes: the held deletes are released after the state carries forceDeletes, so that whatever
 *    the release enqueues runs under the approval.
 * A retried restart bumps escrowEpoch once more, which drops nothing that was not dropped already.
 */
export async function restartJob(deps: JobControlDeps, jobId: string, criteria: RestartCriteria): Promise<JobState> {
  await requireJob(deps.jobs, jobId);
  const scope = criteria.resetScope;
  if (scope.has('ConnectorDataStore')) await deps.clearLinks(jobId);
  const now = deps.now().toISOString();
  const written = await updateJobState(deps.jobStates, jobId, (state) => restartedJobState(state, scope, now));
  if (scope.has('ForceDeletes')) await deps.releaseStagedDeletes(jobId);
  return written.state;
}
