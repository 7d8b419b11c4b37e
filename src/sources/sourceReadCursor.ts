import { z } from 'zod';
import { PermanentError } from '../domain/errors';

const isoInstant = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'must be an ISO 8601 instant');

/**
 * Where a paged read of a pull source stands. The cycle stores it between pages (JobState.cycle.cursor), and the
 * next page may be read by another process, so everything the read decided on its first page travels in it:
 * whether it filters by change, since when, when it began (the next watermark), and whether every resource so
 * far carried meta.lastModified.
 */
const sourceReadCursorSchema = z.strictObject({
  v: z.literal(1),
  /** 'changes': filtered on meta.lastModified > since; 'full': every resource. */
  read: z.enum(['full', 'changes']),
  since: isoInstant.optional(),
  /** This process's clock when the read began: the base of the watermark the read ends with. */
  startedAt: isoInstant,
  objectType: z.enum(['User', 'Group']),
  /** 1-based (RFC 7644 §3.4.2.4). */
  startIndex: z.number().int().min(1),
  /** The first id of the previous page of this type: a source that ignores startIndex sends it again. */
  previousFirstId: z.string().optional(),
  /** How many resources this page starts before the previous one ended (finishSourcePage); absent on a type's first page. */
  overlap: z.number().int().min(0).optional(),
  /** Every resource read so far had a readable meta.lastModified, so filtering on it can see every change. */
  dated: z.boolean(),
});

export type SourceReadCursor = z.infer<typeof sourceReadCursorSchema>;

export function encodeSourceReadCursor(cursor: SourceReadCursor): string {
  return JSON.stringify(cursor);
}

/**
 * A cursor this code wrote. Anything else means the job's stored cycle state is damaged; reading from the start
 * instead could silently loop, so the cycle fails with a reason and an operator restarts it.
 */
export function decodeSourceReadCursor(text: string): SourceReadCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const result = sourceReadCursorSchema.safeParse(parsed);
  if (!result.success) throw new PermanentError('The source read cursor saved with the cycle is not one this version wrote; restart the job to read the source from the beginning', { code: 'SourceCursorInvalid' });
  return result.data;
}
