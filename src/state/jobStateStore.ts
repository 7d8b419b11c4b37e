import type { JobState } from '../domain/jobState';

/** A job state as read, with the ETag that a conditional write must quote. */
export interface VersionedJobState {
  state: JobState;
  etag: string;
}

/**
 * The runtime state of each job (src/domain/jobState.ts), one row per job. Every write is conditional: the
 * scheduler on several instances, cycle pages and operators' start/pause/restart all write it, and a lost
 * update would start a second cycle or forget a quarantine.
 */
export interface JobStateStore {
  /** The state, or a fresh NotRun state (etag '') when the job never had one. */
  get(jobId: string): Promise<VersionedJobState>;
  /**
   * Writes `state` if the row is still at `etag` ('' = the row must not exist yet). Returns the new version,
   * or 'conflict' when someone else wrote first: re-read and decide again.
   */
  put(state: JobState, etag: string): Promise<VersionedJobState | 'conflict'>;
  delete(jobId: string): Promise<void>;
}
