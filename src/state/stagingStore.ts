import type { JsonObject, StagedObject } from '../domain/identityObject';

export interface StageRecord {
  sourceKey: string;
  data: JsonObject;
  /**
   * The source's own version of this state (ISO 8601, e.g. the directory's meta.lastModified). When given, a
   * record older than the staged one is not staged: concurrent writers that stage out of order cannot put an
   * older state over a newer one.
   */
  sourceVersion?: string;
}

/**
 * The newest state of each source object, plus its link (anchor) to the target object.
 * Contract: `stage` checks every record before writing any (bad input stages nothing); a storage failure may
 * leave part of a call staged, which the caller's retry makes whole (staging is an idempotent upsert of the
 * newest state). The later record wins when a key appears twice in one call. Staging keeps an existing link.
 */
export interface StagingStore {
  stage(jobId: string, objectType: string, records: readonly StageRecord[], stagedAt: string): Promise<void>;
  get(jobId: string, objectType: string, sourceKey: string): Promise<StagedObject | undefined>;
  /**
   * Records that the source deleted an object (keeping its last data and link, so the reconcile can delete the
   * target object). Staging the object again undoes it.
   */
  markDeleted(jobId: string, objectType: string, sourceKey: string, at: string): Promise<void>;
  /**
   * Takes a short lease on creating the target object, so that two reconciles of one object never both
   * create it. Conditional on `staged.etag` like recordLink; returns the row as it now is.
   */
  claimCreate(staged: StagedObject, until: string): Promise<StagedObject | 'stale'>;
  /**
   * Records the link after a target write (and ends any create lease). Returns 'stale' (and writes nothing) when the staged row changed
   * since `staged.etag` was read: the caller must reconcile again with the newer state.
   */
  recordLink(staged: StagedObject, targetId: string | undefined): Promise<'recorded' | 'stale'>;
}
