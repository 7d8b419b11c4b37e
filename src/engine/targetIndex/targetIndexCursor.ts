import { PermanentError } from '../../domain/errors';
import type { IndexedObjectType } from './targetIndexPlan';

/**
 * Where an index build stands: for each object type still being read, the connector's cursor of its next page
 * (null: its first page). Types that are absent are done. Stored by the cycle between page messages, so it is
 * plain JSON: `{"next":{"user":"101"}}`.
 */
export type TargetIndexProgress = Map<string, string | null>;

export function startTargetIndex(plan: readonly IndexedObjectType[]): TargetIndexProgress {
  return new Map(plan.map((type) => [type.key, null]));
}

/** undefined once every type is read. */
export function encodeTargetIndexCursor(progress: TargetIndexProgress): string | undefined {
  return progress.size === 0 ? undefined : JSON.stringify({ next: Object.fromEntries(progress) });
}

/**
 * Types the job no longer maps (its definition changed during the cycle) are dropped; a type it maps that the
 * cursor does not name is done, or was added after the index began and is not indexed: matching then finds
 * nothing for it, its creates collide where the target holds the object already, and those are re-matched
 * with a GET.
 */
export function decodeTargetIndexCursor(cursor: string, plan: readonly IndexedObjectType[]): TargetIndexProgress {
  let parsed: unknown;
  try {
    parsed = JSON.parse(cursor);
  } catch {
    parsed = undefined;
  }
  const next = typeof parsed === 'object' && parsed !== null && 'next' in parsed ? parsed.next : undefined;
  if (typeof next !== 'object' || next === null || Array.isArray(next)) {
    throw new PermanentError(`'${cursor}' is not a target index cursor`, { code: 'InvalidTargetIndexCursor' });
  }
  const progress: TargetIndexProgress = new Map();
  for (const type of plan) {
    if (!Object.hasOwn(next, type.key)) continue;
    const value: unknown = (next as Record<string, unknown>)[type.key];
    if (value !== null && typeof value !== 'string') throw new PermanentError(`'${cursor}' is not a target index cursor`, { code: 'InvalidTargetIndexCursor' });
    progress.set(type.key, value);
  }
  return progress;
}
