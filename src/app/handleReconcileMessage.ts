import { ValidationError } from '../domain/errors';
import { reconcileMessageSchema, type ReconcileMessage } from '../domain/reconcileMessage';
import type { ProvisioningLogEntry } from '../domain/provisioningLogEntry';
import { reconcileObject } from '../engine/reconcileObject';
import { mapBounded } from '../concurrency/mapBounded';
import { reconcileGroupsOfLinkedMembers } from '../gateway/reconcileGroupsOfLinkedMembers';
import { reconcileWaitingReferrers } from './reconcileWaitingReferrers';
import { accountingCycleId } from '../safety/accountingCycleId';
import { countLogEntries } from '../safety/countLogEntries';
import { counterWriteId } from '../safety/counterWriteId';
import { createDeletionGate } from '../safety/createDeletionGate';
import { updateQuarantineAfterMessage } from '../safety/updateQuarantineAfterMessage';
import type { Services } from './services';

export interface ReconcileMessageResult {
  logged: number;
  retried: number;
  /** Objects whose failure put them in escrow, each with a retry scheduled. */
  escrowed: number;
  /** Set when the message names a job that no longer exists: nothing to do, the message is done. */
  unknownJob?: string;
  /**
   * Set when the message was set aside unreconciled: 'staleEscrow', an escrow retry scheduled before a restart
   * with Escrows; 'early', a delayed message a queue delivered before its time (and which was sent again).
   */
  setAside?: 'staleEscrow' | 'early';
}

/**
 * How early a message may arrive and still be handled. Queues that cap delays (Storage Queues: 7 days)
 * deliver long escrow retries early; anything within this of `notBefore` is clock skew between instances.
 */
const EARLY_DELIVERY_TOLERANCE_MS = 60_000;

/**
 * The reconcile queue handler (Service Bus trigger in Azure, the poller on the local host). Objects that
 * failed transiently are re-enqueued one by one with a delay, and objects in escrow on the escrow schedule
 * (scheduled messages, never sleeping handlers); everything else ends in a log entry, and every message's
 * entries are counted in its cycle (src/safety). Throws only when state could not be read or written, so the
 * queue redelivers the whole message, which is safe because reconciling is idempotent and the counts of a
 * redelivered message replace its earlier ones.
 */
export async function handleReconcileMessage(services: Services, body: unknown): Promise<ReconcileMessageResult> {
  const parsed = reconcileMessageSchema.safeParse(typeof body === 'string' ? safeJson(body) : body);
  if (!parsed.success) {
    // A malformed message can never succeed: fail it so it lands in the dead-letter queue for an operator.
    throw new ValidationError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  const message = parsed.data;
  const job = await services.jobs.get(message.jobId);
  if (!job) return { logged: 0, retried: 0, escrowed: 0, unknownJob: message.jobId };

  const now = services.now();
  const waitInMs = message.notBefore === undefined ? NaN : Date.parse(message.notBefore) - now.getTime();
  if (waitInMs > EARLY_DELIVERY_TOLERANCE_MS) {
    await services.queue.send([message], { delayInMs: waitInMs });
    return { logged: 0, retried: 0, escrowed: 0, setAside: 'early' };
  }
  const { state } = await services.jobStates.get(job.id);
  // A restart with Escrows bumped the epoch: retries scheduled before it are forgotten (reference §5.6).
  if (message.escrow && message.escrow.epoch < state.escrowEpoch) return { logged: 0, retried: 0, escrowed: 0, setAside: 'staleEscrow' };

  const countIn = accountingCycleId(state, message, job, now);
  // Approved deletes (restart with ForceDeletes) pass the accidental-deletion threshold.
  const deletionGate = message.forceDelete ? undefined : createDeletionGate(services, { job, state, accountingCycleId: countIn });
  const connector = services.connectorFor(job);
  const keys = [...new Set(message.sourceKeys)];
  const outcomes = await mapBounded(keys, job.target.maxConcurrency, (sourceKey) =>
    reconcileObject(
      { staging: services.staging, connector, now: () => services.now(), newId: () => services.newId(), targetIndexes: services.targetIndexes, referenceWaits: services.referenceWaits, ...(deletionGate ? { deletionGate } : {}) },
      {
        job,
        objectType: message.objectType,
        sourceKey,
        cycleId: message.cycleId,
        attempt: message.attempt,
        ...(message.targetIndex !== undefined ? { targetIndex: message.targetIndex } : {}),
        ...(message.escrow ? { escrow: { firstFailedAt: message.escrow.firstFailedAt, failures: message.escrow.failures } } : {}),
      },
    ),
  );

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

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
