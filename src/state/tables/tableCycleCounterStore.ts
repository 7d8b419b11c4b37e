import type { TableClient, TransactionAction } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import { TransientError } from '../../domain/errors';
import { statusCodeOf, toStorageError } from '../../azure/toStorageError';
import type { CycleCounterStore, CycleCounts } from '../cycleCounterStore';
import { compositeTableKey } from './tableKey';
import { submitBatch } from './submitBatch';

/** A reservation that keeps losing the race to other handlers gives up after this many rounds (the message is redelivered). */
const MAX_RESERVE_ROUNDS = 12;
/** The row that counts a cycle's allowed deletes and disables. */
const DELETIONS_ROW = 'deletions';

type WriteRow = {
  partitionKey: string;
  rowKey: string;
  counts: string;
};

type DeletionsRow = {
  partitionKey: string;
  rowKey: string;
  allowed: number;
};

type ReservationRow = {
  partitionKey: string;
  rowKey: string;
  verdict: 'allowed' | 'held';
};

/**
 * Per-cycle counters, one partition per (job, cycle) so that a cycle's rows are one partition query and
 * cycles never contend:
 * - `w|<writeId>`: one message's counts, written with Replace. The writeId comes from the message, so a
 *   redelivery rewrites the same row: each message counts once, as its last processing saw it.
 * - `deletions`: the cycle's allowed deletes and disables, changed only with its ETag.
 * - `d|<objectKey>`: an object's verdict, created in the same entity-group transaction that bumps
 *   `deletions`, so the count and the per-object record never disagree and a retried delete reserves nothing twice.
 */
export class TableCycleCounterStore implements CycleCounterStore {
  constructor(private readonly table: TableClient) {}

  async add(jobId: string, cycleId: string, writeId: string, counts: CycleCounts): Promise<void> {
    if (Object.keys(counts).length === 0) return;
    const row: WriteRow = { partitionKey: compositeTableKey(jobId, cycleId), rowKey: compositeTableKey('w', writeId), counts: JSON.stringify(counts) };
    try {
      await this.table.upsertEntity(row, 'Replace');
    } catch (error) {
      throw toStorageError(error, `count reconciles of cycle ${cycleId} of job ${jobId}`);
    }
  }

  async sum(jobId: string, cycleId: string): Promise<CycleCounts> {
    const partitionKey = compositeTableKey(jobId, cycleId);
    const total: CycleCounts = {};
    try {
      // `w|` up to `w}`: '}' follows '|', so the range is exactly the write rows.
      const rows = this.table.listEntities<WriteRow>({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey} and RowKey ge ${'w|'} and RowKey lt ${'w}'}`, select: ['counts'] } });
      for await (const row of rows) {
        const counts = JSON.parse(row.counts) as CycleCounts;
        for (const [key, n] of Object.entries(counts)) total[key] = (total[key] ?? 0) + n;
      }
    } catch (error) {
      throw toStorageError(error, `sum the counters of cycle ${cycleId} of job ${jobId}`);
    }
    return total;
  }

  async reserveDeletion(jobId: string, cycleId: string, threshold: number, objectKey?: string): Promise<'allowed' | 'held'> {
    const partitionKey = compositeTableKey(jobId, cycleId);
    const reservationKey = objectKey === undefined ? undefined : compositeTableKey('d', objectKey);
    const what = `reserve a deletion in cycle ${cycleId} of job ${jobId}`;
    for (let round = 1; round <= MAX_RESERVE_ROUNDS; round++) {
      try {
        if (reservationKey !== undefined) {
          const earlier = await this.read<ReservationRow>(partitionKey, reservationKey);
          if (earlier) return earlier.verdict;
        }
        const counter = await this.read<DeletionsRow>(partitionKey, DELETIONS_ROW);
        const allowedBefore = counter?.allowed ?? 0;
        // ">=": the reservation that would reach the threshold is held (cloud sync: 500 permits at most 499).
        const verdict = threshold <= 0 || allowedBefore + 1 < threshold ? 'allowed' : 'held';
        const actions: TransactionAction[] = [];
        if (verdict === 'allowed') {
          const bumped: DeletionsRow = { partitionKey, rowKey: DELETIONS_ROW, allowed: allowedBefore + 1 };
          actions.push(counter ? ['update', bumped, 'Replace', { etag: counter.etag }] : ['create', bumped]);
        }
        if (reservationKey !== undefined) actions.push(['create', { partitionKey, rowKey: reservationKey, verdict } satisfies ReservationRow]);
        // Held without an object key: the count only ever grows, so nothing needs writing to stay held.
        if (actions.length === 0) return verdict;
        await submitBatch(this.table, actions);
        return verdict;
      } catch (error) {
        const status = statusCodeOf(error);
        // 409: the counter or this object's row was created meanwhile; 412: the counter moved on. Decide again.
        if (status !== 409 && status !== 412) throw toStorageError(error, what);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * round));
      }
    }
    throw new TransientError(`${what}: too many handlers reserved at once; the message is retried`, { code: 'DeletionReservationContention' });
  }

  private async read<T extends object>(partitionKey: string, rowKey: string): Promise<(T & { etag: string }) | undefined> {
    try {
      const row = await this.table.getEntity<T>(partitionKey, rowKey);
      return { ...row, etag: row.etag };
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }
}
