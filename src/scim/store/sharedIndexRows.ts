import { statusCodeOf, toStorageError } from '../../azure/toStorageError';
import { TransientError } from '../../domain/errors';
import type { TableEntity } from '@azure/data-tables';
import { indexPartition } from './indexKeys';
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

interface SharedRow {
  ids?: string;
  etag: string;
}

/** The row as the first holder inserts it. */
export function sharedEntity(key: string, id: string, partitions: number): TableEntity {
  return { partitionKey: indexPartition(key, partitions), rowKey: key, ids: JSON.stringify([id]) };
}

export async function readSharedIds(tables: SharedTable, key: string, abortSignal?: AbortSignal): Promise<string[]> {
  const row = await readRow(tables, key, abortSignal);
  return row ? parseIds(row) : [];
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
  const partitionKey = indexPartition(key, tables.partitions);
  const client = tables.table.client;
  for (let attempt = 0; attempt < 20; attempt++) {
    const row = await readRow(tables, key);
    const before = row ? parseIds(row) : [];
    const after = change(before);
    if (after.length === before.length && after.every((id, i) => id === before[i])) return;
    try {
      if (!row) await client.createEntity({ partitionKey, rowKey: key, ids: JSON.stringify(after) });
      else if (after.length === 0) await client.deleteEntity(partitionKey, key, { etag: row.etag });
      else await client.updateEntity({ partitionKey, rowKey: key, ids: JSON.stringify(after) }, 'Replace', { etag: row.etag });
      return;
    } catch (error) {
      // Another writer changed the row between our read and write: read it again.
      const status = statusCodeOf(error);
      if (status !== 409 && status !== 412 && status !== 404) throw toStorageError(error, `index ${key}`);
    }
  }
  throw new TransientError(`the index row ${key} kept changing under concurrent writers`);
}

async function readRow(tables: SharedTable, key: string, abortSignal?: AbortSignal): Promise<SharedRow | undefined> {
  try {
    return await tables.table.client.getEntity<{ ids?: string }>(indexPartition(key, tables.partitions), key, { abortSignal });
  } catch (error) {
    if (statusCodeOf(error) === 404) return undefined;
    throw toStorageError(error, `read index ${key}`);
  }
}

function parseIds(row: SharedRow): string[] {
  try {
    const ids: unknown = JSON.parse(row.ids ?? '[]');
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}
