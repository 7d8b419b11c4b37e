import { createHash } from 'node:crypto';
import type { ReconcileMessage } from '../domain/reconcileMessage';

/**
 * The cycle counters' writeId for one message (CycleCounterStore.add): derived from the message's content,
 * because the queue delivers at least once and a redelivery is the same content. A redelivered message so
 * rewrites its own row and counts once. Everything that makes two sends different work is in it: the objects
 * (sorted and deduplicated, as the handler reconciles them), the cycle, the attempt (a fast retry is a new
 * message), the escrow round and an approval. Two sends with all of that equal are the same work, and count
 * once too: the counters count distinct reconciles, which is what the thresholds are about.
 */
export function counterWriteId(message: ReconcileMessage): string {
  const identity = [
    message.objectType,
    [...new Set(message.sourceKeys)].sort(),
    message.cycleId,
    message.attempt,
    message.escrow ? [message.escrow.firstFailedAt, message.escrow.failures, message.escrow.epoch] : null,
    message.forceDelete === true,
    message.targetIndex ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}
