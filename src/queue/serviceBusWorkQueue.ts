import { ServiceBusClient, type ServiceBusMessage, type ServiceBusSender } from '@azure/service-bus';
import type { TokenCredential } from '@azure/identity';
import type { AppSettings } from '../config/appSettings';
import { PermanentError } from '../domain/errors';
import type { WorkMessage } from '../domain/workMessage';
import { createAzureCredential } from '../azure/azureCredential';
import type { SendOptions, WorkQueue } from './workQueue';
import { buildServiceBusMessages, scheduledEnqueueTime } from './buildServiceBusMessages';
import { toServiceBusError } from './toServiceBusError';

export type ServiceBusWorkQueueOptions = { queueName: string } & (
  | { connectionString: string }
  | { fullyQualifiedNamespace: string; credential: TokenCredential }
);

/** Scheduling is one management request per call; keep each well below the 256 KB Standard-tier limit. */
const MAX_SCHEDULE_BYTES = 192 * 1024;
const MAX_SCHEDULE_MESSAGES = 100;

/**
 * The work queue on Service Bus (Azure). Only the sending side: in Azure the Functions runtime receives and
 * settles (maxDeliveryCount → dead-letter queue). Kept thin because no Service Bus is reachable in tests;
 * what can go wrong in message building is in `buildServiceBusMessages`, which is tested.
 */
export class ServiceBusWorkQueue implements WorkQueue {
  readonly kind = 'serviceBus' as const;
  private readonly client: ServiceBusClient;
  private readonly sender: ServiceBusSender;

  constructor(options: ServiceBusWorkQueueOptions) {
    this.client =
      'connectionString' in options ? new ServiceBusClient(options.connectionString) : new ServiceBusClient(options.fullyQualifiedNamespace, options.credential);
    this.sender = this.client.createSender(options.queueName);
  }

  static fromSettings(settings: AppSettings): ServiceBusWorkQueue {
    const fullyQualifiedNamespace = settings.SERVICEBUS_CONNECTION__fullyQualifiedNamespace;
    if (!fullyQualifiedNamespace) throw new Error('SERVICEBUS_CONNECTION__fullyQualifiedNamespace must be set for the serviceBus adapter');
    return new ServiceBusWorkQueue({ queueName: settings.IDBRIDGE_RECONCILE_QUEUE, fullyQualifiedNamespace, credential: createAzureCredential(settings.AZURE_CLIENT_ID) });
  }

  async send(messages: readonly WorkMessage[], options: SendOptions = {}): Promise<void> {
    if (messages.length === 0) return;
    const built = buildServiceBusMessages(messages);
    const at = scheduledEnqueueTime(options.delayInMs, Date.now());
    try {
      if (at) {
        for (const chunk of scheduleChunks(built)) await this.sender.scheduleMessages(chunk, at);
      } else {
        await this.sendInBatches(built);
      }
    } catch (error) {
      throw toServiceBusError(error, `send ${messages.length} messages to Service Bus`);
    }
  }

  async close(): Promise<void> {
    await this.sender.close();
    await this.client.close();
  }

  private async sendInBatches(messages: readonly ServiceBusMessage[]): Promise<void> {
    let batch = await this.sender.createMessageBatch();
    for (const message of messages) {
      if (batch.tryAddMessage(message)) continue;
      if (batch.count === 0) throw new PermanentError(`message ${message.messageId} is larger than a Service Bus batch allows`, { code: 'MessageTooLarge' });
      await this.sender.sendMessages(batch);
      batch = await this.sender.createMessageBatch();
      if (!batch.tryAddMessage(message)) throw new PermanentError(`message ${message.messageId} is larger than a Service Bus batch allows`, { code: 'MessageTooLarge' });
    }
    if (batch.count > 0) await this.sender.sendMessages(batch);
  }
}

function scheduleChunks(messages: readonly ServiceBusMessage[]): ServiceBusMessage[][] {
  const chunks: ServiceBusMessage[][] = [];
  let current: ServiceBusMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = Buffer.byteLength(JSON.stringify(message.body), 'utf8') + 512; // 512: id, properties, AMQP framing
    if (current.length > 0 && (current.length === MAX_SCHEDULE_MESSAGES || bytes + size > MAX_SCHEDULE_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
