import { odata, type TableClient } from '@azure/data-tables';
import { statusCodeOf, toStorageError } from '../../azure/toStorageError';
import { mapBounded } from '../../concurrency/mapBounded';
import type { ReferenceWaitIndex } from '../referenceWaitIndex';
import { compositeTableKey, decodeTableKey, encodeTableKey } from './tableKey';

/** Rows deleted at once when waits are cleared. */
const DELETE_CONCURRENCY = 8;

/**
 * One row per wait: PartitionKey (job, type, referenced key), RowKey the waiting key. A referenced object's
 * waits are one small partition, read with one partition query; rows are deleted once their objects were
 * enqueued, so the table holds only outstanding waits (which matters on Azurite, whose filtered queries scan).
 */
export class TableReferenceWaitIndex implements ReferenceWaitIndex {
  constructor(private readonly table: TableClient) {}

  async recordWait(jobId: string, objectType: string, referencedKey: string, waitingKey: string): Promise<void> {
    try {
      await this.table.upsertEntity({ partitionKey: compositeTableKey(jobId, objectType, referencedKey), rowKey: encodeTableKey(waitingKey) }, 'Replace');
    } catch (error) {
      throw toStorageError(error, `record that ${objectType} ${waitingKey} of job ${jobId} waits for ${referencedKey}`);
    }
  }

  async waitersFor(jobId: string, objectType: string, referencedKey: string): Promise<string[]> {
    const waiting: string[] = [];
    try {
      const partitionKey = compositeTableKey(jobId, objectType, referencedKey);
      const rows = this.table.listEntities<{ rowKey: string }>({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}`, select: ['RowKey'] } });
      for await (const row of rows) waiting.push(decodeTableKey(row.rowKey));
    } catch (error) {
      throw toStorageError(error, `list what waits for ${objectType} ${referencedKey} of job ${jobId}`);
    }
    return waiting;
  }

  async clearWaits(jobId: string, objectType: string, referencedKey: string, waitingKeys: readonly string[]): Promise<void> {
    const partitionKey = compositeTableKey(jobId, objectType, referencedKey);
    await mapBounded([...new Set(waitingKeys)], DELETE_CONCURRENCY, async (waitingKey) => {
      try {
        await this.table.deleteEntity(partitionKey, encodeTableKey(waitingKey));
      } catch (error) {
        if (statusCodeOf(error) === 404) return; // cleared already (a redelivered message)
        throw toStorageError(error, `clear the wait of ${objectType} ${waitingKey} for ${referencedKey} of job ${jobId}`);
      }
    });
  }
}
