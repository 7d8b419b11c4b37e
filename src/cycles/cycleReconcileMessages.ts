import type { CycleProgress } from '../domain/jobState';
import type { ReconcileMessage } from '../domain/reconcileMessage';
import { reconcileMessagesFor } from '../gateway/reconcileMessagesFor';

/**
 * A cycle's reconcile messages for keys of one type, 100 keys a message, carrying the cycle's id (the logs'
 * cycleId and the counters' cycle), its finished target index (matched against instead of a GET per object) and
 * an operator's approval of deletes, when the cycle has them.
 */
export function cycleReconcileMessages(jobId: string, objectType: string, sourceKeys: readonly string[], cycle: CycleProgress): ReconcileMessage[] {
  const extra = {
    ...(cycle.targetIndexId !== undefined && cycle.phase !== 'targetIndex' ? { targetIndex: cycle.targetIndexId } : {}),
    ...(cycle.forceDeletes ? { forceDelete: true } : {}),
  };
  return reconcileMessagesFor(jobId, objectType, sourceKeys, cycle.cycleId).map((message) => ({ ...message, ...extra }));
}
