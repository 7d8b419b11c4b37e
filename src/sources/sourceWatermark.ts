import { z } from 'zod';

/**
 * How far before the read's start the next incremental read begins. Changes are found by comparing the
 * source's meta.lastModified (the source's clock, stamped when it wrote) with the watermark (this process's
 * clock, when the read began), so the margin must cover the skew between the two clocks and writes that were
 * stamped before the read began but became visible only after their page was read. NTP keeps servers within a
 * second or so; five minutes is generous, and costs only the re-read of the last minutes' changes, which the
 * staging store absorbs (an unchanged version is no news).
 */
export const WATERMARK_SAFETY_MARGIN_MS = 5 * 60_000;

const watermarkSchema = z.strictObject({
  v: z.literal(1),
  /**
   * Read resources with meta.lastModified after this instant; null when the last full read met resources
   * without meta.lastModified, which a filter on it could never return, so every read must be full.
   */
  since: z.string().refine((text) => !Number.isNaN(Date.parse(text))).nullable(),
});

export type SourceWatermark = z.infer<typeof watermarkSchema>;

/**
 * The watermark a read ends with. Not the newest meta.lastModified seen: a page read early may have changed
 * after it was read while a page read later shows a newer stamp, so the newest stamp seen can be later than a
 * change the read missed. The read's start is earlier than every change the read did not see (each was made
 * after its page was read, so after the start); the margin handles clock skew. Whole seconds, because servers
 * that compare dateTime values as strings would misorder `…00.000Z` and `…00Z`.
 */
export function watermarkAfterRead(startedAt: string, dated: boolean): string {
  if (!dated) return JSON.stringify({ v: 1, since: null } satisfies SourceWatermark);
  const since = new Date(Date.parse(startedAt) - WATERMARK_SAFETY_MARGIN_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return JSON.stringify({ v: 1, since } satisfies SourceWatermark);
}

/** The watermark, or undefined when there is none or it cannot be read: the read is then full, which misses nothing. */
export function readSourceWatermark(text: string | undefined): SourceWatermark | undefined {
  if (text === undefined) return undefined;
  try {
    const result = watermarkSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
