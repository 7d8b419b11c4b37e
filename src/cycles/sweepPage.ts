import { mapBounded } from '../concurrency/mapBounded';
import type { JobDefinition } from '../domain/jobDefinition';
import type { CycleProgress } from '../domain/jobState';
import { sourceObjectTypesOf } from '../sources/sourceObjectType';
import type { StagedKey } from '../state/stagingStore';
import { NO_COUNTS, type PageCounts } from './advanceCycle';
import type { CycleDeps } from './cycleDeps';
import { cycleReconcileMessages } from './cycleReconcileMessages';
import { encodeSweepCursor, decodeSweepCursor } from './sweepCursor';

/** Staged objects looked at per sweep page (one listing request). */
export const SWEEP_PAGE_SIZE = 500;
const MARK_CONCURRENCY = 16;

export interface SweepPageResult {
  counts: PageCounts;
  /** The next sweep page's cursor; undefined when every type has been swept. */
  nextCursor?: string;
}

/**
 * One page of the sweep that ends a full read: staged objects the read did not see are gone from the source
 * (reference/entra-engine.md §5.2 step 5: hard-deleted → deleted in the target when the mapping allows Delete),
 * so they are marked deleted and reconciled. Types are swept in the sources' read order and by the same names
 * (sourceObjectTypesOf), so that what the read staged and what the sweep lists are the same rows.
 *
 * Not swept, because they are not evidence of a deletion: objects already marked deleted; objects staged after
 * the cycle began (pushed by the gateway or an upload meanwhile: newer than this read); and an object restaged
 * between listing and marking (markDeleted is conditional on the listed ETag).
 */
export async function sweepPage(deps: Pick<CycleDeps, 'staging' | 'queue'>, job: JobDefinition, cycle: CycleProgress, at: string): Promise<SweepPageResult> {
  const types = sourceObjectTypesOf(job);
  const position = decodeSweepCursor(cycle.cursor);
  const objectType = types[position.typeIndex];
  if (objectType === undefined) return { counts: NO_COUNTS };

  const listed = await deps.staging.listKeys(job.id, objectType, { pageSize: SWEEP_PAGE_SIZE, ...(position.continuationToken !== undefined ? { continuationToken: position.continuationToken } : {}) });
  const absent = listed.keys.filter((key) => isAbsentFromRead(key, cycle));
  const marked = await mapBounded(absent, MARK_CONCURRENCY, (key) => deps.staging.markDeleted(job.id, objectType, key.sourceKey, at, { ifEtag: key.etag }));
  const deletedKeys = absent.filter((_, i) => marked[i] === 'marked').map((key) => key.sourceKey);
  if (deletedKeys.length > 0) await deps.queue.send(cycleReconcileMessages(job.id, objectType, deletedKeys, cycle));

  const counts = { read: 0, queued: deletedKeys.length, deleted: deletedKeys.length };
  if (listed.continuationToken !== undefined) return { counts, nextCursor: encodeSweepCursor({ typeIndex: position.typeIndex, continuationToken: listed.continuationToken }) };
  if (position.typeIndex + 1 < types.length) return { counts, nextCursor: encodeSweepCursor({ typeIndex: position.typeIndex + 1 }) };
  return { counts };
}

/** ISO 8601 timestamps from toISOString compare as strings. */
function isAbsentFromRead(key: StagedKey, cycle: CycleProgress): boolean {
  return !key.deleted && key.lastSeenCycle !== cycle.cycleId && key.stagedAt < cycle.began;
}
