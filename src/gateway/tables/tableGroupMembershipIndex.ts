import { odata, type TableClient } from '@azure/data-tables';
import { toStorageError } from '../../azure/toStorageError';
import { mapBounded } from '../../concurrency/mapBounded';
import { compositeTableKey, decodeTableKey, encodeTableKey } from '../../state/tables/tableKey';
import type { GroupMembershipIndex } from '../groupMembershipIndex';

/** Rows written at once; every member is its own partition, so they cannot share a transaction. */
const WRITE_CONCURRENCY = 16;

/** One row per (member, group): PartitionKey the member id, RowKey the group id, so groupsOf is one partition query. */
export class TableGroupMembershipIndex implements GroupMembershipIndex {
  constructor(private readonly table: TableClient) {}

  async recordMembers(groupId: string, memberIds: readonly string[]): Promise<void> {
    const rowKey = encodeTableKey(groupId);
    await mapBounded([...new Set(memberIds)], WRITE_CONCURRENCY, async (memberId) => {
      try {
        await this.table.upsertEntity({ partitionKey: compositeTableKey(memberId), rowKey }, 'Replace');
      } catch (error) {
        throw toStorageError(error, `index member ${memberId} of group ${groupId}`);
      }
    });
  }

  async groupsOf(memberId: string): Promise<string[]> {
    const groups: string[] = [];
    try {
      const rows = this.table.listEntities<{ rowKey: string }>({ queryOptions: { filter: odata`PartitionKey eq ${compositeTableKey(memberId)}`, select: ['RowKey'] } });
      for await (const row of rows) groups.push(decodeTableKey(row.rowKey));
    } catch (error) {
      throw toStorageError(error, `list the groups of member ${memberId}`);
    }
    return groups;
  }
}
