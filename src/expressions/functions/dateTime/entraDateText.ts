import { toCalendarFields, type DateTimeValue } from './dateTimeValue';

/**
 * How Entra renders a DateTime (reference §1.1, and the examples of CDate, DateAdd and Now in §1.2/§1.3):
 * en-US `M/d/yyyy h:mm:ss tt`, in UTC, e.g. "3/16/2020 7:00:00 AM". This text is also how dates travel
 * between functions in idbridge: DateAdd and DateDiff read it back with parseDateText, so the second is the
 * finest precision that survives a hop, exactly as in Entra's rendered results.
 */
export function renderEntraDate(value: DateTimeValue): string {
  const f = toCalendarFields(value);
  const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${f.month}/${f.day}/${String(f.year).padStart(4, '0')} ${hour12}:${pad(f.minute)}:${pad(f.second)} ${f.hour < 12 ? 'AM' : 'PM'}`;
}
