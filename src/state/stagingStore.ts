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

export interface StageOptions {
  /**
   * The cycle that read these records (src/cycles). Recorded on every row of the call, changed or not, so that
   * the cycle's sweep can find the staged objects a full read did not see (deleted in the source).
   */
  cycleId?: string;
  /**
   * The cycle's page that stages these records (its `pagesDone` when the page began). Recorded with `cycleId` when
   * the cycle first sees a row, so that seenInCycleKeys can tell a later page that overlaps an earlier one from the
   * same page done again.
   */
  page?: number;
  /**
   * The caller expects these rows not to exist yet (a job's first initial cycle): each record is inserted
   * without reading first, and only a record that turns out to exist (409) is read and compared. Saves one
   * Table request per new object; costs one per existing object, so it is a hint, never a correctness matter.
   */
  expectNew?: boolean;
}

export interface StageResult {
  /**
   * Keys whose staged state changed: staged for the first time, with different content (by hash, property order
   * ignored), or back after a delete. A record held back as older than the staged version is not a change.
   * Incremental cycles reconcile only these.
   * A call with neither source versions nor a cycleId (a bulk upload) is a blind upsert and reports every key:
   * detecting changes needs a read per record, which would cost every upload, and those callers reconcile every
   * key anyway.
   */
  changedKeys: string[];
  /**
   * Keys this call found already staged with the same content by the same cycle (`options.cycleId`) on an
   * earlier page (`options.page`): a source paged with overlap reads them again. An earlier page enqueued its
   * reconciles before the cycle recorded it as done, so an initial cycle, which otherwise reconciles every key it
   * reads, need not reconcile these twice. Never the keys of the same page done again (a crash between staging
   * and enqueueing repeats the page): their reconciles may never have been sent. Empty without `options.page`.
   */
  seenInCycleKeys: string[];
}

/** An object a cycle reconciled from the page it read, before it was staged (StagingStore.insertReconciled). */
export interface ReconciledRecord {
  sourceKey: string;
  data: JsonObject;
  sourceVersion?: string;
  /** The cycle's page that read it, when not the call's `options.page` (StageOptions.page: seenOnPage). */
  page?: number;
  /** The link the reconcile recorded, if any. */
  targetId?: string;
  /** A create lease the reconcile left (its create timed out: outcome unknown), so that the next one re-matches. */
  creatingUntil?: string;
}

/** One staged object as the sweep of a full read sees it. */
export interface StagedKey {
  sourceKey: string;
  /** The cycle that last read the object (StageOptions.cycleId); undefined when only pushes staged it. */
  lastSeenCycle?: string;
  stagedAt: string;
  deleted: boolean;
  /** For markDeleted's `ifEtag`: the sweep must not delete an object restaged since it listed it. */
  etag: string;
}

export interface PageOptions {
  /** From the previous page; undefined for the first. Opaque. */
  continuationToken?: string;
  /** Rows per page, at most 1000 (a Table Storage page). */
  pageSize?: number;
}

export interface StagedKeyPage {
  keys: StagedKey[];
  /** Undefined on the last page. */
  continuationToken?: string;
}

export interface ClearLinksPage {
  /** Rows whose link (or create lease) this page removed. */
  cleared: number;
  /** Undefined when every row of the job was visited. */
  continuationToken?: string;
}

/**
 * The newest state of each source object, plus its link (anchor) to the target object.
 * Contract: `stage` checks every record before writing any (bad input stages nothing); a storage failure may
 * leave part of a call staged, which the caller's retry makes whole (staging is an idempotent upsert of the
 * newest state). The later record wins when a key appears twice in one call. Staging keeps an existing link.
 */
export interface StagingStore {
  stage(jobId: string, objectType: string, records: readonly StageRecord[], stagedAt: string, options?: StageOptions): Promise<StageResult>;
  get(jobId: string, objectType: string, sourceKey: string): Promise<StagedObject | undefined>;
  /**
   * Records that the source deleted an object (keeping its last data and link, so the reconcile can delete the
   * target object). Staging the object again undoes it. With `ifEtag`, only if the row is still the one listed
   * (else 'stale', nothing written).
   */
  markDeleted(jobId: string, objectType: string, sourceKey: string, at: string, options?: { ifEtag?: string }): Promise<'marked' | 'stale'>;
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
  /**
   * Writes objects that a job's first initial cycle reconciled straight from the pages it read
   * (src/cycles/importWindow.ts), each with its link (or create lease) and the cycle's marks, as `stage` with
   * `expectNew` and a reconcile's recordLink would have, in a fraction of the requests. A row that exists after
   * all (on-demand provisioning raced the cycle) keeps its data and link; it gains the cycle's marks, and the
   * link when it has none. Records must pass `stage`'s checks (the caller routes the others through `stage`).
   */
  insertReconciled(jobId: string, objectType: string, records: readonly ReconciledRecord[], stagedAt: string, options: { cycleId: string; page: number }): Promise<void>;
  /** One page of a job's staged objects of one type, in no particular order, for the sweep of a full read. */
  listKeys(jobId: string, objectType: string, options?: PageOptions): Promise<StagedKeyPage>;
  /**
   * Forgets the links (and create leases) of one page of a job's staged objects, every type: Entra's restart with
   * ConnectorDataStore or Full, after which every object is matched again. Call again with the token until none
   * is returned. A reconcile that links meanwhile finds its row changed ('stale') and matches again.
   */
  clearLinks(jobId: string, options?: PageOptions): Promise<ClearLinksPage>;
}
