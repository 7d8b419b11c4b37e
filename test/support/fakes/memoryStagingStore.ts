import type { JsonObject, StagedObject } from '../../../src/domain/identityObject';
import type { StageRecord, StagingStore } from '../../../src/state/stagingStore';

/** An in-memory StagingStore with the same contract as the Table adapter (etags, later-wins, links kept). */
export class MemoryStagingStore implements StagingStore {
  readonly rows = new Map<string, StagedObject>();
  private version = 0;
  /** Called inside recordLink before the etag check: lets a test restage concurrently. */
  beforeRecordLink?: () => void;

  private key(jobId: string, objectType: string, sourceKey: string): string {
    return `${jobId}|${objectType}|${sourceKey}`;
  }

  /** Source versions of staged rows (StageRecord.sourceVersion), as the Table adapter keeps them. */
  private readonly sourceVersions = new Map<string, string>();

  async stage(jobId: string, objectType: string, records: readonly StageRecord[], stagedAt: string): Promise<void> {
    for (const record of records) {
      const key = this.key(jobId, objectType, record.sourceKey);
      const current = this.sourceVersions.get(key);
      if (record.sourceVersion && current && current > record.sourceVersion) continue;
      if (record.sourceVersion) this.sourceVersions.set(key, record.sourceVersion);
      this.put(jobId, objectType, record.sourceKey, record.data, stagedAt);
    }
  }

  put(jobId: string, objectType: string, sourceKey: string, data: JsonObject, stagedAt = new Date(0).toISOString()): void {
    const key = this.key(jobId, objectType, sourceKey);
    const existing = this.rows.get(key);
    this.rows.set(key, { jobId, objectType, sourceKey, data, stagedAt, etag: String(++this.version), ...(existing?.targetId ? { targetId: existing.targetId } : {}), ...(existing?.creatingUntil ? { creatingUntil: existing.creatingUntil } : {}) });
  }

  async markDeleted(jobId: string, objectType: string, sourceKey: string, at: string): Promise<void> {
    const key = this.key(jobId, objectType, sourceKey);
    const row = this.rows.get(key) ?? { jobId, objectType, sourceKey, data: {}, stagedAt: at, etag: '0' };
    this.rows.set(key, { ...row, deleted: true, stagedAt: at, etag: String(++this.version) });
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
}
