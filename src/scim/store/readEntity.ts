import type { TableClient } from '@azure/data-tables';
import { statusCodeOf, toStorageError } from '../../azure/toStorageError';

/** One point read: the row with its ETag, or undefined when it does not exist; other failures as storage errors naming `action`. */
export async function readEntity<T extends object = Record<string, unknown>>(
  client: TableClient,
  partitionKey: string,
  rowKey: string,
  action: string,
  abortSignal?: AbortSignal,
): Promise<(T & { etag: string }) | undefined> {
  try {
    return await client.getEntity<T>(partitionKey, rowKey, { abortSignal });
  } catch (error) {
    if (statusCodeOf(error) === 404) return undefined;
    throw toStorageError(error, action);
  }
}
