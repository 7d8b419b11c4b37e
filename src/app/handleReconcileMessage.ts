import { ValidationError } from '../domain/errors';
import { reconcileMessageSchema, type ReconcileMessage } from '../domain/reconcileMessage';
import type { ProvisioningLogEntry } from '../domain/provisioningLogEntry';
import { reconcileObject } from '../engine/reconcileObject';
import { mapBounded } from '../concurrency/mapBounded';
import { reconcileGroupsOfLinkedMembers } from '../gateway/reconcileGroupsOfLinkedMembers';
import type { Services } from './services';

export interface ReconcileMessageResult {
  logged: number;
  retried: number;
  /** Set when the message names a job that no longer exists: nothing to do, the message is done. */
  unknownJob?: string;
}

/**
 * The reconcile queue handler (Service Bus trigger in Azure, the poller on the local host). Objects that
 * failed transiently are re-enqueued one by one with a delay (scheduled messages, not sleeping handlers);
 * everything else ends in a log entry. Throws only when state could not be read or written, so the queue
 * redelivers the whole message, which is safe because reconciling is idempotent.
 */
export async function handleReconcileMessage(services: Services, body: unknown): Promise<ReconcileMessageResult> {
  const parsed = reconcileMessageSchema.safeParse(typeof body === 'string' ? safeJson(body) : body);
  if (!parsed.success) {
    // A malformed message can never succeed: fail it so it lands in the dead-letter queue for an operator.
    throw new ValidationError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  const message = parsed.data;
  const job = await services.jobs.get(message.jobId);
  if (!job) return { logged: 0, retried: 0, unknownJob: message.jobId };

  const connector = services.connectorFor(job);
  const keys = [...new Set(message.sourceKeys)];
  const outcomes = await mapBounded(keys, job.target.maxConcurrency, (sourceKey) =>
    reconcileObject(
      { staging: services.staging, connector, now: () => services.now(), newId: () => services.newId() },
      { job, objectType: message.objectType, sourceKey, cycleId: message.cycleId, attempt: message.attempt },
    ),
  );

  const logs: ProvisioningLogEntry[] = [];
  const retries: { message: ReconcileMessage; delayInMs: number }[] = [];
  const linked: string[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.kind === 'done' && outcome.linkedTargetId !== undefined) linked.push(keys[i] as string);
    if (outcome.kind === 'done') logs.push(outcome.log);
    else retries.push({ message: { ...message, sourceKeys: [keys[i] as string], attempt: message.attempt + 1 }, delayInMs: outcome.delayInMs });
  });
  // Retries first: if writing logs then fails, the redelivered message does the work again anyway.
  await Promise.all(retries.map((r) => services.queue.send([r.message], { delayInMs: r.delayInMs })));
  // Groups that could not resolve these objects as members yet. If this send fails the message is redelivered,
  // but the objects are linked by then and are not "newly linked" again: that group waits for its next change.
  await reconcileGroupsOfLinkedMembers(services, job, linked, message.cycleId);
  if (logs.length > 0) await services.logs.append(logs);
  return { logged: logs.length, retried: retries.length };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
