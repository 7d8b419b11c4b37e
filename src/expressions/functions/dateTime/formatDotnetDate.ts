import { DAY_NAMES, MONTH_NAMES, abbreviation } from './calendarNames';
import { toCalendarFields, type DateTimeValue } from './dateTimeValue';
import { tokenizeFormat, type FormatToken } from './dotnetFormatTokens';

/**
 * .NET DateTime.ToString(format) in the invariant/en-US culture on a UTC machine. The fields are UTC; every
 * kind's offset is +00:00 (z "+0", zz "+00", zzz "+00:00"); K prints "Z" for Utc, "+00:00" for Local and
 * nothing for Unspecified, as .NET does.
 */
export function formatDotnetDate(value: DateTimeValue, format: string): string {
  const f = toCalendarFields(value);
  let out = '';
  for (const token of tokenizeFormat(format, 'FormatDateTime')) {
    if (token.kind === 'literal') out += token.text;
    else if (token.letter === 'F') out = appendTrimmedFraction(out, f.fractionTicks, token.count);
    else out += field(token, f, value);
  }
  return out;
}

type Specifier = Extract<FormatToken, { kind: 'specifier' }>;

function field(token: Specifier, f: ReturnType<typeof toCalendarFields>, value: DateTimeValue): string {
  const n = token.count;
  // One letter prints the number as is; two or more pad it to two digits (.NET caps these fields at two).
  const pad = (v: number): string => (n === 1 ? String(v) : String(v).padStart(2, '0'));
  switch (token.letter) {
    case 'y':
      return n <= 2 ? pad(f.year % 100) : String(f.year).padStart(n, '0');
    case 'M':
      return n <= 2 ? pad(f.month) : n === 3 ? abbreviation(MONTH_NAMES[f.month - 1] ?? '') : (MONTH_NAMES[f.month - 1] ?? '');
    case 'd': {
      const dayName = DAY_NAMES[new Date(value.epochMs).getUTCDay()] ?? '';
      return n <= 2 ? pad(f.day) : n === 3 ? abbreviation(dayName) : dayName;
    }
    case 'h':
      return pad(f.hour % 12 === 0 ? 12 : f.hour % 12);
    case 'H':
      return pad(f.hour);
    case 'm':
      return pad(f.minute);
    case 's':
      return pad(f.second);
    case 'f':
      return String(f.fractionTicks).padStart(7, '0').slice(0, n);
    case 't':
      return (f.hour < 12 ? 'AM' : 'PM').slice(0, n === 1 ? 1 : 2);
    case 'z':
      return n === 1 ? '+0' : n === 2 ? '+00' : '+00:00';
    case 'K':
      return value.kind === 'Utc' ? 'Z' : value.kind === 'Local' ? '+00:00' : '';
    case 'F':
      return '';
  }
}

/** F…: the fraction without trailing zeros; when nothing is left, a '.' just before it goes too (.NET). */
function appendTrimmedFraction(out: string, fractionTicks: number, count: number): string {
  const digits = String(fractionTicks).padStart(7, '0').slice(0, count).replace(/0+$/, '');
  if (digits !== '') return out + digits;
  return out.endsWith('.') ? out.slice(0, -1) : out;
}
