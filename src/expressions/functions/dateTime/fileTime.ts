import { ExpressionEvaluationError } from '../../ExpressionEvaluationError';
import { dateTimeValue, type DateTimeValue } from './dateTimeValue';

/*
 * Active Directory's Int64 dates (accountExpires, pwdLastSet): Windows FILETIME, 100-ns ticks since
 * 1601-01-01 UTC (reference §1.2 DateFromNum/NumFromDate). Values reach 1.3e17, beyond a double's exact
 * integers, so the arithmetic is BigInt.
 */

const TICKS_PER_MS = 10_000n;
/** Milliseconds from 1601-01-01 to 1970-01-01. */
const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n;

export function fromFileTime(ticks: bigint): DateTimeValue {
  if (ticks < 0n) throw new ExpressionEvaluationError(`DateFromNum: ${ticks} is negative; a FILETIME counts from 1601-01-01`);
  const ms = ticks / TICKS_PER_MS - FILETIME_EPOCH_OFFSET_MS;
  return dateTimeValue(Number(ms), Number(ticks % TICKS_PER_MS), 'Utc');
}

export function toFileTime(value: DateTimeValue): bigint {
  const ticks = (BigInt(value.epochMs) + FILETIME_EPOCH_OFFSET_MS) * TICKS_PER_MS + BigInt(value.subMsTicks);
  if (ticks < 0n) throw new ExpressionEvaluationError('NumFromDate: dates before 1601-01-01 have no FILETIME');
  return ticks;
}
