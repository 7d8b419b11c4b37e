import type { WorkQueueReceiver } from '../queue/workQueue';

export interface QueuePollerOptions {
  receiver: WorkQueueReceiver;
  handle(message: unknown): Promise<void>;
  /** Messages handled at once. */
  maxInFlight: number;
  /** How long a received message stays invisible to other pollers; a crash makes it reappear after this. */
  lockInMs: number;
  /** After this many failed deliveries a message goes to the poison queue (Service Bus's default is 10). */
  maxDeliveryCount: number;
  log(line: string): void;
}

export interface RunningPoller {
  /** Stops receiving and waits for the messages in hand to finish. */
  stop(): Promise<void>;
  /** Messages completed so far (for tests and the demo's progress). */
  readonly completed: number;
}

/**
 * The local host's stand-in for the Functions runtime's queue trigger: receive, call the same handler,
 * complete on success; on failure leave the message to reappear after its lock, and dead-letter it once
 * it has failed maxDeliveryCount times.
 */
export function startQueuePoller(options: QueuePollerOptions): RunningPoller {
  let stopped = false;
  let completed = 0;
  let inFlight = 0;
  const running = new Set<Promise<void>>();
  let wake: (() => void) | undefined;

  const handleOne = async (work: Awaited<ReturnType<WorkQueueReceiver['receive']>>[number]): Promise<void> => {
    // Renew the lock at half its length while the handler runs, as the Functions runtime renews Service Bus
    // locks: a slow target must not make the message reappear and run twice at once. One renewal at a time, and
    // none in flight once the handler is done: Storage Queues hand out a new pop receipt with every renewal, so
    // a renewal that lands after (or beside) another request of this message makes that request's receipt stale.
    let renewing: Promise<void> | undefined;
    const renewal = setInterval(() => {
      if (renewing) return;
      renewing = work
        .extendLock(options.lockInMs)
        .catch((e: unknown) => options.log(`extending a message lock failed: ${e instanceof Error ? e.message : String(e)}`))
        .finally(() => {
          renewing = undefined;
        });
    }, options.lockInMs / 2);
    let failure: { error: unknown } | undefined;
    try {
      await options.handle(work.message);
    } catch (error) {
      failure = { error };
    }
    clearInterval(renewal);
    await renewing;
    if (!failure) {
      try {
        await work.complete();
        completed++;
      } catch (error) {
        // The work is done; only the queue's copy is left (its lock was lost, most likely: another delivery has
        // it now). That delivery runs the handler again, which is idempotent. Not a failure of the message: it
        // must not count towards dead-lettering work that succeeded.
        options.log(`completing a handled message failed, it will be delivered again: ${error instanceof Error ? error.message : String(error)}`);
      }
      return;
    }
    const error = failure.error;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (work.deliveryCount >= options.maxDeliveryCount) {
      options.log(`message dead-lettered after ${work.deliveryCount} deliveries: ${reason}`);
      await work.deadLetter(reason).catch((e: unknown) => options.log(`dead-lettering failed: ${String(e)}`));
    } else {
      options.log(`message failed (delivery ${work.deliveryCount}), will be redelivered: ${reason}`);
    }
  };

  const loop = async (): Promise<void> => {
    let idleDelay = 20;
    while (!stopped) {
      const capacity = options.maxInFlight - inFlight;
      if (capacity <= 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      let batch: Awaited<ReturnType<WorkQueueReceiver['receive']>> = [];
      try {
        batch = await options.receiver.receive(capacity, options.lockInMs);
      } catch (error) {
        options.log(`receiving failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (batch.length === 0) {
        // Back off while idle, but stay quick to pick up the next upload (changes in seconds, not minutes).
        await new Promise((r) => setTimeout(r, idleDelay));
        idleDelay = Math.min(idleDelay * 2, 250);
        continue;
      }
      idleDelay = 20;
      for (const work of batch) {
        inFlight++;
        const task = handleOne(work).finally(() => {
          inFlight--;
          running.delete(task);
          wake?.();
          wake = undefined;
        });
        running.add(task);
      }
    }
  };
  const loopDone = loop();

  return {
    get completed() {
      return completed;
    },
    async stop() {
      stopped = true;
      wake?.();
      await loopDone;
      await Promise.all([...running]);
    },
  };
}
