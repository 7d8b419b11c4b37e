import type { WorkMessage } from '../domain/workMessage';

export interface SendOptions {
  /** Deliver no earlier than this many ms from now (scheduled message / visibility timeout). */
  delayInMs?: number;
}

/** Where entry points put work. Adapters: Service Bus (Azure) and Azure Storage Queues (local host, Azurite). */
export interface WorkQueue {
  /** Resolves only once every message is durably accepted by the queue. */
  send(messages: readonly WorkMessage[], options?: SendOptions): Promise<void>;
}

/** A message taken from the queue by a poller, locked until completed or its lock expires. */
export interface ReceivedWork {
  message: unknown;
  /** 1 on first delivery. */
  deliveryCount: number;
  complete(): Promise<void>;
  /** Keeps the message invisible for another `lockInMs` while a long handler is still working on it. */
  extendLock(lockInMs: number): Promise<void>;
  /** Moves the message to the poison (dead-letter) queue with a reason an operator can read. */
  deadLetter(reason: string): Promise<void>;
}

/** The receiving side, used by the local host's poller (in Azure the Functions runtime receives). */
export interface WorkQueueReceiver {
  receive(maxMessages: number, lockInMs: number): Promise<ReceivedWork[]>;
}
