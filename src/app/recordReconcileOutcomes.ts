import type { JobDefinition } from '../domain/jobDefinition';
import type { JobState } from '../domain/jobState';
import type { ProvisioningLogEntry } from '../domain/provisioningLogEntry';
import type { ReconcileMessage } from '../domain/reconcileMessage';
import { reconcileGroupsOfLinkedMembers } from '../gateway/reconcileGroupsOfLinkedMembers';
import { countLogEntries } from '../safety/countLogEntries';
import { counterWriteId } from '../safety/counterWriteId';
import { updateQuarantineAfterMessage } from '../safety/updateQuarantineAfterMessage';
import type { ReconciledMessage } from './reconcileMessageKeys';
import { reconcileWaitingReferrers } from './reconcileWaitingReferrers';
import type { Services } from './services';

export interface RecordedOutcomes {
  logged: number;
  retried: number;
  /** Objects whose failure put them in escrow, each with a retry scheduled. */
  escrowed: number;
}

/**
 * Everything after a message's reconciles: objects that failed transiently are re-enqueued one by one with a
 * delay, objects in escrow on the escrow schedule (scheduled messages, never sleeping handlers), objects waiting
 * for the ones just linked are enqueued, and the entries are counted in their cycle (src/safety) and logged.
 * The follow-up messages read the staging store, so a caller that reconciled from memory writes its rows first.
 */
export async function recordReconcileOutcomes(services: Services, job: JobDefinition, state: JobState, reconciled: ReconciledMessage): Promise<RecordedOutcomes> {
  const { message, keys, outcomes, countIn } = reconciled;
  const logs: ProvisioningLogEntry[] = [];
  const later: { message: ReconcileMessage; delayInMs: number }[] = [];
  const linked: string[] = [];
  let retried = 0;
  let escrowed = 0;
  outcomes.forEach((outcome, i) => {
    const sourceKey = keys[i] as string;
    if (outcome.kind === 'retry') {
      retried++;
      const { notBefore: _early, ...rest } = message;
      later.push({ message: { ...rest, sourceKeys: [sourceKey], attempt: message.attempt + 1 }, delayInMs: outcome.delayInMs });
      return;
    }
    logs.push(outcome.log);
    if (outcome.linkedTargetId !== undefined) linked.push(sourceKey);
    if (outcome.escrow) {
      escrowed++;
      // A fresh round of fast retries at each escrow retry; the epoch is the job's now unless the object is
      // already in escrow. An initial cycle's target index is hours old by then, so the retry matches afresh.
      const { targetIndex: _stale, ...rest } = message;
      const epoch = message.escrow?.epoch ?? state.escrowEpoch;
      later.push({
        message: { ...rest, sourceKeys: [sourceKey], attempt: 1, escrow: { ...outcome.escrow.progress, epoch }, notBefore: outcome.escrow.retryAt },
        delayInMs: outcome.escrow.delayInMs,
      });
    }
  });
  // Retries first: if writing logs then fails, the redelivered message does the work again anyway.
  await Promise.all(later.map((r) => services.queue.send([r.message], { delayInMs: r.delayInMs })));
  // Groups that could not resolve these objects as members yet. If this send fails the message is redelivered,
  // but the objects are linked by then and are not "newly linked" again: that group waits for its next change.
  await reconcileGroupsOfLinkedMembers(services, job, linked, message.cycleId);
  // Users left without their manager because it had no target object yet (the same reasoning holds).
  await reconcileWaitingReferrers(services, job, message.objectType, linked, message.cycleId);
  await services.cycleCounters.add(job.id, countIn, counterWriteId(message), countLogEntries(logs));
  if (logs.length > 0) await services.logs.append(logs);
  await updateQuarantineAfterMessage(services, { job, state, accountingCycleId: countIn, logs, allFinal: retried === 0 });
  return { logged: logs.length, retried, escrowed };
}
