/** Something that can say how much work is left, like the storage-queue adapter. */
export interface CountsMessages {
  approximateMessageCount(): Promise<number>;
}

/**
 * Waits until the reconcile queue has been empty for two polls in a row (nothing visible, nothing in flight,
 * no delayed retry): then every accepted record has its log entry. Resolves false if the timeout hits first.
 * Polling the queue's length is one cheap call; counting log entries instead would read them all every time.
 */
export async function waitForQueueDrained(
  queue: CountsMessages,
  options: { timeoutInMs: number; pollInMs?: number; onProgress?: (messagesLeft: number) => void },
): Promise<boolean> {
  const deadline = Date.now() + options.timeoutInMs;
  let emptyPolls = 0;
  while (Date.now() < deadline) {
    const left = await queue.approximateMessageCount();
    options.onProgress?.(left);
    emptyPolls = left === 0 ? emptyPolls + 1 : 0;
    if (emptyPolls >= 2) return true;
    await new Promise((r) => setTimeout(r, options.pollInMs ?? 250));
  }
  return false;
}
