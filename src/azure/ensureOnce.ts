/**
 * Runs `create` once per key in this process (creating a table or queue costs a round trip; every call
 * after the first would be a wasted 409). A failed attempt is forgotten so that the next caller retries.
 */
const started = new Map<string, Promise<void>>();

export function ensureOnce(key: string, create: () => Promise<void>): Promise<void> {
  let pending = started.get(key);
  if (!pending) {
    pending = create().catch((error: unknown) => {
      started.delete(key);
      throw error;
    });
    started.set(key, pending);
  }
  return pending;
}
