import { runConcurrently } from './runConcurrently';

/** Operations per second of each side, each over its own chunks only. */
export interface InterleavedRates {
  a: number;
  b: number;
}

/**
 * Runs the same `count` operations against two servers in alternating chunks, in the order A B, B A, A B, ...,
 * each chunk at `concurrency`; returns each side's operations per second over the time of its own chunks.
 *
 * Why: on the shared development VM the machine's speed drifts by tens of percent within a minute (scimmy alone
 * measured 433-829 creates/s in one hour). Measured one after the other, a server that ran in a slow minute
 * looked slow; in alternating chunks of a few hundred operations both meet the same minutes, so their ratio
 * says more than either figure. The alternating order cancels a steady drift within each pair of chunks.
 * Each chunk ends with its last requests draining (up to `concurrency` in flight), the same for both sides.
 */
export async function runInterleaved(
  count: number,
  concurrency: number,
  chunk: number,
  a: (i: number) => Promise<void>,
  b: (i: number) => Promise<void>,
): Promise<InterleavedRates> {
  const sides = [a, b];
  const seconds = [0, 0];
  for (let start = 0, k = 0; start < count; start += chunk, k++) {
    const n = Math.min(chunk, count - start);
    for (const side of k % 2 === 0 ? [0, 1] : [1, 0]) {
      seconds[side]! += n / (await runConcurrently(n, concurrency, (i) => sides[side]!(start + i)));
    }
  }
  return { a: count / seconds[0]!, b: count / seconds[1]! };
}
