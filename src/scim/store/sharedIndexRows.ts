import { statusCodeOf, toStorageError } from '../../azure/toStorageError';
import { TransientError } from '../../domain/errors';
import { partitionOf } from './partitionOf';
import type { StoreTables } from './storeTables';

/*
 * A shared index row lists the ids carrying one non-unique value (externalId, emails.value): RowKey = the
 * index key, `ids` = JSON array. The first holder creates it with a plain insert that rides in a group commit
 * (one write, the usual case: values are nearly always unique in practice); later holders change it with
 * ETag-conditional writes. Rows are only hints: every hit is re-read by id and re-checked by the predicate,
 * so an id left behind here is never returned for a value it no longer carries.
 */

interface SharedRow {
  ids?: string;
  etag: string;
}

export async function readSharedIds(tables: StoreTables, key: string, abortSignal?: AbortSignal): Promise<string[]> {
  const row = await readRow(tables, key, abortSignal);
  return row ? parseIds(row) : [];
}

export async function addToSharedRow(tables: StoreTables, key: string, id: string): Promise<void> {
  const partitionKey = partitionOf(key, tables.partitions);
  try {
    await tables.index.commit.write({ kind: 'create', entity: { partitionKey, rowKey: key, ids: JSON.stringify([id]) } });
    return;
  } catch (error) {
    if (statusCodeOf(error) !== 409) throw toStorageError(error, `index ${key}`);
  }
  await changeRow(tables, key, (ids) => (ids.includes(id) ? ids : [...ids, id]));
}

/** Best effort: a leftover id is harmless (see above). */
export async function removeFromSharedRow(tables: StoreTables, key: string, id: string): Promise<void> {
  try {
    await changeRow(tables, key, (ids) => ids.filter((other) => other !== id));
  } catch {
    // Reads re-check every hit against the resource itself.
  }
}

async function changeRow(tables: StoreTables, key: string, change: (ids: string[]) => string[]): Promise<void> {
  const partitionKey = partitionOf(key, tables.partitions);
  const client = tables.index.client;
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

async function readRow(tables: StoreTables, key: string, abortSignal?: AbortSignal): Promise<SharedRow | undefined> {
  try {
    return await tables.index.client.getEntity<{ ids?: string }>(partitionOf(key, tables.partitions), key, { abortSignal });
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
