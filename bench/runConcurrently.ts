/** Runs `task(0..count-1)` with at most `concurrency` in flight; returns the operations per second. */
export async function runConcurrently(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}
