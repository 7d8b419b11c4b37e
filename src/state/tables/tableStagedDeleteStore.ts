import type { TableClient } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import { statusCodeOf, toStorageError } from '../../azure/toStorageError';
import type { HeldDeletion, ListedHeldDeletion, StagedDeleteStore } from '../stagedDeleteStore';
import { compositeTableKey, encodeTableKey } from './tableKey';

interface HeldRow {
  partitionKey: string;
  rowKey: string;
  objectType: string;
  sourceKey: string;
  action: 'delete' | 'disable';
  targetId: string;
  cycleId: string;
  heldAt: string;
}

/**
 * Held deletions, one partition per job (an approval lists them all with one partition query; holds are rare,
 * so the partition never runs hot) and one row per object (type and key, escaped).
 */
export class TableStagedDeleteStore implements StagedDeleteStore {
  constructor(private readonly table: TableClient) {}

  async hold(deletion: HeldDeletion): Promise<void> {
    const { jobId, ...rest } = deletion;
    const row: HeldRow = { partitionKey: encodeTableKey(jobId), rowKey: compositeTableKey(deletion.objectType, deletion.sourceKey), ...rest };
    try {
      await this.table.upsertEntity(row, 'Replace');
    } catch (error) {
      throw toStorageError(error, `hold the ${deletion.action} of ${deletion.objectType} ${deletion.sourceKey} of job ${jobId}`);
    }
  }

  async list(jobId: string): Promise<ListedHeldDeletion[]> {
    const held: ListedHeldDeletion[] = [];
    try {
      const rows = this.table.listEntities<HeldRow>({ queryOptions: { filter: odata`PartitionKey eq ${encodeTableKey(jobId)}` } });
      for await (const row of rows) {
        held.push({ jobId, objectType: row.objectType, sourceKey: row.sourceKey, action: row.action, targetId: row.targetId, cycleId: row.cycleId, heldAt: row.heldAt, etag: row.etag });
      }
    } catch (error) {
      throw toStorageError(error, `list the held deletions of job ${jobId}`);
    }
    return held;
  }

  async release(deletion: ListedHeldDeletion): Promise<void> {
    try {
      await this.table.deleteEntity(encodeTableKey(deletion.jobId), compositeTableKey(deletion.objectType, deletion.sourceKey), { etag: deletion.etag });
    } catch (error) {
      const status = statusCodeOf(error);
      // 404: released already (a retried approval); 412: held again since it was listed, so the newer hold stays.
      if (status === 404 || status === 412) return;
      throw toStorageError(error, `release the held deletion of ${deletion.objectType} ${deletion.sourceKey} of job ${deletion.jobId}`);
    }
  }
}
