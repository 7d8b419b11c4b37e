import type { JsonObject, StagedObject } from '../../../src/domain/identityObject';
import { contentHash } from '../../../src/state/contentHash';
import type { ClearLinksPage, PageOptions, ReconciledRecord, StagedKeyPage, StageOptions, StageRecord, StageResult, StagingStore } from '../../../src/state/stagingStore';

/** What the Table adapter keeps beside the StagedObject: source version, content hash, the cycle that last read it. */
interface RowMeta {
  sourceVersion?: string;
  hash?: string;
  lastSeenCycle?: string;
  /** The page of lastSeenCycle that first saw the row (StageOptions.page). */
  seenOnPage?: number;
}

/** An in-memory StagingStore with the same contract as the Table adapter (etags, later-wins, links kept, change detection). */
export class MemoryStagingStore implements StagingStore {
  readonly rows = new Map<string, StagedObject>();
  private readonly meta = new Map<string, RowMeta>();
  private version = 0;
  /** Called inside recordLink before the etag check: lets a test restage concurrently. */
  beforeRecordLink?: () => void;

  private key(jobId: string, objectType: string, sourceKey: string): string {
    return `${jobId}|${objectType}|${sourceKey}`;
  }

  async stage(jobId: string, objectType: string, records: readonly StageRecord[], stagedAt: string, options: StageOptions = {}): Promise<StageResult> {
    const latest = new Map<string, StageRecord>();
    for (const record of records) {
      latest.delete(record.sourceKey);
      latest.set(record.sourceKey, record);
    }
    const changedKeys: string[] = [];
    const seenInCycleKeys: string[] = [];
    for (const record of latest.values()) {
      const key = this.key(jobId, objectType, record.sourceKey);
      const meta = this.meta.get(key) ?? {};
      const row = this.rows.get(key);
      const sameCycle = options.cycleId !== undefined && meta.lastSeenCycle === options.cycleId;
      // Seen on an earlier page of this cycle, not the same page done again (StageResult.seenInCycleKeys).
      const seenBefore = sameCycle && meta.seenOnPage !== undefined && options.page !== undefined && meta.seenOnPage < options.page;
      // As the Table adapter: the cycle's first sight records its page, and so does every write of new content.
      const sighted = (): void => {
        if (!options.cycleId) return;
        meta.lastSeenCycle = options.cycleId;
        if (options.page !== undefined) meta.seenOnPage = options.page;
        else delete meta.seenOnPage;
      };
      if (!sameCycle) sighted();
      this.meta.set(key, meta);
      const hash = contentHash(record.data);
      if (record.sourceVersion && meta.sourceVersion && meta.sourceVersion > record.sourceVersion) continue;
      if (record.sourceVersion) meta.sourceVersion = record.sourceVersion;
      const blind = !record.sourceVersion && !options.cycleId; // a bulk upload: no change detection (StageResult)
      if (!blind && row && !row.deleted && meta.hash === hash) {
        if (seenBefore) seenInCycleKeys.push(record.sourceKey);
        continue;
      }
      meta.hash = hash;
      sighted();
      this.put(jobId, objectType, record.sourceKey, record.data, stagedAt);
      changedKeys.push(record.sourceKey);
    }
    return { changedKeys, seenInCycleKeys };
  }

  async insertReconciled(jobId: string, objectType: string, records: readonly ReconciledRecord[], stagedAt: string, options: { cycleId: string; page: number }): Promise<void> {
    for (const record of records) {
      const key = this.key(jobId, objectType, record.sourceKey);
      const existing = this.rows.get(key);
      const meta = this.meta.get(key) ?? {};
      meta.lastSeenCycle = options.cycleId;
      meta.seenOnPage = record.page ?? options.page;
      this.meta.set(key, meta);
      if (existing) {
        // As the Table adapter: an existing row keeps its data and link, and gains the link when it has none.
        if (!existing.targetId && record.targetId) this.rows.set(key, { ...existing, targetId: record.targetId, etag: String(++this.version) });
        continue;
      }
      meta.hash = contentHash(record.data);
      if (record.sourceVersion) meta.sourceVersion = record.sourceVersion;
      this.rows.set(key, {
        jobId,
        objectType,
        sourceKey: record.sourceKey,
        data: record.data,
        stagedAt,
        etag: String(++this.version),
        ...(record.targetId ? { targetId: record.targetId } : {}),
        ...(record.creatingUntil ? { creatingUntil: record.creatingUntil } : {}),
      });
    }
  }

