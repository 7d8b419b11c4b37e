import { mapBounded } from '../concurrency/mapBounded';
import type { JobDefinition } from '../domain/jobDefinition';
import { compileObjectMapping, findObjectMapping } from '../engine/compiledMapping';
import { reconcileMessagesFor } from '../gateway/reconcileMessagesFor';
import type { WorkQueue } from '../queue/workQueue';
import type { ReferenceWaitIndex } from '../state/referenceWaitIndex';

/** Wait-index lookups in flight at once (point queries of one partition each). */
const LOOKUP_CONCURRENCY = 16;

/**
 * After objects were linked to target objects for the first time (created or matched), enqueues a reconcile
 * of every object that waits for one of them as its manager (resolveReferences recorded the wait when it left
 * the manager out), then forgets those waits. Entra leaves such a user without its manager until a restart
 * (reference/entra-engine.md §5.4, known issue). The waits are cleared only after the send: if the send fails
 * the message is redelivered, and if clearing fails a leftover wait costs one redundant reconcile later.
 * Returns how many objects were enqueued.
 */
export async function reconcileWaitingReferrers(
  deps: { referenceWaits: ReferenceWaitIndex; queue: WorkQueue },
  job: JobDefinition,
  objectType: string,
  linkedSourceKeys: readonly string[],
  cycleId: string,
): Promise<number> {
  const mapping = findObjectMapping(job, objectType);
  // Jobs that map no manager never record waits: no query per linked object for them.
  if (linkedSourceKeys.length === 0 || !mapping || compileObjectMapping(mapping).references.length === 0) return 0;
  const waitsByKey = new Map<string, string[]>();
  // One lookup per linked object: a page of an initial cycle links hundreds, and one after the other they cost a
  // round trip each while no reconcile of the window runs (the window's last group is recorded alone).
  const keys = [...new Set(linkedSourceKeys)];
  const found = await mapBounded(keys, LOOKUP_CONCURRENCY, (key) => deps.referenceWaits.waitersFor(job.id, objectType, key));
  keys.forEach((key, i) => {
    const waiting = found[i] ?? [];
    if (waiting.length > 0) waitsByKey.set(key, waiting);
  });
  const waiting = [...new Set([...waitsByKey.values()].flat())];
  if (waiting.length === 0) return 0;
  await deps.queue.send(reconcileMessagesFor(job.id, objectType, waiting, cycleId));
  for (const [key, keys] of waitsByKey) await deps.referenceWaits.clearWaits(job.id, objectType, key, keys);
  return waiting.length;
}
