import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { ValidationError } from '../../domain/errors';
import type { ProvisioningLogEntry } from '../../domain/provisioningLogEntry';
import type { ProvisioningLogPage, ProvisioningLogQuery, ProvisioningLogStore } from '../provisioningLogStore';
import { toStorageError } from '../../azure/toStorageError';
import { decodeLogContinuationToken, encodeLogContinuationToken } from './logContinuationToken';
import { logPartitionKey, logPartitionRange } from './logPartitionKey';
import { logRowKey, logRowKeyBoundary } from './logRowKey';
import { decodeTableKey } from './tableKey';
import { MAX_TABLE_STRING_CHARS } from './tableStringLimit';
import { splitTableString } from './splitTableString';
import { submitBatch } from './submitBatch';

const MAX_TRANSACTION_ACTIONS = 100;
/** The service allows 4 MiB per transaction; we stop well short, counting UTF-8 bytes of the JSON. */
const MAX_TRANSACTION_BYTES = 3 * 1024 * 1024;
/** An entity holds 1 MiB of UTF-16 (about 512 K characters): 15 chunks of 32,000 stay below it. */
const MAX_ENTRY_CHUNKS = 15;
/** The SDK page limit: a query returns at most 1,000 entities per request. */
const MAX_PAGE_SIZE = 1000;
/** Filters on non-key columns may return short or empty pages; this bounds how many requests one page costs. */
const MAX_REQUESTS_PER_PAGE = 10;

type LogRow = {
  partitionKey: string;
  rowKey: string;
  sourceId: string;
  cycleId: string;
  status: string;
  action: string;
  /** Number of `entry`, `entry1`, `entry2`… properties holding the entry's JSON (a log entry can outgrow one property). */
  entryChunks: number;
  entry: string;
  [chunk: `entry${number}`]: string;
};

/**
 * Provisioning logs: PK = jobId + inverted minute and second (logPartitionKey.ts: small partitions at any rate), RK =
 * inverted time + entry id, so that a key-range query over the job's partitions lists newest first.
 * The entry is stored whole as JSON; `sourceId`, `cycleId`, `status` and `action` are copied into columns to filter on.
 */
export class TableProvisioningLogStore implements ProvisioningLogStore {
  constructor(private readonly table: TableClient) {}

  async append(entries: readonly ProvisioningLogEntry[]): Promise<void> {
    const byJob = new Map<string, Map<string, LogRow>>();
    for (const entry of entries) {
      const row = toRow(entry);
      let rows = byJob.get(row.partitionKey);
      if (!rows) byJob.set(row.partitionKey, (rows = new Map()));
      rows.set(row.rowKey, row); // a transaction may touch a row only once
    }
    for (const [partitionKey, rows] of byJob) {
      for (const batch of transactionBatches([...rows.values()])) {
        // Upsert, not create: entries are append-only, so a retried append rewrites identical rows instead of failing with 409.
        const actions: TransactionAction[] = batch.map((row) => ['upsert', row, 'Replace']);
        try {
          await submitBatch(this.table, actions);
        } catch (error) {
          throw toStorageError(error, `append ${actions.length} provisioning log entries of job ${decodeTableKey(partitionKey.split('|')[0] ?? partitionKey)}`);
        }
      }
    }
  }

  async list(jobId: string, query: ProvisioningLogQuery = {}): Promise<ProvisioningLogPage> {
    const pageSize = query.pageSize ?? 100;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new ValidationError([{ path: 'pageSize', message: `must be a whole number from 1 to ${MAX_PAGE_SIZE}` }]);
    }
    const range = logPartitionRange(jobId);
    const filters = [odata`PartitionKey ge ${range.from} and PartitionKey lt ${range.to}`];
    if (query.sourceId !== undefined) filters.push(odata`sourceId eq ${query.sourceId}`);
    if (query.cycleId !== undefined) filters.push(odata`cycleId eq ${query.cycleId}`);
    if (query.status !== undefined) filters.push(odata`status eq ${query.status}`);
    if (query.action !== undefined) filters.push(odata`action eq ${query.action}`);
    const filter = filters.join(' and ');

