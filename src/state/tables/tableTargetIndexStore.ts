import { createHash } from 'node:crypto';
import type { TableClient, TableEntityResult, TransactionAction } from '@azure/data-tables';
import { mapBounded } from '../../concurrency/mapBounded';
import { TransientError } from '../../domain/errors';
import { isJsonObject, type JsonObject } from '../../domain/identityObject';
import { statusCodeOf, toStorageError } from '../../azure/toStorageError';
import type { IndexedTarget, TargetIndexEntry, TargetIndexKey, TargetIndexStore } from '../targetIndexStore';
import { encodeTableKey, MAX_TABLE_KEY_CHARS } from './tableKey';
import { splitTableString } from './splitTableString';
import { submitBatch } from './submitBatch';

/**
 * Partitions per (object type, attribute). A transaction holds one partition, so fewer partitions mean fewer
 * requests per page (a page of 100 objects costs about this many transactions per matching attribute); more
 * mean shorter partitions, which Azurite scans on every point read, and more headroom under Azure's ~2,000
 * entities/s per partition when many workers match at once.
 */
const PARTITIONS = 8;
const MAX_TRANSACTION_ACTIONS = 100;
/** The service allows 4 MiB per transaction; we stop well short, counting UTF-8 bytes of the JSON. */
const MAX_TRANSACTION_BYTES = 3 * 1024 * 1024;
/**
 * An entity holds 1 MiB (UTF-16): 8 chunks of 32,000 characters stay at half of it. A target object larger than
 * that is indexed without its data, and a match reads it by id: one GET for a rare giant, not a failed page.
 */
const MAX_DATA_CHUNKS = 8;
/** Ids kept under a key that names several objects: matching only needs to know there are several. */
const MAX_LISTED_TARGETS = 10;
const WRITE_CONCURRENCY = 4;

type IndexRow = {
  partitionKey: string;
  rowKey: string;
  /** JSON array of the ids under this key; more than one is a duplicate. */
  targets: string;
  /** Properties `data`, `data1`… holding the single target's JSON; 0 when not stored (too large, or several targets). */
  dataChunks: number;
  data?: string;
  [chunk: `data${number}`]: string;
};

interface PendingRow {
  partitionKey: string;
  rowKey: string;
  ids: string[];
  /** Only for a single id. */
  data?: JsonObject;
}

export interface TableTargetIndexStoreOptions {
  /** A client for the table `<prefix><suffix>`, not created yet (TableClientFactory.clientFor). */
  clientFor(suffix: string): TableClient;
}

/**
 * Each index is a table of its own, `<prefix>TargetIndex<digest of job and index id>`: dropping it at the end of
 * its cycle is one request whatever its size (deleting rows would cost a query and transactions per 100), a
 * late lookup can tell "no such index" (TableNotFound) from "no such value", and Azurite's scans of one index
 * never touch another table's rows. Rows: PK = (object type, attribute, bucket of the value), RK = the value;
 * both escaped, and hashed when too long for a key.
 */
const EMPTINESS_TRUSTED_MS = 60_000;

export class TableTargetIndexStore implements TargetIndexStore {
  /**
   * Indexes known to hold no entries, by table name. An index is complete before the first lookup and never
   * changes after (the cycle only hands it to reconciles once its last page is indexed), so "empty" stays true
   * for its life: lookups in an empty index (the usual first cycle into a new app) then cost no request at all,
   * instead of one point read per object. Dropped indexes are forgotten; an answer is trusted for a minute
   * only, because another instance may drop the index (then lookups must say 'missing' and fall back to GETs).
   */
  private readonly emptiness = new Map<string, { empty: boolean; until: number }>();

  constructor(private readonly options: TableTargetIndexStoreOptions) {}

  async add(jobId: string, indexId: string, entries: readonly TargetIndexEntry[]): Promise<void> {
    const table = this.tableOf(jobId, indexId);
    const what = `index ${entries.length} target values for job ${jobId}`;
    if (entries.length === 0) {
      await this.createTable(table, what);
      return;
    }
    const batches = transactionBatches(mergeEntries(entries));
    await mapBounded(batches, WRITE_CONCURRENCY, async (batch) => {
      try {
        await this.writeBatch(table, batch);
      } catch (error) {
        if (errorCodeOf(error) !== 'TableNotFound') throw toStorageError(error, what);
        // The first page of an index creates its table; a lost race to create it is harmless (409).
        await this.createTable(table, what);
        try {
          await this.writeBatch(table, batch);
        } catch (again) {
          throw toStorageError(again, what);
        }
      }
    });
  }

