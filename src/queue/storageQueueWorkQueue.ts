import { QueueClient } from '@azure/storage-queue';
import type { TokenCredential } from '@azure/identity';
import type { AppSettings } from '../config/appSettings';
import type { WorkMessage } from '../domain/workMessage';
import { createAzureCredential } from '../azure/azureCredential';
import { ensureOnce } from '../azure/ensureOnce';
import { toStorageError } from '../azure/toStorageError';
import type { ReceivedWork, SendOptions, WorkQueue, WorkQueueReceiver } from './workQueue';
import { mapBounded } from '../concurrency/mapBounded';

export type StorageQueueWorkQueueOptions = { queueName: string } & ({ connectionString: string } | { endpoint: string; credential: TokenCredential });

/** What the poison queue holds: the original message and why it was set aside. */
export interface PoisonMessage {
  reason: string;
  message: unknown;
  deadLetteredAt: string;
  deliveryCount: number;
}

/** Storage Queues accept one message per request; this many requests run at once. */
const SEND_CONCURRENCY = 16;
/** Receive Messages returns at most 32 per call. */
const MAX_RECEIVE = 32;
/** The longest visibility timeout the service accepts: 7 days. */
const MAX_VISIBILITY_SECONDS = 7 * 24 * 60 * 60;
/** -1 = never expire: the default of 7 days would silently drop work nobody received (DESIGN principle 5). */
const NEVER_EXPIRE = -1;

/**
 * The work queue on Azure Storage Queues: the local host's queue (Azurite), also usable in Azure.
 * Messages are plain JSON text. Dead-lettered messages go to `<queue>-poison`, the name the Functions
 * queue trigger uses, so that operators find them where they expect.
 */
export class StorageQueueWorkQueue implements WorkQueue, WorkQueueReceiver {
  readonly kind = 'storageQueue' as const;
  private readonly queue: QueueClient;
  private readonly poison: QueueClient;

  constructor(options: StorageQueueWorkQueueOptions) {
    this.queue = queueClient(options, options.queueName);
    this.poison = queueClient(options, `${options.queueName}-poison`);
  }

  static fromSettings(settings: AppSettings): StorageQueueWorkQueue {
    const queueName = settings.IDBRIDGE_RECONCILE_QUEUE;
    if (settings.IDBRIDGE_STORAGE_CONNECTION) return new StorageQueueWorkQueue({ queueName, connectionString: settings.IDBRIDGE_STORAGE_CONNECTION });
    if (!settings.IDBRIDGE_QUEUE_ENDPOINT) throw new Error('IDBRIDGE_QUEUE_ENDPOINT or IDBRIDGE_STORAGE_CONNECTION must be set for the storageQueue adapter');
    return new StorageQueueWorkQueue({ queueName, endpoint: settings.IDBRIDGE_QUEUE_ENDPOINT, credential: createAzureCredential(settings.AZURE_CLIENT_ID) });
  }

  async send(messages: readonly WorkMessage[], options: SendOptions = {}): Promise<void> {
    if (messages.length === 0) return;
    await this.ensureQueues();
    const delaySeconds = options.delayInMs && options.delayInMs > 0 ? Math.min(Math.ceil(options.delayInMs / 1000), MAX_VISIBILITY_SECONDS) : undefined;
    await mapBounded(messages, SEND_CONCURRENCY, async (message) => {
      try {
        await this.queue.sendMessage(JSON.stringify(message), { messageTimeToLive: NEVER_EXPIRE, visibilityTimeout: delaySeconds });
      } catch (error) {
        throw toStorageError(error, `send to queue ${this.queue.name}`);
      }
    });
  }

