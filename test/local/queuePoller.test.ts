import { startQueuePoller } from '../../src/local/queuePoller';
import type { ReceivedWork, WorkQueueReceiver } from '../../src/queue/workQueue';

/**
 * A received message with Storage Queue pop receipts: every renewal gives the message a new receipt on the
 * server at once, and the poller learns it only when the renewal's answer arrives (`answerRenewal`); a request
 * made with any other receipt fails, as Storage answers 400 "pop receipt did not match".
 */
function receiptedWork(deliveryCount: number): { work: ReceivedWork; calls: string[]; renewalSent: Promise<void>; answerRenewal(): void } {
  let onServer = 1;
  let held = 1;
  const calls: string[] = [];
  let renewalSent!: () => void;
  const sent = new Promise<void>((resolve) => (renewalSent = resolve));
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  const check = (what: string): void => {
    calls.push(what);
    if (held !== onServer) throw new Error(`${what}: the specified pop receipt did not match`);
  };
  return {
    calls,
    renewalSent: sent,
    answerRenewal: () => answer(),
    work: {
      message: { kind: 'test' },
      deliveryCount,
      extendLock: async () => {
        check('extendLock');
        onServer += 1;
        renewalSent();
        await answered;
        held = onServer;
      },
      complete: async () => check('complete'),
      deadLetter: async () => {
        calls.push('deadLetter');
      },
    },
  };
}

function receiverOf(work: ReceivedWork): WorkQueueReceiver {
  let given = false;
  return {
    receive: async () => {
      if (given) return [];
      given = true;
      return [work];
    },
  };
}

describe('startQueuePoller', () => {
  it('completes a message only after the renewal in flight has answered, with the receipt it gave', async () => {
    const { work, calls, renewalSent, answerRenewal } = receiptedWork(1);
    const log: string[] = [];
    let handled!: () => void;
    const done = new Promise<void>((resolve) => (handled = resolve));
    const poller = startQueuePoller({
      receiver: receiverOf(work),
      handle: async () => {
        // The handler ends while a renewal is on its way: its answer comes only after the handler returned.
        await renewalSent;
        setImmediate(answerRenewal);
        handled();
      },
      maxInFlight: 1,
      lockInMs: 20,
      maxDeliveryCount: 10,
      log: (line) => log.push(line),
    });
    await done;
    await poller.stop();
    expect(calls).toEqual(['extendLock', 'complete']);
    expect(log).toEqual([]);
    expect(poller.completed).toBe(1);
  });

  it('does not dead-letter a message whose handler succeeded when completing it fails', async () => {
    const { work, calls } = receiptedWork(10);
    work.complete = async () => {
      calls.push('complete');
      throw new Error('the specified pop receipt did not match');
    };
    const log: string[] = [];
    const poller = startQueuePoller({ receiver: receiverOf(work), handle: async () => {}, maxInFlight: 1, lockInMs: 60_000, maxDeliveryCount: 10, log: (line) => log.push(line) });
    while (!calls.includes('complete')) await new Promise((resolve) => setImmediate(resolve));
    await poller.stop();
    expect(calls).toEqual(['complete']);
    expect(log).toEqual([expect.stringContaining('completing a handled message failed, it will be delivered again')]);
    expect(poller.completed).toBe(0);
  });

  it('dead-letters a message whose handler failed on its last delivery', async () => {
    const { work, calls } = receiptedWork(10);
    const log: string[] = [];
    const poller = startQueuePoller({
      receiver: receiverOf(work),
      handle: async () => {
        throw new Error('bad message');
      },
      maxInFlight: 1,
      lockInMs: 60_000,
      maxDeliveryCount: 10,
      log: (line) => log.push(line),
    });
    while (!calls.includes('deadLetter')) await new Promise((resolve) => setImmediate(resolve));
    await poller.stop();
    expect(log).toEqual(['message dead-lettered after 10 deliveries: Error: bad message']);
  });
});
