import { ExpressionEvaluationError } from '../../ExpressionEvaluationError';
import { dateTimeValue, daysInMonth, epochMsOf, toCalendarFields, type DateTimeValue } from './dateTimeValue';

/**
 * The interval codes of DateAdd and DateDiff. Entra documents yyyy, m, d, ww, h, n, s (reference §1.2);
 * q (quarter), y (day of year) and w (weekday) are the rest of VB's DateAdd/DateDiff codes, which Entra's
 * functions are modelled on, and are accepted with VB's meaning. Codes are matched ignoring case, as VB does.
 */
export type DateInterval = 'yyyy' | 'q' | 'm' | 'y' | 'd' | 'w' | 'ww' | 'h' | 'n' | 's';

const INTERVALS: readonly DateInterval[] = ['yyyy', 'q', 'm', 'y', 'd', 'w', 'ww', 'h', 'n', 's'];
const MS = { d: 86_400_000, h: 3_600_000, n: 60_000, s: 1_000 } as const;

export function toDateInterval(text: string | null, functionName: string): DateInterval {
  const found = INTERVALS.find((i) => i === text?.trim().toLowerCase());
  if (!found) throw new ExpressionEvaluationError(`${functionName}: unknown interval '${text ?? 'NULL'}'; use one of yyyy, m, d, ww, h, n, s (or q, y, w)`);
  return found;
}

/** DateAdd: calendar-correct for months and years (Jan 31 + 1 month = Feb 28 or 29, as .NET AddMonths). */
export function addInterval(value: DateTimeValue, interval: DateInterval, amount: number): DateTimeValue {
  switch (interval) {
    case 'yyyy':
      return addMonths(value, amount * 12);
    case 'q':
      return addMonths(value, amount * 3);
    case 'm':
      return addMonths(value, amount);
    case 'y':
    case 'd':
    case 'w':
      return dateTimeValue(value.epochMs + amount * MS.d, value.subMsTicks, value.kind);
    case 'ww':
      return dateTimeValue(value.epochMs + amount * 7 * MS.d, value.subMsTicks, value.kind);
    default:
      return dateTimeValue(value.epochMs + amount * MS[interval], value.subMsTicks, value.kind);
  }
}

function addMonths(value: DateTimeValue, months: number): DateTimeValue {
  const f = toCalendarFields(value);
  const index = f.year * 12 + (f.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(f.day, daysInMonth(year, month));
  const ms = epochMsOf({ ...f, year, month, day }, Math.floor(f.fractionTicks / 10_000));
  return dateTimeValue(ms, value.subMsTicks, value.kind);
}

/**
 * DateDiff: date2 − date1 with VB's DateDiff semantics, which reproduce every row of reference §1.3
 * (unverified there, but the table fits only these rules):
 * - d, y, h, n, s: the elapsed time in whole units, truncated toward zero (-3449 days, not -3450, for a
 *   span of 3449 days and 10 hours backwards);
 * - w: whole days \ 7;
 * - ww: Sunday boundaries crossed (each date moved back to its week's Sunday, then days / 7): -493 where
 *   whole weeks would give -492;
 * - m, q, yyyy: calendar boundaries crossed (year*12 + month differences), ignoring the day: -113 months.
 */
export function diffInterval(interval: DateInterval, date1: DateTimeValue, date2: DateTimeValue): number {
  const elapsedMs = date2.epochMs - date1.epochMs + (date2.subMsTicks - date1.subMsTicks) / 10_000;
  const a = toCalendarFields(date1);
  const b = toCalendarFields(date2);
  switch (interval) {
    case 'yyyy':
      return b.year - a.year;
    case 'q':
      return (b.year - a.year) * 4 + Math.floor((b.month - 1) / 3) - Math.floor((a.month - 1) / 3);
    case 'm':
      return (b.year - a.year) * 12 + b.month - a.month;
    case 'ww':
      return Math.trunc((weekStartDay(date2) - weekStartDay(date1)) / 7) + 0;
    case 'w':
      return Math.trunc(Math.trunc(elapsedMs / MS.d) / 7) + 0;
    case 'y':
    case 'd':
      return Math.trunc(elapsedMs / MS.d) + 0;
    default:
      return Math.trunc(elapsedMs / MS[interval]) + 0;
  }
}

/** The day number (days since the epoch) of the Sunday that starts the date's week (VB's default vbSunday). */
function weekStartDay(value: DateTimeValue): number {
  const day = Math.floor(value.epochMs / MS.d);
  return day - new Date(day * MS.d).getUTCDay();
}
