import { ExpressionEvaluationError } from '../../ExpressionEvaluationError';

/**
 * .NET's DateTimeKind. idbridge has no local time zone (Entra's hosts run on UTC, reference §1.1: "CDate,
 * DateAdd and Now yield UTC values"), so Local and Unspecified name the same instant as Utc; the kind only
 * changes what the `K` format specifier prints.
 */
export type DateTimeKind = 'Utc' | 'Local' | 'Unspecified';

/** A .NET DateTime: an instant at 100-ns precision (7 fraction digits, which a JS Date cannot hold alone). */
export interface DateTimeValue {
  /** Whole milliseconds since 1970-01-01T00:00:00Z. */
  readonly epochMs: number;
  /** 100-ns ticks below the millisecond, 0..9999. */
  readonly subMsTicks: number;
  readonly kind: DateTimeKind;
}

/** The calendar fields of a DateTimeValue, read in UTC. */
export interface CalendarFields {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 100-ns ticks within the second, 0..9_999_999. */
  fractionTicks: number;
}

// DateTime.MinValue and MaxValue: .NET cannot hold dates outside years 1..9999.
const MIN_EPOCH_MS = -62_135_596_800_000;
const MAX_EPOCH_MS = 253_402_300_799_999;

export function dateTimeValue(epochMs: number, subMsTicks: number, kind: DateTimeKind): DateTimeValue {
  if (!Number.isFinite(epochMs) || epochMs < MIN_EPOCH_MS || epochMs > MAX_EPOCH_MS) {
    throw new ExpressionEvaluationError('the date is outside the range a .NET DateTime can hold (years 1 to 9999)');
  }
  return { epochMs, subMsTicks, kind };
}

export function toCalendarFields(value: DateTimeValue): CalendarFields {
  const date = new Date(value.epochMs);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    fractionTicks: date.getUTCMilliseconds() * 10_000 + value.subMsTicks,
  };
}

/** Milliseconds since the epoch of UTC calendar fields; unlike Date.UTC, years 0..99 are not moved to 19xx. */
export function epochMsOf(fields: Omit<CalendarFields, 'fractionTicks'>, milliseconds = 0): number {
  const date = new Date(Date.UTC(2000, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, milliseconds));
  date.setUTCFullYear(fields.year);
  return date.getTime();
}

export function fromCalendarFields(fields: CalendarFields, kind: DateTimeKind, offsetMinutes = 0): DateTimeValue {
  const ms = epochMsOf(fields, Math.floor(fields.fractionTicks / 10_000)) - offsetMinutes * 60_000;
  return dateTimeValue(ms, fields.fractionTicks % 10_000, kind);
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
