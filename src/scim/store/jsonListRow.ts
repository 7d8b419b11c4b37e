import type { TableClient } from '@azure/data-tables';
import { statusCodeOf, toStorageError } from '../../azure/toStorageError';
import { TransientError } from '../../domain/errors';
import { readEntity } from './readEntity';

/** Rounds of read-change-write before giving up with a retryable error. */
const ROUNDS = 20;

/** The strings of a JSON array column; anything else reads as empty. */
export function parseJsonList(value: unknown): string[] {
  try {
    const list: unknown = JSON.parse(typeof value === 'string' ? value : '[]');
    return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Changes a row that holds a JSON array of strings in `column` (a shared index row's ids, the externalId domain
 * registry): reads it, applies `change`, and writes the result conditionally on the ETag read (created when
 * missing, deleted when empty, left alone when unchanged); another writer in between makes it read again.
 * Resolves with the list as it now stands. `what` names the row in errors.
 */
export async function changeJsonListRow(
  client: TableClient,
  keys: { partitionKey: string; rowKey: string },
  column: string,
  change: (list: string[]) => string[],
  what: string,
): Promise<string[]> {
  for (let round = 0; round < ROUNDS; round++) {
    const row = await readEntity(client, keys.partitionKey, keys.rowKey, `read ${what}`);
    const before = parseJsonList(row?.[column]);
    const after = change(before);
    if (after.length === before.length && after.every((item, i) => item === before[i])) return before;
    try {
      if (!row) await client.createEntity({ ...keys, [column]: JSON.stringify(after) });
      else if (after.length === 0) await client.deleteEntity(keys.partitionKey, keys.rowKey, { etag: row.etag });
      else await client.updateEntity({ ...keys, [column]: JSON.stringify(after) }, 'Replace', { etag: row.etag });
      return after;
    } catch (error) {
      // Another writer changed the row between our read and write: read it again.
      const status = statusCodeOf(error);
      if (status !== 409 && status !== 412 && status !== 404) throw toStorageError(error, what);
    }
  }
  throw new TransientError(`${what} kept changing under concurrent writers`);
}
