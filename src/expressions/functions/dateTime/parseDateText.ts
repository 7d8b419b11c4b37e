import { monthFromName } from './calendarNames';
import { daysInMonth, fromCalendarFields, type DateTimeValue } from './dateTimeValue';

/**
 * The lenient parse behind CDate (reference §1.2: "any .NET-parsable form"), in the en-US culture Entra
 * renders with. Accepted, with an optional leading weekday name:
 *   dates  yyyy-M-d (also / or .), M/d/yyyy (also - or ., yy years), d MMM yyyy, MMM d, yyyy
 *   times  after 'T' or white space: H:mm[:ss[.fffffff]] with optional AM/PM, or "5 PM"
 *   zones  Z, GMT, UTC, ±hh:mm, ±hhmm or (after a time) ±hh; a date may carry an offset on its own
 *          ("2020-03-16-07:00" is midnight at -07:00, i.e. 7:00 AM UTC, as CDate's example shows)
 * Without a zone the text is taken as UTC: .NET treats it as local time, and Entra's local time is UTC.
 * Returns undefined when the text is not a date.
 */
export function parseDateText(text: string): DateTimeValue | undefined {
  const zone = splitZone(text.trim());
  if (!zone) return undefined;
  const time = splitTime(zone.rest);
  if (!time) return undefined;
  // A leading day name ("Wednesday, August 25, 2021") says nothing the date does not.
  const date = parseDatePart(time.rest.replace(/^(sun|mon|tue|wed|thu|fri|sat)[a-z]*\.?,?\s+/i, ''));
  if (!date) return undefined;
  const fields = { ...date, ...time.fields };
  if (fields.month < 1 || fields.month > 12 || fields.day < 1 || fields.day > daysInMonth(fields.year, fields.month)) return undefined;
  if (fields.year < 1 || fields.hour > 23 || fields.minute > 59 || fields.second > 59) return undefined;
  return fromCalendarFields(fields, zone.offsetMinutes === undefined ? 'Unspecified' : 'Utc', zone.offsetMinutes ?? 0);
}

interface Split<T> {
  rest: string;
  fields: T;
}

function splitZone(text: string): { rest: string; offsetMinutes: number | undefined } | undefined {
  const named = /\s*(Z|GMT|UTC)$/i.exec(text);
  if (named) return { rest: text.slice(0, named.index), offsetMinutes: 0 };
  // ±hh:mm anywhere it ends the text; ±hhmm and ±hh only after a time, so "2021-08-24" keeps its day.
  const offset = /\s*([+-])(\d{1,2}):(\d{2})$/.exec(text) ?? /(?<=\d:\d\d(?::\d\d(?:\.\d+)?)?)\s*([+-])(\d{2})(\d{2})?$/.exec(text);
  if (!offset) return { rest: text, offsetMinutes: undefined };
  const hours = Number(offset[2]);
  const minutes = Number(offset[3] ?? 0);
  if (hours > 14 || minutes > 59) return undefined;
  return { rest: text.slice(0, offset.index), offsetMinutes: (offset[1] === '-' ? -1 : 1) * (hours * 60 + minutes) };
}

type TimeFields = { hour: number; minute: number; second: number; fractionTicks: number };

function splitTime(text: string): Split<TimeFields> | undefined {
  const midnight = { hour: 0, minute: 0, second: 0, fractionTicks: 0 };
  const clock = /(^|[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7}))?)?(?:\s*([AaPp])\.?[Mm]\.?)?$/.exec(text);
  const hourOnly = clock ? null : /(^|\s+)(\d{1,2})\s*([AaPp])\.?[Mm]\.?$/.exec(text);
  if (!clock && !hourOnly) return { rest: text, fields: midnight };
  const hour = Number(clock ? clock[2] : hourOnly?.[2]);
  const meridiem = (clock ? clock[6] : hourOnly?.[3])?.toUpperCase();
  if (meridiem !== undefined && (hour < 1 || hour > 12)) return undefined;
  const fraction = clock?.[5] ?? '';
  return {
    rest: text.slice(0, (clock ?? hourOnly)?.index ?? 0),
    fields: {
      hour: meridiem === undefined ? hour : (hour % 12) + (meridiem === 'P' ? 12 : 0),
      minute: Number(clock?.[3] ?? 0),
      second: Number(clock?.[4] ?? 0),
      fractionTicks: fraction === '' ? 0 : Number(fraction.padEnd(7, '0')),
    },
  };
}

function parseDatePart(text: string): { year: number; month: number; day: number } | undefined {
  const t = text.trim().replace(/,$/, '');
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/.exec(t);
  if (m) return { year: fourDigitYear(m[3] ?? ''), month: Number(m[1]), day: Number(m[2]) };
  m = /^(\d{1,2})[\s-]+([A-Za-z]+)\.?,?[\s-]+(\d{4})$/.exec(t);
  if (m) return named(m[3], m[2], m[1]);
  m = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(t);
  if (m) return named(m[3], m[1], m[2]);
  return undefined;
}

function named(year = '', monthName = '', day = ''): { year: number; month: number; day: number } | undefined {
  const month = monthFromName(monthName);
  return month === undefined ? undefined : { year: Number(year), month, day: Number(day) };
}

/** .NET's two-digit-year window (Calendar.TwoDigitYearMax 2049): 00..49 → 20xx, 50..99 → 19xx. */
export function fourDigitYear(digits: string): number {
  const n = Number(digits);
  if (digits.length > 2) return n;
  return n <= 49 ? 2000 + n : 1900 + n;
}