    const entries: ProvisioningLogEntry[] = [];
    let sdkToken = query.continuationToken === undefined ? undefined : decodeLogContinuationToken(query.continuationToken);
    try {
      // Ask each request for no more than is still missing, so that a page never ends in the middle of an SDK page.
      for (let request = 0; request < MAX_REQUESTS_PER_PAGE && entries.length < pageSize; request++) {
        const pages = this.table
          .listEntities<LogRow>({ queryOptions: { filter } })
          .byPage({ maxPageSize: pageSize - entries.length, continuationToken: sdkToken });
        const next = await pages.next();
        if (next.done) {
          sdkToken = undefined;
          break;
        }
        for (const row of next.value) entries.push(fromRow(row));
        sdkToken = next.value.continuationToken;
        if (!sdkToken) break;
      }
    } catch (error) {
      throw toStorageError(error, `list provisioning logs of job ${jobId}`);
    }
    return sdkToken ? { entries, continuationToken: encodeLogContinuationToken(sdkToken) } : { entries };
  }

  deleteOlderThan(jobId: string, before: string): Promise<number> {
    return deleteRowsOlderThan(this.table, jobId, before);
  }

  async count(jobId: string, since?: string): Promise<number> {
    let count = 0;
    // Newest first by row key, so "since" is a key range and counting stays proportional to what is new.
    const range = logPartitionRange(jobId);
    const filter = since
      ? odata`PartitionKey ge ${range.from} and PartitionKey lt ${range.to} and RowKey lt ${logRowKeyBoundary(since)}`
      : odata`PartitionKey ge ${range.from} and PartitionKey lt ${range.to}`;
    try {
      const pages = this.table
        .listEntities({ queryOptions: { filter, select: ['RowKey'] } })
        .byPage({ maxPageSize: MAX_PAGE_SIZE });
      for await (const page of pages) count += page.length;
    } catch (error) {
      throw toStorageError(error, `count provisioning logs of job ${jobId}`);
    }
    return count;
  }
}

export async function deleteRowsOlderThan(table: TableClient, jobId: string, before: string): Promise<number> {
  const range = logPartitionRange(jobId);
  // Older entries have larger keys (inverted second and time): "older than" is the partitions from the boundary's
  // second on, and within that second's partition the row keys from the boundary up.
  const filter = odata`PartitionKey ge ${logPartitionKey(jobId, before)} and PartitionKey lt ${range.to} and RowKey ge ${logRowKeyBoundary(before)}`;
  let deleted = 0;
  try {
    const pages = table.listEntities<{ partitionKey?: string; rowKey?: string }>({ queryOptions: { filter, select: ['PartitionKey', 'RowKey'] } }).byPage({ maxPageSize: MAX_TRANSACTION_ACTIONS });
    for await (const page of pages) {
      // A transaction spans one partition: a page that crosses seconds is deleted partition by partition.
      const byPartition = new Map<string, TransactionAction[]>();
      for (const row of page) {
        const partitionKey = row.partitionKey ?? '';
        const actions = byPartition.get(partitionKey) ?? [];
        actions.push(['delete', { partitionKey, rowKey: row.rowKey ?? '' }]);
        byPartition.set(partitionKey, actions);
      }
      for (const actions of byPartition.values()) {
        await submitBatch(table, actions);
        deleted += actions.length;
      }
    }
  } catch (error) {
    throw toStorageError(error, `delete provisioning logs of job ${jobId} older than ${before}`);
  }
  return deleted;
}

function toRow(entry: ProvisioningLogEntry): LogRow {
  const json = JSON.stringify(entry);
  const chunks = splitTableString(json);
  const chunkCount = chunks.length;
  if (chunkCount > MAX_ENTRY_CHUNKS) {
    throw new ValidationError([{ path: `entries[${entry.id}]`, message: `is ${json.length} characters as JSON; a log entry can hold at most ${MAX_ENTRY_CHUNKS * MAX_TABLE_STRING_CHARS}` }]);
  }
  const row: LogRow = {
    partitionKey: logPartitionKey(entry.jobId, entry.activityDateTime),
    rowKey: logRowKey(entry.activityDateTime, entry.id),
    sourceId: entry.sourceIdentity.id,
    cycleId: entry.cycleId,
    status: entry.provisioningStatusInfo.status,
    action: entry.provisioningAction,
    entryChunks: chunkCount,
    entry: chunks[0] ?? '',
  };
  for (let i = 1; i < chunkCount; i++) row[`entry${i}`] = chunks[i] ?? '';
  return row;
}

function fromRow(row: LogRow): ProvisioningLogEntry {
  let json = row.entry;
  for (let i = 1; i < (row.entryChunks ?? 1); i++) json += row[`entry${i}`] ?? '';
  return JSON.parse(json) as ProvisioningLogEntry;
}

/** Splits rows into transactions of at most 100 actions and about 3 MiB. */
function transactionBatches(rows: readonly LogRow[]): LogRow[][] {
  const batches: LogRow[][] = [];
  let current: LogRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = Buffer.byteLength(JSON.stringify(row), 'utf8') + 512; // 512: per-operation MIME headers
    if (current.length > 0 && (current.length === MAX_TRANSACTION_ACTIONS || bytes + size > MAX_TRANSACTION_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
