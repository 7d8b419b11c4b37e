import type { JsonObject, StagedObject } from '../domain/identityObject';
import type { ClearLinksPage, PageOptions, ReconciledRecord, StagedKeyPage, StageOptions, StageRecord, StageResult, StagingStore } from '../state/stagingStore';

/** The etag of a held object: nothing else can write it, so a reconcile's conditional writes always hold. */
const HELD_ETAG = 'held-in-window';

interface Held {
  data: JsonObject;
  sourceVersion?: string;
  /** The cycle's page that read it (ReconciledRecord.page). */
  page?: number;
  targetId?: string;
  creatingUntil?: string;
}

/**
 * The staging a window of a job's first initial cycle reconciles through (importWindow): the objects the window
 * read are held in memory, as if staged, and what the reconciles record on them (the create lease, the link) stays
 * in memory until `records` hands it to StagingStore.insertReconciled, a page at a time. Everything else (a manager
 * read in an earlier window, the other calls) goes to the real store. Saves the staging insert, the reconcile's
 * read, the lease and the link write per object (four Table requests) for one write.
 *
 * Safe only where nothing else writes these objects' rows meanwhile: a first initial cycle of a source that does
 * not push (importWindow checks), with the cycle's window marker covering what a crash leaves unrecorded.
 */
export class WindowStaging implements StagingStore {
  private readonly held = new Map<string, Map<string, Held>>();
  /** Keys whose rows are written (release): the store answers for them now; kept so a repeat is still seen. */
  private readonly written = new Map<string, Set<string>>();

  constructor(
    private readonly store: StagingStore,
    private readonly jobId: string,
    private readonly stagedAt: string,
  ) {}

  /** Holds an object read by the window; false when the window already holds it (a source paged with overlap). */
  hold(objectType: string, sourceKey: string, data: JsonObject, read: { sourceVersion?: string; page?: number } = {}): boolean {
    const ofType = this.held.get(objectType) ?? new Map<string, Held>();
    this.held.set(objectType, ofType);
    if (ofType.has(sourceKey) || this.written.get(objectType)?.has(sourceKey)) return false;
    ofType.set(sourceKey, { data, ...read });
    return true;
  }

  /** Held objects of one type with what their reconciles recorded; the given keys only, when given. */
  records(objectType: string, keys?: readonly string[]): ReconciledRecord[] {
    const ofType = this.held.get(objectType);
    if (!ofType) return [];
    const wanted = keys ?? [...ofType.keys()];
    const entries = wanted.flatMap((key): [string, Held][] => {
      const h = ofType.get(key);
      return h ? [[key, h]] : [];
    });
    return entries.map(([sourceKey, h]) => ({
      sourceKey,
      data: h.data,
      ...(h.sourceVersion !== undefined ? { sourceVersion: h.sourceVersion } : {}),
      ...(h.page !== undefined ? { page: h.page } : {}),
      ...(h.targetId !== undefined ? { targetId: h.targetId } : {}),
      ...(h.creatingUntil !== undefined ? { creatingUntil: h.creatingUntil } : {}),
    }));
  }

  /**
   * Lets go of objects whose rows insertReconciled has written: from now on reads and writes of them go to the
   * store, whose rows say the same (data, link, create lease), so a window holds only the groups of pages not yet
   * written, not every object it read. Their keys are kept: a source paged with overlap repeats a few of them.
   */
  release(objectType: string, keys: readonly string[]): void {
    const ofType = this.held.get(objectType);
    const written = this.written.get(objectType) ?? new Set<string>();
    this.written.set(objectType, written);
    for (const key of keys) {
      ofType?.delete(key);
      written.add(key);
    }
  }

  private find(jobId: string, objectType: string, sourceKey: string): Held | undefined {
    return jobId === this.jobId ? this.held.get(objectType)?.get(sourceKey) : undefined;
  }

  async get(jobId: string, objectType: string, sourceKey: string): Promise<StagedObject | undefined> {
    const h = this.find(jobId, objectType, sourceKey);
    if (!h) return this.store.get(jobId, objectType, sourceKey);
    return {
      jobId,
      objectType,
      sourceKey,
      data: h.data,
      stagedAt: this.stagedAt,
      etag: HELD_ETAG,
      ...(h.targetId !== undefined ? { targetId: h.targetId } : {}),
      ...(h.creatingUntil !== undefined ? { creatingUntil: h.creatingUntil } : {}),
    };
  }

  async claimCreate(staged: StagedObject, until: string): Promise<StagedObject | 'stale'> {
    const h = this.find(staged.jobId, staged.objectType, staged.sourceKey);
    if (!h) return this.store.claimCreate(staged, until);
    h.creatingUntil = until;
    return { ...staged, creatingUntil: until };
  }

  async recordLink(staged: StagedObject, targetId: string | undefined): Promise<'recorded' | 'stale'> {
    const h = this.find(staged.jobId, staged.objectType, staged.sourceKey);
    if (!h) return this.store.recordLink(staged, targetId);
    delete h.creatingUntil;
    if (targetId === undefined) delete h.targetId;
    else h.targetId = targetId;
    return 'recorded';
  }

  stage(jobId: string, objectType: string, records: readonly StageRecord[], stagedAt: string, options?: StageOptions): Promise<StageResult> {
    return this.store.stage(jobId, objectType, records, stagedAt, options);
  }

  markDeleted(jobId: string, objectType: string, sourceKey: string, at: string, options?: { ifEtag?: string }): Promise<'marked' | 'stale'> {
    return this.store.markDeleted(jobId, objectType, sourceKey, at, options);
  }

  insertReconciled(jobId: string, objectType: string, records: readonly ReconciledRecord[], stagedAt: string, options: { cycleId: string; page: number }): Promise<void> {
    return this.store.insertReconciled(jobId, objectType, records, stagedAt, options);
  }

  listKeys(jobId: string, objectType: string, options?: PageOptions): Promise<StagedKeyPage> {
    return this.store.listKeys(jobId, objectType, options);
  }

  clearLinks(jobId: string, options?: PageOptions): Promise<ClearLinksPage> {
    return this.store.clearLinks(jobId, options);
  }
}
