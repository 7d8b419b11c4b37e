import { mapBounded } from '../concurrency/mapBounded';
import type { ReconcileMessage } from '../domain/reconcileMessage';
import type { WorkQueue } from '../queue/workQueue';
import type { ListedHeldDeletion, StagedDeleteStore } from '../state/stagedDeleteStore';

export interface ReleaseStagedDeletesDeps {
  stagedDeletes: StagedDeleteStore;
  queue: WorkQueue;
  newId(): string;
}

export interface ReleasedDeletes {
  released: number;
  /** The cycleId of the approval's reconcile messages (filter the provisioning logs on it); absent when nothing was held. */
  cycleId?: string;
}

/** Keys per message, as everywhere (ReconcileMessage.sourceKeys holds at most 100). */
const KEYS_PER_MESSAGE = 100;
const RELEASE_CONCURRENCY = 16;

/**
 * Applies the deletes and disables the accidental-deletion threshold held back (reference/entra-engine.md §9,
 * "Allow deletes"; restart with ForceDeletes): every held object is reconciled again with `forceDelete`, so the
 * threshold does not apply to it, and its record is forgotten. Messages name objects, not actions: an object
 * that came back into scope since it was held is reconciled as it is now, not deleted.
 * Sends first, forgets after: an approval interrupted between the two sends again when retried, which only
 * reconciles the same objects twice. Lifting the quarantine is the caller's part (restartedJobState).
 */
export async function releaseStagedDeletes(deps: ReleaseStagedDeletesDeps, jobId: string): Promise<ReleasedDeletes> {
  const held = await deps.stagedDeletes.list(jobId);
  if (held.length === 0) return { released: 0 };
  const cycleId = deps.newId();
  await deps.queue.send(approvalMessages(jobId, held, cycleId));
  await mapBounded(held, RELEASE_CONCURRENCY, (deletion) => deps.stagedDeletes.release(deletion));
  return { released: held.length, cycleId };
}

function approvalMessages(jobId: string, held: readonly ListedHeldDeletion[], cycleId: string): ReconcileMessage[] {
  const byType = new Map<string, string[]>();
  for (const deletion of held) {
    const keys = byType.get(deletion.objectType) ?? [];
    keys.push(deletion.sourceKey);
    byType.set(deletion.objectType, keys);
  }
  const messages: ReconcileMessage[] = [];
  for (const [objectType, keys] of byType) {
    for (let i = 0; i < keys.length; i += KEYS_PER_MESSAGE) {
      messages.push({ kind: 'reconcile', jobId, objectType, sourceKeys: keys.slice(i, i + KEYS_PER_MESSAGE), cycleId, attempt: 1, forceDelete: true });
    }
  }
  return messages;
}
