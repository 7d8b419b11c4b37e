import { runInterleaved } from '../../bench/runInterleaved';

describe('runInterleaved', () => {
  it('gives both sides every operation once, in alternating chunks A B, B A, A B', async () => {
    const order: string[] = [];
    const seen = { a: [] as number[], b: [] as number[] };
    const side = (name: 'a' | 'b') => async (i: number) => {
      if (order[order.length - 1] !== name) order.push(name);
      seen[name].push(i);
      await new Promise((resolve) => setImmediate(resolve));
    };
    const rates = await runInterleaved(25, 4, 10, side('a'), side('b'));
    expect(order).toEqual(['a', 'b', 'a', 'b']); // A B | B A | A B, adjacent turns of one side merged
    expect(seen.a.sort((x, y) => x - y)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(seen.b.sort((x, y) => x - y)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(rates.a).toBeGreaterThan(0);
    expect(rates.b).toBeGreaterThan(0);
  });

  it('times each side over its own chunks only', async () => {
    const wait = (ms: number) => () => new Promise<void>((resolve) => setTimeout(resolve, ms));
    // 20 operations, 5 at a time, in chunks of 10: A spends ~4 x 2 ms, B ~4 x 40 ms (20x; timers on a loaded
    // machine fire late, hence the wide margin).
    const rates = await runInterleaved(20, 5, 10, wait(2), wait(40));
    expect(rates.a / rates.b).toBeGreaterThan(2);
  });
});
