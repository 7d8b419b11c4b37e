import type { JobDefinition } from '../domain/jobDefinition';

/** Job definitions, validated before they are stored. */
export interface JobStore {
  /** Creates or replaces; returns true when the job did not exist before. */
  upsert(job: JobDefinition): Promise<boolean>;
  get(jobId: string): Promise<JobDefinition | undefined>;
  list(): Promise<JobDefinition[]>;
}
