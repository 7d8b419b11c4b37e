import { statusCodeOf, toStorageError } from '../../azure/toStorageError';
import type { TableEntity } from '@azure/data-tables';
import { indexPartition } from './indexKeys';
import { changeJsonListRow, parseJsonList } from './jsonListRow';
import { readEntity } from './readEntity';
import type { StoreTable } from './storeTables';

/*
 * A shared index row lists the ids carrying one non-unique value (externalId, emails.value): RowKey = the
 * index key, PartitionKey = indexPartition(key), in the resource type's table, `ids` = JSON array. The first
 * holder creates it with a plain insert (the usual case: values are nearly always unique in practice), inside
 * the create's transaction when the row shares the id row's partition (sharedEntity); later holders change it
 * with ETag-conditional writes. Rows are only hints: every hit is re-read by id and re-checked by the predicate,
 * so an id left behind here is never returned for a value it no longer carries.
 */

/** The resource type's table (shared rows live beside the rows of the resources they point to). */
export interface SharedTable {
  table: StoreTable;
  partitions: number;
}

/** The row as the first holder inserts it. */
export function sharedEntity(key: string, id: string, partitions: number): TableEntity {
  return { partitionKey: indexPartition(key, partitions), rowKey: key, ids: JSON.stringify([id]) };
}

export async function readSharedIds(tables: SharedTable, key: string, abortSignal?: AbortSignal): Promise<string[]> {
  const row = await readEntity<{ ids?: string }>(tables.table.client, indexPartition(key, tables.partitions), key, `read index ${key}`, abortSignal);
  return parseJsonList(row?.ids);
}

export async function addToSharedRow(tables: SharedTable, key: string, id: string): Promise<void> {
  try {
    await tables.table.commit.write({ kind: 'create', entity: sharedEntity(key, id, tables.partitions) });
    return;
  } catch (error) {
    if (statusCodeOf(error) !== 409) throw toStorageError(error, `index ${key}`);
  }
  await changeRow(tables, key, (ids) => (ids.includes(id) ? ids : [...ids, id]));
}

/** Best effort: a leftover id is harmless (see above). */
export async function removeFromSharedRow(tables: SharedTable, key: string, id: string): Promise<void> {
  try {
    await changeRow(tables, key, (ids) => ids.filter((other) => other !== id));
  } catch {
    // Reads re-check every hit against the resource itself.
  }
}

async function changeRow(tables: SharedTable, key: string, change: (ids: string[]) => string[]): Promise<void> {
  await changeJsonListRow(tables.table.client, { partitionKey: indexPartition(key, tables.partitions), rowKey: key }, 'ids', change, `index ${key}`);
}
