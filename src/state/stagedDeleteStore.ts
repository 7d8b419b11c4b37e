/**
 * A delete or disable the accidental-deletion threshold held back (reference/entra-engine.md §9: logged as
 * StagedDelete). Kept until an operator approves (restart with ForceDeletes: releaseStagedDeletes
 * re-enqueues each object with `forceDelete`) so that approval needs no search through the logs.
 */
export interface HeldDeletion {
  jobId: string;
  objectType: string;
  sourceKey: string;
  action: 'delete' | 'disable';
  /** The target object that would have been deleted or disabled, for the operator. */
  targetId: string;
  /** The cycle (message cycleId) in which it was held. */
  cycleId: string;
  heldAt: string;
}

/** A held deletion as listed, with the version a release must quote. */
export interface ListedHeldDeletion extends HeldDeletion {
  etag: string;
}

export interface StagedDeleteStore {
  /** Records (or refreshes) a held deletion; one row per object, so holding it again in a later cycle is harmless. */
  hold(deletion: HeldDeletion): Promise<void>;
  /** Every held deletion of the job. */
  list(jobId: string): Promise<ListedHeldDeletion[]>;
  /**
   * Forgets a held deletion, if it is still the version listed: an object held again after the listing (a
   * new cycle, after the approval) keeps its newer record. Forgetting one that is gone is not an error.
   */
  release(deletion: ListedHeldDeletion): Promise<void>;
}