  async receive(maxMessages: number, lockInMs: number): Promise<ReceivedWork[]> {
    if (maxMessages < 1) return [];
    await this.ensureQueues();
    const visibilityTimeout = Math.min(Math.max(1, Math.ceil(lockInMs / 1000)), MAX_VISIBILITY_SECONDS);
    const items = await this.queue.receiveMessages({ numberOfMessages: Math.min(maxMessages, MAX_RECEIVE), visibilityTimeout }).then(
      (response) => response.receivedMessageItems,
      (error: unknown) => {
        throw toStorageError(error, `receive from queue ${this.queue.name}`);
      },
    );
    return items.map((item) => {
      const message = parseMessageText(item.messageText);
      // Each visibility update hands out a new pop receipt; completing needs the latest one.
      let popReceipt = item.popReceipt;
      const complete = async (): Promise<void> => {
        try {
          await this.queue.deleteMessage(item.messageId, popReceipt);
        } catch (error) {
          throw toStorageError(error, `delete message ${item.messageId} from queue ${this.queue.name}`);
        }
      };
      return {
        message,
        deliveryCount: item.dequeueCount,
        complete,
        extendLock: async (lockInMs: number): Promise<void> => {
          const seconds = Math.min(Math.max(1, Math.ceil(lockInMs / 1000)), MAX_VISIBILITY_SECONDS);
          try {
            popReceipt = (await this.queue.updateMessage(item.messageId, popReceipt, undefined, seconds)).popReceipt ?? popReceipt;
          } catch (error) {
            throw toStorageError(error, `extend the lock of message ${item.messageId} in queue ${this.queue.name}`);
          }
        },
        deadLetter: async (reason: string): Promise<void> => {
          const poison: PoisonMessage = { reason, message, deadLetteredAt: new Date().toISOString(), deliveryCount: item.dequeueCount };
          try {
            await this.poison.sendMessage(JSON.stringify(poison), { messageTimeToLive: NEVER_EXPIRE });
          } catch (error) {
            throw toStorageError(error, `send to queue ${this.poison.name}`);
          }
          // Only after the copy is safe: a crash in between leaves a duplicate, never a loss.
          await complete();
        },
      };
    });
  }

  /** For operators and tests: the poison queue's oldest messages, without taking them (at most 32). */
  async peekPoison(maxMessages = MAX_RECEIVE): Promise<PoisonMessage[]> {
    await this.ensureQueues();
    try {
      const peeked = await this.poison.peekMessages({ numberOfMessages: Math.min(Math.max(1, maxMessages), MAX_RECEIVE) });
      return peeked.peekedMessageItems.map((item) => parseMessageText(item.messageText) as PoisonMessage);
    } catch (error) {
      throw toStorageError(error, `peek queue ${this.poison.name}`);
    }
  }

  /**
   * Messages in the queue, visible or not (received and not yet completed, or delayed retries): 0 means every
   * piece of work has been done. One cheap call, unlike counting what the work produced.
   */
  async approximateMessageCount(): Promise<number> {
    await this.ensureQueues();
    try {
      return (await this.queue.getProperties()).approximateMessagesCount ?? 0;
    } catch (error) {
      throw toStorageError(error, `read the length of queue ${this.queue.name}`);
    }
  }

  /** Nothing to release: the queue client holds no connection. Present so that both adapters close alike. */
  async close(): Promise<void> {}

  private ensureQueues(): Promise<void> {
    return Promise.all([ensureQueue(this.queue), ensureQueue(this.poison)]).then(() => undefined);
  }
}

function queueClient(options: StorageQueueWorkQueueOptions, name: string): QueueClient {
  if ('connectionString' in options) return new QueueClient(options.connectionString, name);
  return new QueueClient(`${options.endpoint.replace(/\/+$/, '')}/${name}`, options.credential);
}

function ensureQueue(queue: QueueClient): Promise<void> {
  return ensureOnce(`queue:${queue.url}`, async () => {
    try {
      await queue.createIfNotExists();
    } catch (error) {
      throw toStorageError(error, `create queue ${queue.name}`);
    }
  });
}

/** Text that is not JSON is handed on as is; the poller dead-letters what it cannot read. */
function parseMessageText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
