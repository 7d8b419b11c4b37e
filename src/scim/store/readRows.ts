import { statusCodeOf, toStorageError } from '../../azure/toStorageError';
import type { ScimResourceType } from './scimResourceStore';
import type { SharedTable } from './sharedIndexRows';
import { idRowKeys } from './resourceIds';
import { claimKeys, isTombstone, readResourceEntity, readUniqueEntity, type ResourceRow, type UniqueRow } from './storedRows';

/** One resource type's table with what is needed to address its rows. */
export interface TypeTable extends SharedTable {
  type: ScimResourceType;
}

/** The id row of `id` (one point read), or undefined. */
export async function readIdRow(t: TypeTable, id: string, abortSignal?: AbortSignal): Promise<ResourceRow | undefined> {
  const { partitionKey, rowKey } = idRowKeys(id, t.partitions);
  try {
    const entity = await t.table.client.getEntity<Record<string, unknown>>(partitionKey, rowKey, { abortSignal });
    return isTombstone(entity) ? undefined : readResourceEntity(entity);
  } catch (error) {
    if (statusCodeOf(error) === 404) return undefined;
    throw toStorageError(error, `read ${t.type} ${id}`);
  }
}

/** The claim row of a unique key (one point read), or undefined. */
export async function readClaimRow(t: TypeTable, key: string, abortSignal?: AbortSignal): Promise<UniqueRow | undefined> {
  const { partitionKey, rowKey } = claimKeys(key, t.partitions);
  try {
    return readUniqueEntity(await t.table.client.getEntity<Record<string, unknown>>(partitionKey, rowKey, { abortSignal }));
  } catch (error) {
    if (statusCodeOf(error) === 404) return undefined;
    throw toStorageError(error, `read ${key}`);
  }
}