  async find(jobId: string, indexId: string, key: TargetIndexKey): Promise<IndexedTarget[] | 'missing'> {
    const { partitionKey, rowKey } = rowKeys(key);
    const table = this.tableOf(jobId, indexId);
    let row: IndexRow;
    try {
      const known = this.emptiness.get(table.tableName);
      const empty = known !== undefined && known.until > Date.now() ? known.empty : await this.learnEmptiness(table);
      if (empty) return [];
      row = await table.getEntity<IndexRow>(partitionKey, rowKey);
    } catch (error) {
      const code = errorCodeOf(error);
      // A table being deleted (Azure answers 409 for a while after a drop) is as gone as a deleted one.
      if (code === 'TableNotFound' || code === 'TableBeingDeleted') return 'missing';
      if (statusCodeOf(error) === 404) return [];
      throw toStorageError(error, `look up ${key.attribute} in the target index of job ${jobId}`);
    }
    const ids = parseIds(row.targets);
    const data = ids.length === 1 ? readData(row) : undefined;
    return ids.map((id) => (data ? { id, data } : { id }));
  }

  async drop(jobId: string, indexId: string): Promise<void> {
    const table = this.tableOf(jobId, indexId);
    this.emptiness.delete(table.tableName);
    try {
      await table.deleteTable();
    } catch (error) {
      if (statusCodeOf(error) !== 404) throw toStorageError(error, `drop the target index of job ${jobId}`);
    }
  }

  /** One query for the first row; throws TableNotFound like a lookup when the index does not exist. */
  private async learnEmptiness(table: TableClient): Promise<boolean> {
    const first = await table.listEntities({ queryOptions: { select: ['PartitionKey'] } }).byPage({ maxPageSize: 1 }).next();
    const empty = first.done === true || first.value.length === 0;
    this.emptiness.set(table.tableName, { empty, until: Date.now() + EMPTINESS_TRUSTED_MS });
    return empty;
  }

  private tableOf(jobId: string, indexId: string): TableClient {
    // Table names are 3-63 letters and digits: a digest names the index, 24 hex digits against a prefix of ≤ 21.
    const digest = createHash('sha256').update(`${jobId}\n${indexId}`).digest('hex').slice(0, 24);
    return this.options.clientFor(`TargetIndex${digest}`);
  }

  private async createTable(table: TableClient, what: string): Promise<void> {
    try {
      await table.createTable();
    } catch (error) {
      if (statusCodeOf(error) !== 409) throw toStorageError(error, what);
    }
  }

  /**
   * Inserts in one transaction. A key that exists already (another page held the same value, or this page is
   * indexed a second time) fails the whole transaction, atomically; its rows are then merged one by one.
   */
  private async writeBatch(table: TableClient, batch: readonly PendingRow[]): Promise<void> {
    try {
      await submitBatch(table, batch.map((row): TransactionAction => ['create', toEntity(row)]));
    } catch (error) {
      if (statusCodeOf(error) !== 409 || errorCodeOf(error) === 'TableBeingDeleted') throw error;
      for (const row of batch) await this.mergeRow(table, row);
    }
  }

  private async mergeRow(table: TableClient, row: PendingRow): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await table.createEntity(toEntity(row));
        return;
      } catch (error) {
        if (statusCodeOf(error) !== 409) throw error;
      }
      let existing: TableEntityResult<IndexRow>;
      try {
        existing = await table.getEntity<IndexRow>(row.partitionKey, row.rowKey);
      } catch (error) {
        if (statusCodeOf(error) === 404) continue;
        throw error;
      }
      const before = parseIds(existing.targets);
      const ids = [...new Set([...before, ...row.ids])];
      // Several targets already, and nothing new among them: the row says all there is to say.
      if (before.length > 1 && ids.length === before.length) return;
      const merged: PendingRow = ids.length === 1 ? row : { partitionKey: row.partitionKey, rowKey: row.rowKey, ids };
      try {
        await table.updateEntity(toEntity(merged), 'Replace', { etag: existing.etag });
        return;
      } catch (error) {
        if (statusCodeOf(error) !== 412 && statusCodeOf(error) !== 404) throw error;
      }
    }
    throw new TransientError(`the target index row ${row.partitionKey} ${row.rowKey} kept changing`, { code: 'TargetIndexContended' });
  }
}

