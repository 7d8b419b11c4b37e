import type { SourceReadCursor } from './sourceReadCursor';
import type { SourceObjectType } from './sourceObjectType';
import type { SourcePage, SourceReadMode } from './sourceConnector';
import { readSourceWatermark, watermarkAfterRead } from './sourceWatermark';

/**
 * The first cursor of a read: changes since the watermark when one was asked for and the watermark allows it,
 * else a full read (which misses nothing: the cycle then finds changes by content hash and deletions by
 * absence). Undefined when the job reads no object type. Sources that cannot filter turn a 'changes' cursor into
 * a full one before reading (ScimSourceConnector).
 */
export function beginSourceRead(mode: SourceReadMode, watermark: string | undefined, types: readonly SourceObjectType[], startedAt: Date): SourceReadCursor | undefined {
  const first = types[0];
  if (first === undefined) return undefined;
  const since = mode === 'changes' ? readSourceWatermark(watermark)?.since : undefined;
  const base = { v: 1 as const, startedAt: startedAt.toISOString(), objectType: first, startIndex: 1, dated: true };
  return since ? { ...base, read: 'changes', since } : { ...base, read: 'full' };
}

/** The whole read of a job that maps no object type the source has: nothing, and a watermark for next time. */
export function emptySourceRead(startedAt: Date): SourcePage {
  return { objects: [], deletions: [], fullRead: true, watermark: watermarkAfterRead(startedAt.toISOString(), true) };
}

/** The same read, from its first object type again, without a filter (the source could not filter after all). */
export function restartAsFullRead(cursor: SourceReadCursor, types: readonly SourceObjectType[]): SourceReadCursor {
  return { v: 1, read: 'full', startedAt: cursor.startedAt, objectType: types[0] ?? cursor.objectType, startIndex: 1, dated: true };
}
