import type { ScimResourceType } from './scimResourceStore';
import type { SharedTable } from './sharedIndexRows';
import { readEntity } from './readEntity';
import { homeClaimKeys, idRowKeys } from './resourceIds';
import { claimKeys, isTombstone, readResourceEntity, readUniqueEntity, type ResourceRow, type UniqueRow } from './storedRows';

/** One resource type's table with what is needed to address its rows. */
export interface TypeTable extends SharedTable {
  type: ScimResourceType;
}

/**
 * The truth about `id`, or undefined: for a minted id, its home claim when that still is the resource's own
 * (one point read: the usual case), else its id row (a second read, after a rename away from the name it was
 * created under); for any other id, its id row.
 */
export async function readIdRow(t: TypeTable, id: string, abortSignal?: AbortSignal): Promise<ResourceRow | undefined> {
  const home = homeClaimKeys(id);
  if (home) {
    const entity = await readEntity(t.table.client, home.partitionKey, home.rowKey, `read ${t.type} ${id}`, abortSignal);
    if (entity?.home === true && entity.id === id) return readResourceEntity(entity);
  }
  const { partitionKey, rowKey } = idRowKeys(id, t.partitions);
  const entity = await readEntity(t.table.client, partitionKey, rowKey, `read ${t.type} ${id}`, abortSignal);
  return entity && !isTombstone(entity) ? readResourceEntity(entity) : undefined;
}

/** The claim row of a unique key (one point read), or undefined. */
export async function readClaimRow(t: TypeTable, key: string, abortSignal?: AbortSignal): Promise<UniqueRow | undefined> {
  const { partitionKey, rowKey } = claimKeys(key, t.partitions);
  const entity = await readEntity(t.table.client, partitionKey, rowKey, `read ${key}`, abortSignal);
  // Another key under the same 96-bit hash (resourceIds) is not this key's claim. Rows carry their key since layout 4.
  return entity && entity.unique === key ? readUniqueEntity(entity) : undefined;
}
