import type { JobDefinition } from '../domain/jobDefinition';
import { NotFoundError } from '../domain/errors';
import type { JobStore } from '../state/jobStore';

/** The job's definition, or NotFoundError (404): state is never written for a job that does not exist. */
export async function requireJob(jobs: Pick<JobStore, 'get'>, jobId: string): Promise<JobDefinition> {
  const job = await jobs.get(jobId);
  if (!job) throw new NotFoundError(`No job '${jobId}'`);
  return job;
}
