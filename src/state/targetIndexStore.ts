import type { JsonObject } from '../domain/identityObject';

/** A target object as an index holds it. `data` is absent when it was too large to keep: read it by id. */
export interface IndexedTarget {
  id: string;
  data?: JsonObject;
}

/**
 * Where a matching value points: the target object type, the matching attribute and the value, each already
 * normalised by src/engine/targetIndex/targetIndexKeys.ts (the store compares them as opaque text).
 */
export interface TargetIndexKey {
  targetType: string;
  attribute: string;
  value: string;
}

export interface TargetIndexEntry extends TargetIndexKey {
  target: IndexedTarget;
}

/**
 * An initial cycle's snapshot of the target (src/engine/targetIndex), looked up by matching value instead of
 * asking the target per object. Kept in storage, not memory, so that a worker's memory does not grow with the
 * size of the target.
 *
 * Contract:
 * - `add` creates the index when it does not exist yet, also with no entries (an empty target is an index
 *   too, and a complete one). A key that already names another target object then names both, so that
 *   matching reports DuplicateTargetEntries as a filtered GET would; adding the same target under the same key
 *   again replaces its data, so indexing a page twice (a redelivered message) is harmless.
 * - `find` answers the targets under a key ([] for none) or 'missing' when no index of that id exists (never
 *   built, or dropped since): the caller then asks the target itself.
 * - `drop` deletes the index with every entry; dropping one that does not exist is not an error.
 */
export interface TargetIndexStore {
  add(jobId: string, indexId: string, entries: readonly TargetIndexEntry[]): Promise<void>;
  find(jobId: string, indexId: string, key: TargetIndexKey): Promise<IndexedTarget[] | 'missing'>;
  drop(jobId: string, indexId: string): Promise<void>;
}
