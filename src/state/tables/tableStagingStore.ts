import type { TableClient } from '@azure/data-tables';
import { mapBounded } from '../../concurrency/mapBounded';
import { PermanentError, TransientError, ValidationError, type ValidationIssue } from '../../domain/errors';
import { isJsonObject, type StagedObject } from '../../domain/identityObject';
import type { StageRecord, StagingStore } from '../stagingStore';
import { statusCodeOf, toStorageError } from '../../azure/toStorageError';
import { compositeTableKey } from './tableKey';
import { MAX_TABLE_STRING_CHARS } from './tableStringLimit';

/** Records one stage() call takes: one upload (the job's maxBulkOperations is at most 100). */
export const MAX_STAGE_RECORDS = 100;
/** Rows written at once by one stage() call. */
const STAGE_CONCURRENCY = 16;

/**
 * One partition per staged object (job, type, key), as DESIGN says: writes spread (Azure allows about 2,000
 * entities/s per partition, and a reconcile writes its object's row two or three times), and a point read stays
 * O(1) in Azurite too, which scans a partition to find a row (measured: a single-partition job slowed from 77 to
 * 39 records/s between 2,000 and 10,000 objects). The price: one upload is no longer one transaction. It is still
 * all-or-error: everything is validated before the first write, a storage failure answers 503 and the client's
 * retry restages the same records, which is harmless because staging is an idempotent upsert of newest state.
 */
function rowKeys(jobId: string, objectType: string, sourceKey: string): { partitionKey: string; rowKey: string } {
  return { partitionKey: compositeTableKey(jobId, objectType, sourceKey), rowKey: '' };
}

/** What `stage` writes. `targetId` is deliberately absent: see `stage`. */
type StagedWrite = {
  partitionKey: string;
  rowKey: string;
  objectType: string;
  sourceKey: string;
  data: string;
  stagedAt: string;
  /** The source deleted the object; staging it again clears this. */
  deleted: boolean;
  /** The source's version of the staged state, when the source has one (StageRecord.sourceVersion). */
  sourceVersion?: string;
};

interface StagedRow extends Omit<StagedWrite, 'data' | 'deleted'> {
  /** Absent on a row that markDeleted created for a key never staged. */
  data?: string;
  /** Absent on rows staged before deletes existed. */
  deleted?: boolean;
  /** Empty string = no link (Merge cannot remove a property, so clearing writes ''). */
  targetId?: string;
  /** Empty string = no create lease. */
  creatingUntil?: string;
  etag: string;
}

export interface TableStagingStoreOptions {
  /** Longest `data` JSON accepted; the default is the service's limit. Tests raise it to make the service reject. */
  maxDataChars?: number;
}

/**
 * Staged source objects, one row (and partition) each, keyed by job, object type and source key; escaped.
 */
export class TableStagingStore implements StagingStore {
  private readonly maxDataChars: number;

  constructor(
    private readonly table: TableClient,
    options: TableStagingStoreOptions = {},
  ) {
    this.maxDataChars = options.maxDataChars ?? MAX_TABLE_STRING_CHARS;
  }

  async stage(jobId: string, objectType: string, records: readonly StageRecord[], stagedAt: string): Promise<void> {
    if (records.length === 0) return;
    if (records.length > MAX_STAGE_RECORDS) {
      throw new PermanentError(`cannot stage ${records.length} records at once: one upload stages at most ${MAX_STAGE_RECORDS}`, { code: 'TooManyStageRecords' });
    }
    // Later wins: a transaction may touch a row only once, and the newest state is the one that counts.
    const latest = new Map<string, { index: number; record: StageRecord }>();
    records.forEach((record, index) => {
      latest.delete(record.sourceKey); // re-insert so that Map order follows the later occurrence
      latest.set(record.sourceKey, { index, record });
    });
    const issues: ValidationIssue[] = [];
    const writes: StagedWrite[] = [];
    for (const { index, record } of latest.values()) {
      const data = JSON.stringify(record.data);
      if (data.length > this.maxDataChars) {
        issues.push({ path: `records[${index}].data`, message: `is ${data.length} characters as JSON; at most ${this.maxDataChars} can be staged` });
        continue;
      }
      writes.push({ ...rowKeys(jobId, objectType, record.sourceKey), objectType, sourceKey: record.sourceKey, data, stagedAt, deleted: false, ...(record.sourceVersion ? { sourceVersion: record.sourceVersion } : {}) });
    }
    // Everything is checked before anything is written, so bad input never half-stages.
    if (issues.length > 0) throw new ValidationError(issues);
    try {
      // Merge, not Replace: the row's link (targetId) was written by a reconcile and must survive restaging.
      await mapBounded(writes, STAGE_CONCURRENCY, async (entity) => {
        if (entity.sourceVersion) await this.stageIfNewer(entity);
        else await this.table.upsertEntity(entity, 'Merge');
      });
    } catch (error) {
      throw toStorageError(error, `stage ${writes.length} ${objectType} objects of job ${jobId}`);
    }
  }

