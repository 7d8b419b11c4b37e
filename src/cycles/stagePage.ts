import { groupBy } from '../collections/groupBy';
import { mapBounded } from '../concurrency/mapBounded';
import type { JobDefinition } from '../domain/jobDefinition';
import type { CycleProgress } from '../domain/jobState';
import type { ReconcileMessage } from '../domain/reconcileMessage';
import { findObjectMapping } from '../engine/compiledMapping';
import type { SourcePage } from '../sources/sourceConnector';
import type { StageRecord } from '../state/stagingStore';
import type { PageCounts } from './advanceCycle';
import type { CycleDeps } from './cycleDeps';
import { cycleReconcileMessages } from './cycleReconcileMessages';

/** stage() takes at most this many records a call (TableStagingStore). */
const STAGE_CHUNK = 100;
const MARK_CONCURRENCY = 16;

/**
 * Stages one source page and enqueues its reconciles, before the cycle records the page as done: a crash in
 * between repeats the page, which restages the same states (no change) and enqueues the same keys again
 * (harmless: messages name objects, DESIGN principle 1).
 *
 * What is enqueued: an initial cycle re-evaluates every object it reads (reference/entra-engine.md §5.1), as after
 * a restart, which clears the watermark; an incremental cycle only objects whose staged state changed, so that a
 * source that can only be read in full costs a read, not a reconcile, per unchanged object. Deletions the source
 * reports are always enqueued. Objects of types the job does not map are not staged.
 */
export async function stagePage(deps: Pick<CycleDeps, 'staging' | 'queue'>, job: JobDefinition, cycle: CycleProgress, page: SourcePage, at: string, firstCycle = false): Promise<PageCounts> {
  // A job's very first cycle finds nothing staged (unless pushes raced it): insert without reading first.
  const expectNew = firstCycle && cycle.kind === 'initial';
  const queuedByType = new Map<string, Set<string>>();
  const queue = (objectType: string, keys: readonly string[]): void => {
    const set = queuedByType.get(objectType) ?? new Set<string>();
    for (const key of keys) set.add(key);
    queuedByType.set(objectType, set);
  };

  for (const [objectType, objects] of groupBy(page.objects, (o) => o.objectType)) {
    if (!findObjectMapping(job, objectType)) continue;
    for (let i = 0; i < objects.length; i += STAGE_CHUNK) {
      const chunk = objects.slice(i, i + STAGE_CHUNK);
      const records: StageRecord[] = chunk.map((o) => ({ sourceKey: o.key, data: o.data, ...(o.version !== undefined ? { sourceVersion: o.version } : {}) }));
      const { changedKeys, seenInCycleKeys } = await deps.staging.stage(job.id, objectType, records, at, { cycleId: cycle.cycleId, page: cycle.pagesDone, ...(expectNew ? { expectNew } : {}) });
      const seen = new Set(seenInCycleKeys);
      queue(objectType, cycle.kind === 'initial' ? chunk.map((o) => o.key).filter((key) => !seen.has(key)) : changedKeys);
    }
  }
  let deleted = 0;
  for (const [objectType, deletions] of groupBy(page.deletions, (d) => d.objectType)) {
    if (!findObjectMapping(job, objectType)) continue;
    await mapBounded(deletions, MARK_CONCURRENCY, (d) => deps.staging.markDeleted(job.id, objectType, d.key, at));
    deleted += deletions.length;
    queue(objectType, deletions.map((d) => d.key));
  }

  const messages: ReconcileMessage[] = [];
  let queued = 0;
  for (const [objectType, keys] of queuedByType) {
    queued += keys.size;
    messages.push(...cycleReconcileMessages(job.id, objectType, [...keys], cycle));
  }
  if (messages.length > 0) await deps.queue.send(messages);
  return { read: page.objects.length, queued, deleted };
}
