import { randomUUID } from 'node:crypto';
import { indexPartition } from './indexKeys';
import { partitionOf } from '../../state/tables/partitionOf';
import { tableKey } from './tableKey';

/**
 * Ids the store mints: `<partition>-<uuid>`, the partition being the one its unique value's claim row lives
 * in (indexPartition), e.g. `3f-9b2d...`. The id row can then sit in the claim's partition, so that one
 * entity-group transaction writes both (a create is one Table request instead of two or more: see
 * docs/scim-storage.md), and `get(id)` still finds the row from the id alone. A SCIM id is an opaque string
 * chosen by the service provider (RFC 7643 §3.1), so clients see nothing unusual.
 */
const MINTED = /^([0-9a-f]{2,8})-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function mintResourceId(uniqueKey: string, partitions: number): string {
  return `${indexPartition(uniqueKey, partitions)}-${randomUUID()}`;
}

/**
 * Where the id row of `id` lives. A minted id names its partition; any other id (assigned by a caller, the
 * port's older contract) is hashed into a bucket, which works the same but rarely shares the claim's
 * partition (such creates cost 2 requests, see TableScimResourceStore.create).
 */
export function idRowKeys(id: string, partitions: number): { partitionKey: string; rowKey: string } {
  const key = tableKey(id, 'id');
  const minted = MINTED.exec(id);
  return { partitionKey: minted ? minted[1]! : partitionOf(key, partitions), rowKey: `i|${key}` };
}

/** Id rows sort in `[i|, i})`: scans ask for that range and skip the claim and index rows of the table. */
export const ID_ROW_RANGE = { from: 'i|', to: 'i}' } as const;
