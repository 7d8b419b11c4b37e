import { initialJobState, type JobState } from '../../../src/domain/jobState';
import type { JobStateStore, VersionedJobState } from '../../../src/state/jobStateStore';

/** JobStateStore in memory with the same ETag contract as the table adapter. */
export class MemoryJobStateStore implements JobStateStore {
  private readonly rows = new Map<string, VersionedJobState>();
  private version = 0;

  async get(jobId: string): Promise<VersionedJobState> {
    const row = this.rows.get(jobId);
    return row ? structuredClone(row) : { state: initialJobState(jobId), etag: '' };
  }

  async put(state: JobState, etag: string): Promise<VersionedJobState | 'conflict'> {
    const current = this.rows.get(state.jobId);
    if ((current?.etag ?? '') !== etag) return 'conflict';
    const row = { state: structuredClone(state), etag: `W/"${++this.version}"` };
    this.rows.set(state.jobId, row);
    return structuredClone(row);
  }

  async delete(jobId: string): Promise<void> {
    this.rows.delete(jobId);
  }
}
