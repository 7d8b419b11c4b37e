import type { JobStateStore } from '../state/jobStateStore';
import type { JobStore } from '../state/jobStore';

/**
 * What the job control use cases (start, pause, restart) need. The two restart side effects are functions,
 * not stores, because they belong to other parts: links live in the staging store, held deletes in
 * src/safety.
 */
export interface JobControlDeps {
  jobs: Pick<JobStore, 'get'>;
  jobStates: JobStateStore;
  now(): Date;
  /** Forgets every source↔target link (anchor) of the job: restart with ConnectorDataStore or Full. */
  clearLinks(jobId: string): Promise<void>;
  /** Applies the deletes the accidental-deletion threshold held back (StagedDelete): restart with ForceDeletes. */
  releaseStagedDeletes(jobId: string): Promise<void>;
}
