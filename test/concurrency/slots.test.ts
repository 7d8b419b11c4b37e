import { Slots } from '../../src/concurrency/slots';

describe('Slots', () => {
  it('lets at most `size` holders run, serves waiters in order, and frees a slot when a holder fails', async () => {
    const slots = new Slots(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (i: number): Promise<number> =>
      slots.run(async () => {
        started.push(i);
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 2));
        running--;
        if (i === 1) throw new Error('task 1 failed');
        return i;
      });
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map(task));
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    // Every slot came back: two can be held again at once.
    await slots.acquire();
    await slots.acquire();
    slots.release();
    slots.release();
    expect(() => new Slots(0)).toThrow('positive integer');
  });
});
