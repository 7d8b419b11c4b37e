import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { chunksOf } from '../../collections/chunksOf';
import { groupBy } from '../../collections/groupBy';
import { mapBounded } from '../../concurrency/mapBounded';
import { PermanentError, TransientError, ValidationError, type ValidationIssue } from '../../domain/errors';
import { isJsonObject, type StagedObject } from '../../domain/identityObject';
import { contentHash } from '../contentHash';
import type { ClearLinksPage, PageOptions, ReconciledRecord, StagedKeyPage, StageOptions, StageRecord, StageResult, StagingStore } from '../stagingStore';
import { statusCodeOf, toStorageError } from '../../azure/toStorageError';
import { decodeLogContinuationToken, encodeLogContinuationToken } from './logContinuationToken';
import { stagingBucket } from './stagingBucket';
import { compositeTableKey, encodeTableKey } from './tableKey';
import { MAX_TABLE_STRING_CHARS } from './tableStringLimit';
import { submitBatch } from './submitBatch';

/** Records one stage() call takes: one upload (the job's maxBulkOperations is at most 100). */
export const MAX_STAGE_RECORDS = 100;
/** Rows written at once by one stage() call. */
const STAGE_CONCURRENCY = 16;
/** Rows in one entity-group transaction (the service's limit). */
const MAX_TRANSACTION_ROWS = 100;
/** insertReconciled's transactions in flight at once. */
const TRANSACTION_CONCURRENCY = 8;
/** Rows per listing page: one Table Storage response. */
const MAX_PAGE_SIZE = 1000;
/** Rounds of read-then-conditional-write before a row that keeps changing is reported as a transient failure. */
const MAX_WRITE_ROUNDS = 8;

/**
 * Rows are spread over STAGING_BUCKETS partitions per job and type (`job|type|<bucket>`, RowKey the source key),
 * by a hash of the key (stagingBucket). Why buckets, not one partition per object as before: a job's first initial
 * cycle writes its rows in entity-group transactions (insertReconciled), which need rows that share a partition.
 * Measured on the 2-core VM with Azurite in memory, 40,000 rows written in groups of 5,000: one partition per
 * row, single inserts at concurrency 16, cost 0.55 ms of client CPU and 0.76 ms of Azurite CPU per row (1,303
 * rows/s); 256 buckets in transactions of ~20, 0.14 ms and 0.21 ms (4,770 rows/s). Why not fewer: Azurite finds
 * a row by walking its partition (64 buckets already slowed as they filled: 3,621 to 2,670 rows/s over the run),
 * and Azure serves about 2,000 entities/s per partition, so 256 keep a job's writes spread. A point read stays a
 * point read. The price: one upload is still not one transaction (its rows fall in many buckets); it is
 * all-or-error all the same: everything is validated before the first write, a storage failure answers 503 and
 * the client's retry restages the same records, which is harmless because staging is an idempotent upsert.
 */
function rowKeys(jobId: string, objectType: string, sourceKey: string): { partitionKey: string; rowKey: string } {
  return { partitionKey: compositeTableKey(jobId, objectType, stagingBucket(sourceKey)), rowKey: compositeTableKey(sourceKey) };
}

/**
 * The rows of a job's objects of one type (or, without a type, of every type) are a range of partition keys:
 * `job|type|` up to `job|type}`, `}` being the character after the separator. Components are escaped, so no
 * other job's or type's key falls in the range.
 */
function partitionRange(...parts: readonly string[]): string {
  const prefix = `${parts.map(encodeTableKey).join('|')}|`;
  const end = `${prefix.slice(0, -1)}}`;
  return odata`PartitionKey ge ${prefix} and PartitionKey lt ${end}`;
}

/**
 * Whether the cycle staging `entity` already saw the row on an earlier page (StageResult.seenInCycleKeys). Not
 * on the same page: that page is being done again, and its first attempt may have staged without enqueueing.
 */
function seenOnEarlierPage(current: Pick<StagedWrite, 'lastSeenCycle' | 'seenOnPage'>, entity: Pick<StagedWrite, 'lastSeenCycle' | 'seenOnPage'>): boolean {
  if (entity.lastSeenCycle === undefined || current.lastSeenCycle !== entity.lastSeenCycle) return false;
  return current.seenOnPage !== undefined && entity.seenOnPage !== undefined && current.seenOnPage < entity.seenOnPage;
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
  /** contentHash(data): a restage with the same hash is no change (StageResult.changedKeys). */
  contentHash: string;
  /** The cycle that read this state (StageOptions.cycleId). */
  lastSeenCycle?: string;
  /** The page of lastSeenCycle that first saw the row (StageOptions.page): see StageResult.seenInCycleKeys. */
  seenOnPage?: number;
};

