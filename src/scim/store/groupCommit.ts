import type { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';

/** One row write. `update` replaces the row only if its ETag is still `etag`. */
export type RowWrite =
  | { kind: 'create'; entity: TableEntity }
  | { kind: 'upsert'; entity: TableEntity }
  | { kind: 'update'; entity: TableEntity; etag: string }
  /** Unconditional; a missing row is not an error. */
  | { kind: 'delete'; entity: TableEntity };

interface Pending {
  write: RowWrite;
  bytes: number;
  resolve: (etag: string) => void;
  reject: (error: unknown) => void;
}

/** A transaction holds at most 100 operations and a 4 MiB body (Azure Tables' entity group transaction limits). */
const MAX_OPERATIONS = 100;
const MAX_BODY_CHARS = 3_500_000;

/**
 * Group commit for one table: writes to the same partition that arrive while a transaction for that
 * partition is being formed or is in flight go out together in the next transaction, so N concurrent
 * requests cost Azurite one call instead of N (measured on this VM: single inserts 700-1,400/s at
 * concurrency 8; 100-entity transactions ~3,500 entities/s). A write waits at most for one event-loop turn
 * plus the transaction ahead of it; an idle partition's write goes out at once.
 *
 * A transaction is all or nothing, so one failing write (a 409 on a uniqueness claim, a 412) would fail its
 * neighbours: when a transaction fails, each of its writes is retried on its own and reports its own outcome.
 */
export class GroupCommit {
  private readonly queues = new Map<string, Pending[]>();

  constructor(
    private readonly table: TableClient,
    private readonly options: { enabled: boolean } = { enabled: true },
  ) {}

  /** Resolves with the row's new ETag; rejects with the Table service's error for this write. */
  write(write: RowWrite): Promise<string> {
    if (!this.options.enabled) return this.writeOne(write);
    return new Promise((resolve, reject) => {
      const partition = write.entity.partitionKey;
      const pending: Pending = { write, bytes: JSON.stringify(write.entity).length, resolve, reject };
      const queue = this.queues.get(partition);
      if (queue) {
        queue.push(pending);
        return;
      }
      this.queues.set(partition, [pending]);
      setImmediate(() => void this.drain(partition));
    });
  }

  private async drain(partition: string): Promise<void> {
    for (;;) {
      const queue = this.queues.get(partition) ?? [];
      if (queue.length === 0) {
        this.queues.delete(partition);
        return;
      }
      const batch = takeBatch(queue);
      await this.commit(batch);
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    if (batch.length > 1) {
      try {
        const response = await this.table.submitTransaction(batch.map((p) => toAction(p.write)));
        batch.forEach((p, i) => p.resolve(response.subResponses[i]?.etag ?? ''));
        return;
      } catch {
        // Fall through: each write on its own says which of them failed and why.
      }
    }
    await Promise.all(batch.map((p) => this.writeOne(p.write).then(p.resolve, p.reject)));
  }

  private async writeOne(write: RowWrite): Promise<string> {
    const { entity } = write;
    if (write.kind === 'create') return (await this.table.createEntity(entity)).etag ?? '';
    if (write.kind === 'upsert') return (await this.table.upsertEntity(entity, 'Replace')).etag ?? '';
    if (write.kind === 'update') return (await this.table.updateEntity(entity, 'Replace', { etag: write.etag })).etag ?? '';
    try {
      await this.table.deleteEntity(entity.partitionKey, entity.rowKey);
    } catch (error) {
      if ((error as { statusCode?: unknown }).statusCode !== 404) throw error;
    }
    return '';
  }
}

/** The longest prefix that fits one transaction; a row may appear only once in a transaction. */
function takeBatch(queue: Pending[]): Pending[] {
  const rows = new Set<string>();
  let bytes = 0;
  let n = 0;
  while (n < queue.length && n < MAX_OPERATIONS) {
    const next = queue[n]!;
    if (rows.has(next.write.entity.rowKey) || (n > 0 && bytes + next.bytes > MAX_BODY_CHARS)) break;
    rows.add(next.write.entity.rowKey);
    bytes += next.bytes;
    n++;
  }
  return queue.splice(0, n);
}

function toAction(write: RowWrite): TransactionAction {
  if (write.kind === 'create') return ['create', write.entity];
  if (write.kind === 'upsert') return ['upsert', write.entity, 'Replace'];
  if (write.kind === 'delete') return ['delete', { partitionKey: write.entity.partitionKey, rowKey: write.entity.rowKey }];
  return ['update', write.entity, 'Replace', { etag: write.etag }];
}