  async get(jobId: string, objectType: string, sourceKey: string): Promise<StagedObject | undefined> {
    let row: StagedRow;
    try {
      const keys = rowKeys(jobId, objectType, sourceKey);
      row = await this.table.getEntity<StagedRow>(keys.partitionKey, keys.rowKey);
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw toStorageError(error, `read staged ${objectType} ${sourceKey} of job ${jobId}`);
    }
    const data: unknown = JSON.parse(row.data ?? '{}');
    if (!isJsonObject(data)) throw new PermanentError(`staged ${objectType} ${sourceKey} of job ${jobId} is not a JSON object`, { code: 'StagedDataInvalid' });
    const staged: StagedObject = { jobId, objectType, sourceKey, data, stagedAt: row.stagedAt, etag: row.etag };
    if (row.targetId) staged.targetId = row.targetId;
    if (row.creatingUntil) staged.creatingUntil = row.creatingUntil;
    if (row.deleted === true) staged.deleted = true;
    return staged;
  }

  /**
   * Writes a versioned record unless the row already holds a newer version: read, compare, then a write
   * conditional on what was read (insert if absent, ETag otherwise), again if someone wrote in between.
   */
  private async stageIfNewer(entity: StagedWrite): Promise<void> {
    for (let attempt = 0; attempt < 8; attempt++) {
      let current: StagedRow | undefined;
      try {
        current = await this.table.getEntity<StagedRow>(entity.partitionKey, entity.rowKey);
      } catch (error) {
        if (statusCodeOf(error) !== 404) throw error;
      }
      if (current?.sourceVersion && entity.sourceVersion && current.sourceVersion > entity.sourceVersion) return;
      try {
        if (current) await this.table.updateEntity(entity, 'Merge', { etag: current.etag });
        else await this.table.createEntity(entity);
        return;
      } catch (error) {
        const status = statusCodeOf(error);
        if (status !== 409 && status !== 412) throw error;
      }
    }
    throw new TransientError(`the staged row of ${entity.objectType} ${entity.sourceKey} kept changing`);
  }

  async markDeleted(jobId: string, objectType: string, sourceKey: string, at: string): Promise<void> {
    // Merge keeps the last data and the link, which the reconcile needs to delete the target object. A key
    // that was never staged becomes a row without data, which the reconcile skips.
    const entity = { ...rowKeys(jobId, objectType, sourceKey), objectType, sourceKey, deleted: true, stagedAt: at };
    try {
      await this.table.upsertEntity(entity, 'Merge');
    } catch (error) {
      throw toStorageError(error, `mark ${objectType} ${sourceKey} of job ${jobId} deleted`);
    }
  }

  async claimCreate(staged: StagedObject, until: string): Promise<StagedObject | 'stale'> {
    const etag = await this.conditionalMerge(staged, { creatingUntil: until }, 'claim the create of');
    return etag === 'stale' ? 'stale' : { ...staged, creatingUntil: until, etag };
  }

  async recordLink(staged: StagedObject, targetId: string | undefined): Promise<'recorded' | 'stale'> {
    const etag = await this.conditionalMerge(staged, { targetId: targetId ?? '', creatingUntil: '' }, 'record the link of');
    return etag === 'stale' ? 'stale' : 'recorded';
  }

  /**
   * Merge touches only the given bookkeeping properties; the etag makes it conditional on the row being the
   * one the caller read. Returns the new etag.
   */
  private async conditionalMerge(staged: StagedObject, properties: { targetId?: string; creatingUntil?: string }, what: string): Promise<string | 'stale'> {
    const entity = { ...rowKeys(staged.jobId, staged.objectType, staged.sourceKey), ...properties };
    try {
      const response = await this.table.updateEntity(entity, 'Merge', { etag: staged.etag });
      return response.etag ?? '';
    } catch (error) {
      const status = statusCodeOf(error);
      // 412: restaged since it was read. 404: gone since it was read. Either way the caller must look again.
      if (status === 412 || status === 404) return 'stale';
      throw toStorageError(error, `${what} ${staged.objectType} ${staged.sourceKey} of job ${staged.jobId}`);
    }
  }
}