interface StagedRow extends Omit<StagedWrite, 'data' | 'deleted' | 'contentHash'> {
  /** Absent on a row that markDeleted created for a key never staged. */
  data?: string;
  /** Absent on rows staged before deletes existed. */
  deleted?: boolean;
  /** Absent on rows staged before change detection existed: they count as changed once. */
  contentHash?: string;
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
 * Staged source objects, one row each, keyed by job, object type and source key (escaped), in 256 partitions per
 * job and type (rowKeys).
 */
export class TableStagingStore implements StagingStore {
  private readonly maxDataChars: number;

  constructor(
    private readonly table: TableClient,
    options: TableStagingStoreOptions = {},
  ) {
    this.maxDataChars = options.maxDataChars ?? MAX_TABLE_STRING_CHARS;
  }

  async stage(jobId: string, objectType: string, records: readonly StageRecord[], stagedAt: string, options: StageOptions = {}): Promise<StageResult> {
    if (records.length === 0) return { changedKeys: [], seenInCycleKeys: [] };
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
      writes.push({
        ...rowKeys(jobId, objectType, record.sourceKey),
        objectType,
        sourceKey: record.sourceKey,
        data,
        stagedAt,
        deleted: false,
        contentHash: contentHash(record.data),
        ...(record.sourceVersion ? { sourceVersion: record.sourceVersion } : {}),
        ...(options.cycleId ? { lastSeenCycle: options.cycleId, ...(options.page !== undefined ? { seenOnPage: options.page } : {}) } : {}),
      });
    }
    // Everything is checked before anything is written, so bad input never half-stages.
    if (issues.length > 0) throw new ValidationError(issues);
    try {
      const outcomes = await mapBounded(writes, STAGE_CONCURRENCY, (entity) => this.stageOne(entity, options.expectNew === true));
      return {
        changedKeys: writes.filter((_, i) => outcomes[i] === 'changed').map((w) => w.sourceKey),
        seenInCycleKeys: writes.filter((_, i) => outcomes[i] === 'seenInCycle').map((w) => w.sourceKey),
      };
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
   * Read, compare, then write conditionally on what was read (insert if absent, ETag otherwise), again if
   * someone wrote in between. Returns whether the staged state changed. An older version than the staged one is
   * not written, nor is the same content: only what must be recorded (that the cycle saw the row, a newer version)
   * is merged, and nothing when there is nothing to record, so that the row keeps its ETag and a reconcile in
   * flight can still record its link. Merge, never Replace: the row's link (targetId) was written by a reconcile
   * and must survive restaging.
   */
  private async stageOne(entity: StagedWrite, expectNew: boolean): Promise<'changed' | 'unchanged' | 'seenInCycle'> {
    if (entity.sourceVersion === undefined && entity.lastSeenCycle === undefined) {
      // A bulk upload: neither ordering nor change detection is asked for, so no read (see StageResult).
      await this.table.upsertEntity(entity, 'Merge');
      return 'changed';
    }
    if (expectNew) {
      try {
        await this.table.createEntity(entity);
        return 'changed';
      } catch (error) {
        // It exists after all: read and compare as usual.
        if (statusCodeOf(error) !== 409) throw error;
      }
    }
    for (let round = 0; round < MAX_WRITE_ROUNDS; round++) {
      let current: StagedRow | undefined;
      try {
        current = await this.table.getEntity<StagedRow>(entity.partitionKey, entity.rowKey);
      } catch (error) {
        if (statusCodeOf(error) !== 404) throw error;
      }
      const older = current?.sourceVersion !== undefined && entity.sourceVersion !== undefined && current.sourceVersion > entity.sourceVersion;
      const same = current !== undefined && current.data !== undefined && current.deleted !== true && current.contentHash === entity.contentHash;
      try {
        if (current && (older || same)) {
          // Seen by the cycle all the same (a newer state pushed meanwhile is still an object the source has).
          // The page is recorded with the cycle's first sight only: a later page that overlaps keeps the earlier one.
          const seen =
            entity.lastSeenCycle !== undefined && current.lastSeenCycle !== entity.lastSeenCycle
              ? { lastSeenCycle: entity.lastSeenCycle, ...(entity.seenOnPage !== undefined ? { seenOnPage: entity.seenOnPage } : {}) }
              : {};
          const newer = !older && entity.sourceVersion !== undefined && entity.sourceVersion !== current.sourceVersion ? { sourceVersion: entity.sourceVersion } : {};
          if (Object.keys(seen).length + Object.keys(newer).length > 0) {
            await this.table.updateEntity({ partitionKey: entity.partitionKey, rowKey: entity.rowKey, ...seen, ...newer }, 'Merge', { etag: current.etag });
          }
          return same && seenOnEarlierPage(current, entity) ? 'seenInCycle' : 'unchanged';
        }
        if (current) await this.table.updateEntity(entity, 'Merge', { etag: current.etag });
        else await this.table.createEntity(entity);
        return 'changed';
      } catch (error) {
        const status = statusCodeOf(error);
        if (status !== 409 && status !== 412) throw error;
      }
    }
    throw new TransientError(`the staged row of ${entity.objectType} ${entity.sourceKey} kept changing`);
  }

  async insertReconciled(jobId: string, objectType: string, records: readonly ReconciledRecord[], stagedAt: string, options: { cycleId: string; page: number }): Promise<void> {
    const entities = records.map((record) => ({
      ...rowKeys(jobId, objectType, record.sourceKey),
      objectType,
      sourceKey: record.sourceKey,
      data: JSON.stringify(record.data),
      stagedAt,
      deleted: false,
      contentHash: contentHash(record.data),
      lastSeenCycle: options.cycleId,
      seenOnPage: record.page ?? options.page,
      ...(record.sourceVersion !== undefined ? { sourceVersion: record.sourceVersion } : {}),
      ...(record.targetId !== undefined ? { targetId: record.targetId } : {}),
      ...(record.creatingUntil !== undefined ? { creatingUntil: record.creatingUntil } : {}),
    }));
    const tooLong = entities.find((entity) => entity.data.length > this.maxDataChars);
    if (tooLong) throw new PermanentError(`${objectType} ${tooLong.sourceKey} is too large to stage; it should have gone through stage()`, { code: 'StagedDataTooLarge' });
    const byPartition = groupBy(entities, (entity) => entity.partitionKey);
    const chunks = [...byPartition.values()].flatMap((group) => chunksOf(group, MAX_TRANSACTION_ROWS));
    try {
      await mapBounded(chunks, TRANSACTION_CONCURRENCY, (chunk) => this.insertTogether(chunk));
    } catch (error) {
      throw toStorageError(error, `write the reconciled ${objectType} objects of job ${jobId}`);
    }
  }

  /**
   * One transaction for rows of one partition; if it is refused (a row exists after all: on-demand provisioning
   * raced the cycle, or a crashed window's rows are written again), each row goes alone through insertOrMark.
   */
  private async insertTogether(chunk: readonly (StagedWrite & { targetId?: string; creatingUntil?: string })[]): Promise<void> {
    const [only] = chunk;
    if (chunk.length === 1 && only) return this.insertOrMark(only);
    try {
      await submitBatch(this.table, chunk.map((entity): TransactionAction => ['create', entity]));
      return;
    } catch (error) {
      const status = statusCodeOf(error);
      if (status === undefined || status < 400 || status >= 500) throw error;
    }
    await mapBounded(chunk, STAGE_CONCURRENCY, (entity) => this.insertOrMark(entity));
  }

  /** insertReconciled's row: inserted, or, when it exists, marked as seen and linked if it has no link (see the port). */
  private async insertOrMark(entity: StagedWrite & { targetId?: string; creatingUntil?: string }): Promise<void> {
    for (let round = 0; round < MAX_WRITE_ROUNDS; round++) {
      try {
        await this.table.createEntity(entity);
        return;
      } catch (error) {
        if (statusCodeOf(error) !== 409) throw error;
      }
      let current: StagedRow;
      try {
        current = await this.table.getEntity<StagedRow>(entity.partitionKey, entity.rowKey);
      } catch (error) {
        if (statusCodeOf(error) === 404) continue; // deleted in between: insert again
        throw error;
      }
      const link = !current.targetId && entity.targetId ? { targetId: entity.targetId, creatingUntil: '' } : {};
      try {
        await this.table.updateEntity({ partitionKey: entity.partitionKey, rowKey: entity.rowKey, lastSeenCycle: entity.lastSeenCycle, seenOnPage: entity.seenOnPage, ...link }, 'Merge', { etag: current.etag });
        return;
      } catch (error) {
        const status = statusCodeOf(error);
        if (status !== 412 && status !== 404) throw error;
      }
    }
    throw new TransientError(`the staged row of ${entity.objectType} ${entity.sourceKey} kept changing`);
  }

  async markDeleted(jobId: string, objectType: string, sourceKey: string, at: string, options: { ifEtag?: string } = {}): Promise<'marked' | 'stale'> {
    // Merge keeps the last data and the link, which the reconcile needs to delete the target object. A key
    // that was never staged becomes a row without data, which the reconcile skips.
    const entity = { ...rowKeys(jobId, objectType, sourceKey), objectType, sourceKey, deleted: true, stagedAt: at };
    try {
      if (options.ifEtag === undefined) await this.table.upsertEntity(entity, 'Merge');
      else await this.table.updateEntity(entity, 'Merge', { etag: options.ifEtag });
      return 'marked';
    } catch (error) {
      const status = statusCodeOf(error);
      if (options.ifEtag !== undefined && (status === 412 || status === 404)) return 'stale';
      throw toStorageError(error, `mark ${objectType} ${sourceKey} of job ${jobId} deleted`);
    }
  }

  async listKeys(jobId: string, objectType: string, options: PageOptions = {}): Promise<StagedKeyPage> {
    type KeyRow = Pick<StagedRow, 'sourceKey' | 'lastSeenCycle' | 'stagedAt' | 'deleted' | 'etag'>;
    const page = await this.readPage<KeyRow>(partitionRange(jobId, objectType), ['sourceKey', 'lastSeenCycle', 'stagedAt', 'deleted'], options, `list staged ${objectType} objects of job ${jobId}`);
    const keys = page.rows.map((row) => ({
      sourceKey: row.sourceKey,
      stagedAt: row.stagedAt,
      deleted: row.deleted === true,
      etag: row.etag,
      ...(row.lastSeenCycle ? { lastSeenCycle: row.lastSeenCycle } : {}),
    }));
    return page.continuationToken ? { keys, continuationToken: page.continuationToken } : { keys };
  }

  async clearLinks(jobId: string, options: PageOptions = {}): Promise<ClearLinksPage> {
    type LinkRow = Pick<StagedRow, 'partitionKey' | 'rowKey' | 'targetId' | 'creatingUntil'>;
    const page = await this.readPage<LinkRow>(partitionRange(jobId), ['PartitionKey', 'RowKey', 'targetId', 'creatingUntil'], options, `list staged objects of job ${jobId}`);
    const linked = page.rows.filter((row) => row.targetId || row.creatingUntil);
    try {
      // Unconditional: whatever link a row holds now is to be forgotten (see StagingStore.clearLinks).
      await mapBounded(linked, STAGE_CONCURRENCY, (row) => this.table.updateEntity({ partitionKey: row.partitionKey, rowKey: row.rowKey, targetId: '', creatingUntil: '' }, 'Merge'));
    } catch (error) {
      throw toStorageError(error, `clear the links of job ${jobId}`);
    }
    return page.continuationToken ? { cleared: linked.length, continuationToken: page.continuationToken } : { cleared: linked.length };
  }

  /** One page of a range query, with the SDK's continuation token wrapped as an opaque one. */
  private async readPage<T extends object>(filter: string, select: string[], options: PageOptions, what: string): Promise<{ rows: (T & { etag: string })[]; continuationToken?: string }> {
    const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new ValidationError([{ path: 'pageSize', message: `must be a whole number from 1 to ${MAX_PAGE_SIZE}` }]);
    }
    const sdkToken = options.continuationToken === undefined ? undefined : decodeLogContinuationToken(options.continuationToken);
    try {
      const pages = this.table.listEntities<T>({ queryOptions: { filter, select } }).byPage({ maxPageSize: pageSize, continuationToken: sdkToken });
      const next = await pages.next();
      if (next.done) return { rows: [] };
      const rows = next.value.map((row) => ({ ...row, etag: row.etag }));
      return next.value.continuationToken ? { rows, continuationToken: encodeLogContinuationToken(next.value.continuationToken) } : { rows };
    } catch (error) {
      throw toStorageError(error, what);
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
