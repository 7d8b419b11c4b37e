import type { ReconcileMessage } from '../domain/reconcileMessage';

/** Keys one message names at most (reconcileMessageSchema). */
const KEYS_PER_MESSAGE = 100;

/** Reconcile messages naming these keys of one job and object type, 100 keys a message. */
export function reconcileMessagesFor(jobId: string, objectType: string, sourceKeys: readonly string[], cycleId: string): ReconcileMessage[] {
  const keys = [...new Set(sourceKeys)];
  const messages: ReconcileMessage[] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_MESSAGE) {
    messages.push({ kind: 'reconcile', jobId, objectType, sourceKeys: keys.slice(i, i + KEYS_PER_MESSAGE), cycleId, attempt: 1 });
  }
  return messages;
}
