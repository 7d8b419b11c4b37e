import { ValidationError } from '../../domain/errors';
import { encodeTableKey } from './tableKey';

/** The largest millisecond value a JavaScript Date can hold; subtracting from it inverts time order. */
const MAX_DATE_MS = 8_640_000_000_000_000;
const DIGITS = String(MAX_DATE_MS).length;

/**
 * Row keys sort ascending, and a partition query returns rows in key order; an inverted, zero-padded
 * timestamp therefore lists the newest entry first without sorting. The entry id breaks ties.
 */
export function logRowKey(activityDateTime: string, entryId: string): string {
  const at = Date.parse(activityDateTime);
  if (Number.isNaN(at)) throw new ValidationError([{ path: 'activityDateTime', message: `is not a date: ${activityDateTime}` }]);
  return `${String(MAX_DATE_MS - at).padStart(DIGITS, '0')}_${encodeTableKey(entryId)}`;
}
