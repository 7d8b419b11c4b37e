import { DAY_NAMES, MONTH_NAMES, abbreviation } from './calendarNames';
import type { DateTimeStyles } from './dateTimeStyles';
import { daysInMonth, fromCalendarFields, toCalendarFields, dateTimeValue, type DateTimeKind, type DateTimeValue } from './dateTimeValue';
import { formatError, tokenizeFormat, type FormatToken } from './dotnetFormatTokens';
import { fourDigitYear } from './parseDateText';

interface Parsed {
  year?: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  fractionTicks?: number;
  pm?: boolean;
  dayOfWeek?: number;
  offsetMinutes?: number;
  /** A 'Z' (K specifier, or a literal Z/GMT) said the text is UTC. */
  zulu?: boolean;
}

/**
 * .NET DateTime.ParseExact in the invariant/en-US culture with a machine zone of UTC. Digits: a single
 * letter reads 1–2 digits, a repeated one exactly that many (yyyy = 4, yy = 2 with the 2049 window); f…
 * reads exactly n fraction digits, F… up to n. Missing date parts follow .NET: no date at all → today
 * (from env.now) or 1/1/0001 with NoCurrentDateDefault; otherwise missing month/day → 1.
 * A literal 'Z' (as in AD's generalized time "yyyyMMddHHmmss.fZ", reference §1.2) marks the text as UTC.
 */
export function parseExactDate(text: string, format: string, styles: DateTimeStyles, now: Date): DateTimeValue {
  const tokens = tokenizeFormat(format, 'FormatDateTime');
  const reader = new Reader(text, format);
  if (styles.allowLeadingWhite) reader.skipWhite();
  const parsed: Parsed = {};
  for (const token of tokens) readToken(reader, token, parsed, styles);
  if (styles.allowTrailingWhite) reader.skipWhite();
  if (!reader.atEnd()) reader.fail(format.length, `'${text.slice(reader.pos)}' is left over after the whole format was matched`);
  return build(parsed, styles, now, reader);
}

class Reader {
  pos = 0;
  constructor(
    readonly text: string,
    readonly format: string,
  ) {}
  atEnd(): boolean {
    return this.pos >= this.text.length;
  }
  skipWhite(): void {
    while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }
  fail(formatPosition: number, reason: string): never {
    throw formatError('FormatDateTime', this.format, formatPosition, `cannot read '${this.text}' at character ${this.pos}: ${reason}`);
  }
  digits(min: number, max: number, token: FormatToken): number {
    const match = new RegExp(`^\\d{${min},${max}}`).exec(this.text.slice(this.pos));
    if (!match) this.fail(token.position, `expected ${min === max ? min : `${min} to ${max}`} digit(s) for '${describe(token)}'`);
    this.pos += match[0].length;
    return Number(match[0]);
  }
  oneOf(names: readonly string[], token: FormatToken): number {
    const rest = this.text.slice(this.pos).toLowerCase();
    const index = names.findIndex((n) => rest.startsWith(n.toLowerCase()));
    if (index < 0) this.fail(token.position, `expected one of ${names.join(', ')} for '${describe(token)}'`);
    this.pos += (names[index] ?? '').length;
    return index;
  }
}

const describe = (token: FormatToken): string => (token.kind === 'literal' ? token.text : token.letter.repeat(token.count));

function readToken(reader: Reader, token: FormatToken, parsed: Parsed, styles: DateTimeStyles): void {
  if (token.kind === 'literal') {
    for (const ch of token.text) {
      if (/\s/.test(ch) && styles.allowInnerWhite) reader.skipWhite();
      else if (reader.text[reader.pos] === ch) reader.pos++;
      else reader.fail(token.position, `expected '${ch}'`);
    }
    if (['Z', 'GMT'].includes(token.text.trim())) parsed.zulu = true;
    return;
  }
  const n = token.count;
  const numeric = (max = 2): number => (n === 1 ? reader.digits(1, 2, token) : reader.digits(Math.min(n, max), Math.min(n, max), token));
  switch (token.letter) {
    case 'y':
      parsed.year = n <= 2 ? fourDigitYear(String(reader.digits(n, 2, token)).padStart(2, '0')) : reader.digits(n, n, token);
      return;
    case 'M':
      parsed.month = n <= 2 ? numeric() : reader.oneOf(n === 3 ? MONTH_NAMES.map(abbreviation) : MONTH_NAMES, token) + 1;
      return;
    case 'd':
      if (n <= 2) parsed.day = numeric();
      else parsed.dayOfWeek = reader.oneOf(n === 3 ? DAY_NAMES.map(abbreviation) : DAY_NAMES, token);
      return;
    case 'h':
    case 'H':
      parsed.hour = numeric();
      return;
    case 'm':
      parsed.minute = numeric();
      return;
    case 's':
      parsed.second = numeric();
      return;
    case 'f':
    case 'F': {
      const start = reader.pos;
      reader.digits(token.letter === 'f' ? n : 0, n, token);
      parsed.fractionTicks = Number(reader.text.slice(start, reader.pos).padEnd(7, '0'));
      return;
    }
    case 't':
      parsed.pm = reader.oneOf(n === 1 ? ['A', 'P'] : ['AM', 'PM'], token) === 1;
      return;
    case 'z':
      parsed.offsetMinutes = readOffset(reader, token, n);
      return;
    case 'K':
      if (reader.text[reader.pos] === 'Z') {
        reader.pos++;
        parsed.zulu = true;
      } else if (/[+-]/.test(reader.text[reader.pos] ?? '')) parsed.offsetMinutes = readOffset(reader, token, 3);
      return;
  }
}

