import { statusCodeOf, toStorageError } from '../../azure/toStorageError';
import { ConflictError } from '../../domain/errors';
import { readClaimRow, readIdRow, type TypeTable } from './readRows';
import { claimKeys, claimPointerEntity } from './storedRows';

/**
 * A claim row whose holder is missing or no longer carries the value is normally left over from a crash
 * (between a rename's claim and its id-row write, or between a delete and its release) and may be taken over;
 * a younger one may belong to a write still in flight.
 */
const STALE_CLAIM_AFTER_MS = 60_000;

export function uniquenessConflict(t: TypeTable, key: string, cause?: unknown): ConflictError {
  const attribute = t.type === 'User' ? 'userName' : 'displayName';
  const value = key.slice(key.indexOf('|', key.indexOf('|') + 1) + 1);
  return new ConflictError(`${attribute} "${value}" is already taken`, 'uniqueness', cause === undefined ? {} : { cause });
}

/**
 * Claims `key` for `id` on its own (the slow path: renames, caller-assigned ids, a create whose transaction
 * met a 409) by inserting a pointer row tagged with this write's `token` (409 when held). Outcomes:
 * - 'claimed';
 * - 'busy': another write of the same resource holds it and is younger than STALE_CLAIM_AFTER_MS (a concurrent
 *   rename to the same value): the caller re-reads and retries, it is not a uniqueness conflict;
 * - ConflictError('uniqueness'): a live resource that still carries the value holds it.
 * A row whose holder is gone or moved on, older than STALE_CLAIM_AFTER_MS, is taken over with an
 * ETag-conditional write, so two claimants cannot both win. A pointer carries no copy, so a claim whose id-row
 * write has not happened yet is never served by a `userName eq` lookup (lookups through a pointer read the id
 * row and check that it holds the key).
 */
export async function claimPointer(t: TypeTable, key: string, id: string, token: string, abortSignal?: AbortSignal): Promise<'claimed' | 'busy'> {
  const entity = claimPointerEntity(key, id, token, t.partitions);
  try {
    await t.table.commit.write({ kind: 'create', entity });
    return 'claimed';
  } catch (error) {
    if (statusCodeOf(error) !== 409) throw toStorageError(error, `claim ${key}`);
  }
  const row = await readClaimRow(t, key, abortSignal);
  if (!row) return 'busy'; // released meanwhile: try again
  const holder = await readIdRow(t, row.id, abortSignal);
  const young = !(Date.now() - Date.parse(row.timestamp ?? '') > STALE_CLAIM_AFTER_MS);
  if (row.id === id) {
    if (holder?.unique === key || young) return 'busy'; // another write of this resource got there first
  } else if (holder?.unique === key || young) {
    throw uniquenessConflict(t, key);
  }
  try {
    await t.table.client.updateEntity(entity, 'Replace', { etag: row.etag, abortSignal });
    return 'claimed';
  } catch (error) {
    if (statusCodeOf(error) === 412 || statusCodeOf(error) === 404) return 'busy';
    throw toStorageError(error, `claim ${key}`);
  }
}

/**
 * Best effort: deletes the claim row if `id` holds it and, when `token` is given, only if this write claimed
 * it (a failed write must not drop a claim that a concurrent, successful write of the same resource made).
 */
export async function releaseClaim(t: TypeTable, key: string, id: string, token?: string): Promise<void> {
  try {
    const row = await readClaimRow(t, key);
    // A home claim is the resource's truth (homeEntity): a replace that moves off it turns it into a pointer first.
    if (row?.id !== id || row.home || (token !== undefined && row.token !== token)) return;
    const { partitionKey, rowKey } = claimKeys(key, t.partitions);
    await t.table.client.deleteEntity(partitionKey, rowKey, { etag: row.etag });
  } catch {
    // A leftover row is taken over by the next claimant once stale (see claimPointer).
  }
}
