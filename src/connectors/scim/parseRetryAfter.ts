/** Used when a throttling answer carries no usable Retry-After: long enough not to hammer the target. */
export const DEFAULT_RETRY_AFTER_MS = 5000;

/**
 * The wait a Retry-After header asks for (RFC 9110 §10.2.3: delay-seconds or an HTTP-date), in ms.
 * A date in the past means "now" (0); an absent or unreadable header gives `defaultMs`, because the
 * target did ask us to slow down even if it did not say how much.
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number, defaultMs: number = DEFAULT_RETRY_AFTER_MS): number {
  const value = header?.trim();
  if (!value) return defaultMs;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Date.parse also accepts things like "5.5" or "-1"; only HTTP-dates (which contain letters) are meant.
  if (!/[a-z]/i.test(value)) return defaultMs;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return defaultMs;
  return Math.max(0, at - nowMs);
}
