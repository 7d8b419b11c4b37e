import { handleReconcileMessage, type ReconcileMessageResult } from '../../../src/app/handleReconcileMessage';
import type { Services } from '../../../src/app/services';
import type { JsonObject } from '../../../src/domain/identityObject';
import type { JobDefinition } from '../../../src/domain/jobDefinition';
import type { ReconcileMessage } from '../../../src/domain/reconcileMessage';
import type { SendOptions, WorkQueue } from '../../../src/queue/workQueue';
import { createAzuriteServices } from '../../support/azuriteServices';
import { MemoryTargetConnector } from '../../support/fakes/memoryTargetConnector';
import { testJob } from '../../support/jobFixtures';
import { uniqueName } from '../../support/names';

export interface SentMessage {
  message: ReconcileMessage;
  delayInMs?: number;
}

/**
 * Production services on Azurite (tables, job state, counters, held deletes) with the memory target, a clock
 * the test moves, and a queue that records what the handler schedules. With `passThrough`, sends also go to the
 * real Storage queue, to show what it does with them.
 */
export async function safetyHarness(settings: Record<string, unknown> = {}, options: { passThrough?: boolean } = {}) {
  const azurite = await createAzuriteServices();
  const target = new MemoryTargetConnector();
  const sent: SentMessage[] = [];
  const clock = { now: new Date('2026-11-21T10:00:00.000Z') };
  const queue: WorkQueue = {
    send: async (messages, sendOptions?: SendOptions) => {
      for (const message of messages) {
        if (message.kind !== 'reconcile') throw new Error(`unexpected ${message.kind} message`);
        sent.push(sendOptions?.delayInMs === undefined ? { message } : { message, delayInMs: sendOptions.delayInMs });
      }
      if (options.passThrough) await azurite.queue.send(messages, sendOptions);
    },
  };
  const services: Services = { ...azurite.services, queue, connectorFor: () => target, now: () => clock.now };
  const job: JobDefinition = testJob({ id: uniqueName('job'), settings: { maxAttempts: 3, ...settings } });
  await services.jobs.upsert(job);

  return {
    services,
    azuriteQueue: azurite.queue,
    target,
    job,
    sent,
    clock,
    /** Moves the clock to `hours` after the start. */
    at(hours: number): Date {
      clock.now = new Date(Date.parse('2026-11-21T10:00:00.000Z') + hours * 3_600_000);
      return clock.now;
    },
    async stage(sourceKey: string, data: JsonObject = {}): Promise<void> {
      await services.staging.stage(job.id, 'User', [{ sourceKey, data: user(sourceKey, data) }], clock.now.toISOString());
    },
    message(sourceKeys: string[], extra: Partial<ReconcileMessage> = {}): ReconcileMessage {
      return { kind: 'reconcile', jobId: job.id, objectType: 'User', sourceKeys, cycleId: 'c1', attempt: 1, ...extra };
    },
    handle(message: ReconcileMessage): Promise<ReconcileMessageResult> {
      return handleReconcileMessage(services, message);
    },
    /** Takes (and forgets) what the handler scheduled so far. */
    takeSent(): SentMessage[] {
      return sent.splice(0, sent.length);
    },
    async logs() {
      return (await services.logs.list(job.id, { pageSize: 1000 })).entries;
    },
  };
}

export function user(id: string, extra: JsonObject = {}): JsonObject {
  return { externalId: id, userName: `user${id}@contoso.example`, active: true, name: { givenName: 'Ada', familyName: `Lovelace${id}` }, ...extra };
}
