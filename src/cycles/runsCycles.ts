import type { JobDefinition } from '../domain/jobDefinition';

/**
 * Whether a job has cycles: its source can be read. Both SCIM sources can (an external app page by page, the
 * built-in directory from its store); there cycles are the whole pipeline or, for the directory, the safety net
 * behind its pushed changes. An inboundApi job only receives bulk uploads: there is nothing to read.
 */
export function runsCycles(job: Pick<JobDefinition, 'source'>): boolean {
  return job.source.type === 'scim';
}
