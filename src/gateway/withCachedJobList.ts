import type { JobDefinition } from '../domain/jobDefinition';
import type { JobStore } from '../state/jobStore';

/**
 * How long a listed set of jobs is reused. The gateway lists jobs on every directory write to find the jobs
 * that read the directory; listing them each time was one of three Table calls per SCIM create (and a fresh
 * zod parse of every job). At 700 creates/s a 1 s cache makes it one call per ~700 writes; a longer one would
 * save nothing more and would widen the window below.
 */
export const JOB_LIST_TTL_MS = 1_000;

export interface CachedJobListOptions {
  ttlMs?: number;
  /** Milliseconds on a monotonic clock (tests pass their own). */
  nowMs?: () => number;
}

/**
 * A JobStore whose `list()` is answered from memory for up to `ttlMs` after the Table query that filled it;
 * `get` always reads, and `upsert` through this store drops the cached list once the write is done, so
 * in this process a job is listed by every call that starts after its PUT has returned. Concurrent `list()`
 * calls on an empty cache share one query.
 *
 * Staleness across processes: another instance (Azure scales Functions out) that saved a job is seen here at
 * most `ttlMs` later; a directory write in that window is not staged for the new job. That write is not lost
 * to the job: the job's cycles read the directory itself (its initial cycle, then every full cycle), which
 * is the same safety net that covers a write racing the job's save without any cache.
 */
export function withCachedJobList(inner: JobStore, options: CachedJobListOptions = {}): JobStore {
  const ttlMs = options.ttlMs ?? JOB_LIST_TTL_MS;
  const nowMs = options.nowMs ?? (() => performance.now());
  let cached: { jobs: Promise<JobDefinition[]>; at: number } | undefined;
  return {
    get: (jobId) => inner.get(jobId),
    async upsert(job) {
      try {
        return await inner.upsert(job);
      } finally {
        // After the write: a list() that ran during it may have read the table before the write landed.
        cached = undefined;
      }
    },
    list() {
      if (cached && nowMs() - cached.at < ttlMs) return cached.jobs.then(copyOf);
      const entry = { jobs: inner.list(), at: nowMs() };
      cached = entry;
      entry.jobs.catch(() => {
        if (cached === entry) cached = undefined; // a failed query is never served from the cache
      });
      return entry.jobs.then(copyOf);
    },
  };
}

/** Callers get their own array (they filter and sort it); the job objects are shared and must not be changed. */
function copyOf(jobs: JobDefinition[]): JobDefinition[] {
  return [...jobs];
}
