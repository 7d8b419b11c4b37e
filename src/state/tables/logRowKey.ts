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

/** The first row key of entries older than `activityDateTime`: every entry at or after it sorts before this. */
export function logRowKeyBoundary(activityDateTime: string): string {
  const at = Date.parse(activityDateTime);
  if (Number.isNaN(at)) throw new ValidationError([{ path: 'since', message: `is not a date: ${activityDateTime}` }]);
  // '`' sorts after '_', so every key of that very millisecond is included.
  return `${String(MAX_DATE_MS - at).padStart(DIGITS, '0')}\``;
}
