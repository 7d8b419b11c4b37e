import { waitForQueueDrained } from '../../src/local/waitForQueueDrained';

describe('waitForQueueDrained', () => {
  it('resolves true only after the queue reads empty twice in a row', async () => {
    const lengths = [3, 0, 2, 0, 0, 5];
    const seen: number[] = [];
    const drained = await waitForQueueDrained({ approximateMessageCount: async () => lengths.shift() ?? 0 }, { timeoutInMs: 5000, pollInMs: 1, onProgress: (n) => seen.push(n) });
    expect(drained).toBe(true);
    expect(seen).toEqual([3, 0, 2, 0, 0]);
  });

  it('resolves false when the queue never drains', async () => {
    expect(await waitForQueueDrained({ approximateMessageCount: async () => 1 }, { timeoutInMs: 30, pollInMs: 5 })).toBe(false);
  });
});
