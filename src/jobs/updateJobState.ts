import type { JobState } from '../domain/jobState';
import { TransientError } from '../domain/errors';
import type { JobStateStore, VersionedJobState } from '../state/jobStateStore';

/** Rounds of read-decide-write before giving up; each conflict means another writer just changed the row. */
const MAX_ROUNDS = 8;

/**
 * Read-modify-write of a job's state under ETag concurrency (src/state/jobStateStore.ts). The scheduler,
 * cycle pages and operators write the same row; a blind write would lose a quarantine or start a second
 * cycle, so a conflict re-reads and applies `change` to the newer state. `change` must be a pure function of
 * the state it is given, because it may run several times.
 * Throws TransientError (HTTP 503, retrying is safe) when the row keeps changing under us.
 */
export async function updateJobState(store: JobStateStore, jobId: string, change: (state: JobState) => JobState): Promise<VersionedJobState> {
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const current = await store.get(jobId);
    const written = await store.put(change(structuredClone(current.state)), current.etag);
    if (written !== 'conflict') return written;
  }
  throw new TransientError(`The state of job '${jobId}' kept changing while it was updated; try again`, { code: 'JobStateContention' });
}