  /** Writes a row as staging does, without change detection (tests set up state with it). */
  put(jobId: string, objectType: string, sourceKey: string, data: JsonObject, stagedAt = new Date(0).toISOString()): void {
    const key = this.key(jobId, objectType, sourceKey);
    const existing = this.rows.get(key);
    this.rows.set(key, { jobId, objectType, sourceKey, data, stagedAt, etag: String(++this.version), ...(existing?.targetId ? { targetId: existing.targetId } : {}), ...(existing?.creatingUntil ? { creatingUntil: existing.creatingUntil } : {}) });
  }

  async markDeleted(jobId: string, objectType: string, sourceKey: string, at: string, options: { ifEtag?: string } = {}): Promise<'marked' | 'stale'> {
    const key = this.key(jobId, objectType, sourceKey);
    const existing = this.rows.get(key);
    if (options.ifEtag !== undefined && existing?.etag !== options.ifEtag) return 'stale';
    const row = existing ?? { jobId, objectType, sourceKey, data: {}, stagedAt: at, etag: '0' };
    this.rows.set(key, { ...row, deleted: true, stagedAt: at, etag: String(++this.version) });
    return 'marked';
  }

  async get(jobId: string, objectType: string, sourceKey: string): Promise<StagedObject | undefined> {
    const row = this.rows.get(this.key(jobId, objectType, sourceKey));
    return row ? structuredClone(row) : undefined;
  }

  async claimCreate(staged: StagedObject, until: string): Promise<StagedObject | 'stale'> {
    const key = this.key(staged.jobId, staged.objectType, staged.sourceKey);
    const row = this.rows.get(key);
    if (!row || row.etag !== staged.etag) return 'stale';
    const next = { ...row, creatingUntil: until, etag: String(++this.version) };
    this.rows.set(key, next);
    return structuredClone(next);
  }

  async recordLink(staged: StagedObject, targetId: string | undefined): Promise<'recorded' | 'stale'> {
    this.beforeRecordLink?.();
    const key = this.key(staged.jobId, staged.objectType, staged.sourceKey);
    const row = this.rows.get(key);
    if (!row || row.etag !== staged.etag) return 'stale';
    const { targetId: _old, creatingUntil: _lease, ...rest } = row;
    this.rows.set(key, { ...rest, etag: String(++this.version), ...(targetId ? { targetId } : {}) });
    return 'recorded';
  }

  /** Pages by position in insertion order; the token is the next position. */
  async listKeys(jobId: string, objectType: string, options: PageOptions = {}): Promise<StagedKeyPage> {
    const all = [...this.rows.entries()].filter(([, row]) => row.jobId === jobId && row.objectType === objectType);
    const { slice, continuationToken } = pageOf(all, options);
    const keys = slice.map(([key, row]) => {
      const lastSeenCycle = this.meta.get(key)?.lastSeenCycle;
      return { sourceKey: row.sourceKey, stagedAt: row.stagedAt, deleted: row.deleted === true, etag: row.etag, ...(lastSeenCycle ? { lastSeenCycle } : {}) };
    });
    return continuationToken ? { keys, continuationToken } : { keys };
  }

  async clearLinks(jobId: string, options: PageOptions = {}): Promise<ClearLinksPage> {
    const all = [...this.rows.entries()].filter(([, row]) => row.jobId === jobId);
    const { slice, continuationToken } = pageOf(all, options);
    let cleared = 0;
    for (const [key, row] of slice) {
      if (!row.targetId && !row.creatingUntil) continue;
      const { targetId: _link, creatingUntil: _lease, ...rest } = row;
      this.rows.set(key, { ...rest, etag: String(++this.version) });
      cleared++;
    }
    return continuationToken ? { cleared, continuationToken } : { cleared };
  }
}

function pageOf<T>(all: readonly T[], options: PageOptions): { slice: T[]; continuationToken?: string } {
  const start = options.continuationToken === undefined ? 0 : Number(options.continuationToken);
  const end = start + (options.pageSize ?? 1000);
  return end < all.length ? { slice: all.slice(start, end), continuationToken: String(end) } : { slice: all.slice(start) };
}