/** z: ±h or ±hh; zz: ±hh; zzz (and K): ±hh:mm or ±hhmm. */
function readOffset(reader: Reader, token: FormatToken, count: number): number {
  const sign = reader.text[reader.pos];
  if (sign !== '+' && sign !== '-') return reader.fail(token.position, `expected '+' or '-' for '${describe(token)}'`);
  reader.pos++;
  const hours = count === 2 ? reader.digits(2, 2, token) : reader.digits(1, 2, token);
  let minutes = 0;
  if (count >= 3) {
    if (reader.text[reader.pos] === ':') reader.pos++;
    minutes = reader.digits(2, 2, token);
  }
  if (hours > 14 || minutes > 59) reader.fail(token.position, 'an offset must lie within ±14:00');
  return (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function build(p: Parsed, styles: DateTimeStyles, now: Date, reader: Reader): DateTimeValue {
  const today = toCalendarFields(dateTimeValue(now.getTime(), 0, 'Utc'));
  let { year, month, day } = p;
  if (year === undefined && month === undefined && day === undefined) {
    ({ year, month, day } = styles.noCurrentDateDefault ? { year: 1, month: 1, day: 1 } : today);
  }
  const fields = { year: year ?? today.year, month: month ?? 1, day: day ?? 1, hour: p.hour ?? 0, minute: p.minute ?? 0, second: p.second ?? 0, fractionTicks: p.fractionTicks ?? 0 };
  if (p.pm !== undefined) {
    if (fields.hour > 12) reader.fail(0, `hour ${fields.hour} cannot carry AM/PM`);
    fields.hour = (fields.hour % 12) + (p.pm ? 12 : 0);
  }
  if (fields.year < 1 || fields.month < 1 || fields.month > 12 || fields.day < 1 || fields.day > daysInMonth(fields.year, fields.month)) {
    reader.fail(0, `${fields.year}-${fields.month}-${fields.day} is not a date`);
  }
  if (fields.hour > 23 || fields.minute > 59 || fields.second > 59) reader.fail(0, `${fields.hour}:${fields.minute}:${fields.second} is not a time of day`);
  const value = fromCalendarFields(fields, 'Unspecified', p.offsetMinutes ?? 0);
  if (p.dayOfWeek !== undefined && new Date(value.epochMs + (p.offsetMinutes ?? 0) * 60_000).getUTCDay() !== p.dayOfWeek) {
    reader.fail(0, `the day name does not match ${fields.year}-${fields.month}-${fields.day}`);
  }
  return { ...value, kind: kindOf(p, styles) };
}

/**
 * .NET's DetermineTimeZoneAdjustments, with local = UTC: every result is the same UTC instant, only the
 * Kind differs. A zone in the text gives Local (converted), or Utc with AdjustToUniversal, or Utc for a 'Z'
 * under RoundtripKind; no zone gives Unspecified, or what AssumeUniversal/AssumeLocal/AdjustToUniversal say.
 */
function kindOf(p: Parsed, styles: DateTimeStyles): DateTimeKind {
  const zoned = p.zulu === true || p.offsetMinutes !== undefined;
  if (styles.adjustToUniversal) return 'Utc';
  if (zoned) return styles.roundtripKind && p.zulu === true && p.offsetMinutes === undefined ? 'Utc' : 'Local';
  return styles.assumeLocal || styles.assumeUniversal ? 'Local' : 'Unspecified';
}
