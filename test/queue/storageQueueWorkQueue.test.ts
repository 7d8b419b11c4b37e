import type { ReconcileMessage } from '../../src/domain/reconcileMessage';
import { StorageQueueWorkQueue } from '../../src/queue/storageQueueWorkQueue';
import type { ReceivedWork } from '../../src/queue/workQueue';
import { testStorageConnection, uniqueName } from '../support/names';

function message(n: number, extra: Partial<ReconcileMessage> = {}): ReconcileMessage {
  return { kind: 'reconcile', jobId: 'job1', objectType: 'User', sourceKeys: [`k${n}`], cycleId: 'c1', attempt: 1, ...extra };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Receives until `count` messages arrived or the time is up (Receive returns at most 32 at once). */
async function receiveAll(queue: StorageQueueWorkQueue, count: number, lockInMs = 30_000, timeoutInMs = 5000): Promise<ReceivedWork[]> {
  const all: ReceivedWork[] = [];
  const deadline = Date.now() + timeoutInMs;
  while (all.length < count && Date.now() < deadline) {
    const batch = await queue.receive(count - all.length, lockInMs);
    all.push(...batch);
    if (batch.length === 0) await sleep(100);
  }
  return all;
}

describe('StorageQueueWorkQueue (Azurite)', () => {
  const newQueue = () => new StorageQueueWorkQueue({ connectionString: testStorageConnection(), queueName: uniqueName('q') });

  it('extends a lock so a slow handler keeps its message, and completes with the renewed receipt', async () => {
    const queue = newQueue();
    await queue.send([message(1)]);
    const [work] = await receiveAll(queue, 1, 1000);
    await work!.extendLock(4000);
    await new Promise((r) => setTimeout(r, 1600)); // past the first lock
    expect(await queue.receive(1, 1000)).toHaveLength(0);
    await work!.complete();
    expect(await queue.approximateMessageCount()).toBe(0);
  });

  it('sends, receives and completes', async () => {
    const queue = newQueue();
    const sent = Array.from({ length: 40 }, (_, i) => message(i, { sourceKeys: [`k${i}`, 'we/ird#?<&>"'] }));
    await queue.send(sent);
    const received = await receiveAll(queue, 40);
    expect(received.map((w) => w.message)).toEqual(expect.arrayContaining(sent));
    expect(received).toHaveLength(40);
    expect(received.every((w) => w.deliveryCount === 1)).toBe(true);
    await Promise.all(received.map((w) => w.complete()));
    expect(await queue.receive(32, 1000)).toEqual([]);
  });

  it('receives no more than asked, and at most 32 at once', async () => {
    const queue = newQueue();
    await queue.send(Array.from({ length: 40 }, (_, i) => message(i)));
    expect(await queue.receive(3, 30_000)).toHaveLength(3);
    expect((await queue.receive(100, 30_000)).length).toBeLessThanOrEqual(32);
    expect(await queue.receive(0, 30_000)).toEqual([]);
  });

  it('keeps a delayed message invisible until its delay has passed', async () => {
    const queue = newQueue();
    const sentAt = Date.now();
    await queue.send([message(1)], { delayInMs: 1500 }); // rounded up to whole seconds: never earlier than asked
    expect(await queue.receive(1, 1000)).toEqual([]);
    const [work] = await receiveAll(queue, 1, 30_000, 5000);
    expect(work?.message).toEqual(message(1));
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(1500);
  });

  it('redelivers a message that was not completed, with a higher delivery count', async () => {
    const queue = newQueue();
    await queue.send([message(1)]);
    const [first] = await queue.receive(1, 1000);
    expect(first?.deliveryCount).toBe(1);
    expect(await queue.receive(1, 1000)).toEqual([]); // locked
    await sleep(1300);
    const [second] = await receiveAll(queue, 1, 30_000);
    expect(second?.deliveryCount).toBe(2);
    expect(second?.message).toEqual(message(1));
    // The first receiver's lock has expired: completing with its stale receipt must not delete the redelivered message silently.
    await expect(first!.complete()).rejects.toThrow();
    await second!.complete();
  });

  it('dead-letters to the poison queue with the reason and removes the message', async () => {
    const queue = newQueue();
    await queue.send([message(7)]);
    const [work] = await queue.receive(1, 30_000);
    await work!.deadLetter('job job1 does not exist');
    const poison = await queue.peekPoison();
    expect(poison).toEqual([{ reason: 'job job1 does not exist', message: message(7), deadLetteredAt: expect.any(String), deliveryCount: 1 }]);
    expect(Number.isNaN(Date.parse(poison[0]!.deadLetteredAt))).toBe(false);
    expect(await queue.receive(1, 1000)).toEqual([]);
  });
});
