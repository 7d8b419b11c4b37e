import type { ProvisioningLogStore } from '../state/provisioningLogStore';

/**
 * Polls until a job has at least `expected` log entries written at or after `since`, reporting progress;
 * resolves with the count reached (below `expected` only if the timeout hit first).
 */
export async function waitForLogs(
  logs: ProvisioningLogStore,
  jobId: string,
  expected: number,
  options: { since: string; timeoutInMs: number; onProgress?: (count: number) => void; pollInMs?: number },
): Promise<number> {
  const deadline = Date.now() + options.timeoutInMs;
  let count = await logs.count(jobId, options.since);
  while (count < expected && Date.now() < deadline) {
    options.onProgress?.(count);
    await new Promise((r) => setTimeout(r, options.pollInMs ?? 500));
    count = await logs.count(jobId, options.since);
  }
  options.onProgress?.(count);
  return count;
}
