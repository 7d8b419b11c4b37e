import type { ProvisioningLogStore } from '../state/provisioningLogStore';

/**
 * Polls until a job has at least `expected` log entries, reporting progress; resolves with the count reached
 * (which is below `expected` only if the timeout hit first).
 */
export async function waitForLogs(
  logs: ProvisioningLogStore,
  jobId: string,
  expected: number,
  options: { timeoutInMs: number; onProgress?: (count: number) => void; pollInMs?: number },
): Promise<number> {
  const deadline = Date.now() + options.timeoutInMs;
  let count = await logs.count(jobId);
  while (count < expected && Date.now() < deadline) {
    options.onProgress?.(count);
    await new Promise((r) => setTimeout(r, options.pollInMs ?? 250));
    count = await logs.count(jobId);
  }
  options.onProgress?.(count);
  return count;
}
