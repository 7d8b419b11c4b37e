import { createHash } from 'node:crypto';
import type { ServiceBusMessage } from '@azure/service-bus';
import type { WorkMessage } from '../domain/workMessage';

/**
 * The Service Bus form of work messages. The `messageId` is derived from the content, so sending the
 * same work twice within the queue's duplicate-detection window (e.g. an HTTP retry of a bulk upload after
 * a timeout) enqueues it once. Keys are sorted: the same set of objects is the same work. `attempt` is part
 * of it so that a deliberate re-enqueue after a failure is not dropped as a duplicate.
 */
export function buildServiceBusMessages(messages: readonly WorkMessage[]): ServiceBusMessage[] {
  return messages.map((message) => ({
    body: message,
    contentType: 'application/json',
    messageId: serviceBusMessageId(message),
    applicationProperties: { jobId: message.jobId, kind: message.kind },
  }));
}

/** 64 hex characters: within Service Bus's 128-character limit on `messageId`. */
export function serviceBusMessageId(message: WorkMessage): string {
  const identity =
    message.kind === 'cycle'
      ? [message.kind, message.jobId, message.cycleId, message.page]
      : // Escrow retries, re-schedules after an early delivery and approved deletes are new work, not duplicates.
        [message.kind, message.jobId, message.objectType, [...message.sourceKeys].sort(), message.cycleId, message.attempt, message.escrow?.failures ?? 0, message.notBefore ?? '', message.forceDelete === true];
  // JSON, not a `|`-joined string: keys may contain `|`, and ["a|b"] must differ from ["a", "b"].
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}

/** When a delayed send becomes visible; undefined = send now. */
export function scheduledEnqueueTime(delayInMs: number | undefined, nowInMs: number): Date | undefined {
  return delayInMs !== undefined && delayInMs > 0 ? new Date(nowInMs + Math.ceil(delayInMs)) : undefined;
}