function rowKeys(key: TargetIndexKey): { partitionKey: string; rowKey: string } {
  return {
    partitionKey: keyOrDigest(`${encodeTableKey(key.targetType)}|${encodeTableKey(key.attribute)}|${bucketOf(key.value)}`),
    rowKey: keyOrDigest(encodeTableKey(key.value)),
  };
}

/**
 * An escaped key, or for one too long to be a key, `%%` and its SHA-256: escaping turns every `%` into `%25`,
 * so no escaped key contains `%%` and a digest never collides with a plain key.
 */
function keyOrDigest(escaped: string): string {
  return escaped.length <= MAX_TABLE_KEY_CHARS ? escaped : `%%${createHash('sha256').update(escaped).digest('hex')}`;
}

/** FNV-1a, spreading values over the partitions: stable across processes, unlike anything seeded. */
function bucketOf(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193) >>> 0;
  return hash % PARTITIONS;
}

/** One row per key: a transaction may touch a row once, and a value held by two objects of one page is a duplicate. */
function mergeEntries(entries: readonly TargetIndexEntry[]): PendingRow[] {
  const rows = new Map<string, PendingRow>();
  for (const entry of entries) {
    const keys = rowKeys(entry);
    const id = `${keys.partitionKey}\n${keys.rowKey}`;
    const row = rows.get(id);
    if (!row) rows.set(id, { ...keys, ids: [entry.target.id], ...(entry.target.data ? { data: entry.target.data } : {}) });
    else if (!row.ids.includes(entry.target.id)) rows.set(id, { ...keys, ids: [...row.ids, entry.target.id] });
  }
  return [...rows.values()];
}

function transactionBatches(rows: readonly PendingRow[]): PendingRow[][] {
  const byPartition = new Map<string, PendingRow[]>();
  for (const row of rows) {
    const list = byPartition.get(row.partitionKey);
    if (list) list.push(row);
    else byPartition.set(row.partitionKey, [row]);
  }
  const batches: PendingRow[][] = [];
  for (const list of byPartition.values()) {
    let batch: PendingRow[] = [];
    let bytes = 0;
    for (const row of list) {
      const size = Buffer.byteLength(JSON.stringify(toEntity(row)), 'utf8');
      if (batch.length > 0 && (batch.length >= MAX_TRANSACTION_ACTIONS || bytes + size > MAX_TRANSACTION_BYTES)) {
        batches.push(batch);
        batch = [];
        bytes = 0;
      }
      batch.push(row);
      bytes += size;
    }
    if (batch.length > 0) batches.push(batch);
  }
  return batches;
}

function toEntity(row: PendingRow): IndexRow {
  const entity: IndexRow = { partitionKey: row.partitionKey, rowKey: row.rowKey, targets: JSON.stringify(row.ids.slice(0, MAX_LISTED_TARGETS)), dataChunks: 0 };
  const chunks = row.ids.length === 1 && row.data ? splitTableString(JSON.stringify(row.data)) : undefined;
  if (!chunks || chunks.length > MAX_DATA_CHUNKS) return entity;
  entity.dataChunks = chunks.length;
  chunks.forEach((chunk, i) => (entity[i === 0 ? 'data' : chunkName(i)] = chunk));
  return entity;
}

function chunkName(i: number): `data${number}` {
  return `data${i}`;
}

function readData(row: IndexRow): JsonObject | undefined {
  if (!row.dataChunks) return undefined;
  let json = row.data ?? '';
  for (let i = 1; i < row.dataChunks; i++) json += row[chunkName(i)] ?? '';
  const data: unknown = JSON.parse(json);
  return isJsonObject(data) ? data : undefined;
}

function parseIds(text: string): string[] {
  const ids: unknown = JSON.parse(text);
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * The storage error code (TableNotFound, EntityAlreadyExists…). The SDK puts it in `code` for some operations;
 * for others it is only in the x-ms-error-code header or the OData error body (checked against Azurite).
 */
function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const record = error as { code?: unknown; response?: { headers?: { get?: (name: string) => string | undefined }; bodyAsText?: unknown } };
  if (typeof record.code === 'string') return record.code;
  const header = record.response?.headers?.get?.('x-ms-error-code');
  if (header) return header;
  const body = record.response?.bodyAsText;
  if (typeof body !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    const odata = isJsonObject(parsed) ? parsed['odata.error'] : undefined;
    return isJsonObject(odata) && typeof odata.code === 'string' ? odata.code : undefined;
  } catch {
    return undefined;
  }
}
