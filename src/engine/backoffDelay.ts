/** Delay before retry number `attempt` (1-based) of a transient failure: 1 s doubling to at most 60 s. */
export function backoffDelayInMs(attempt: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempt - 1), 60000);
}
