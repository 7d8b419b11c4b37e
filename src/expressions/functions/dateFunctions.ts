import { ExpressionEvaluationError } from '../ExpressionEvaluationError';
import type { ExpressionFunction } from '../expressionFunction';
import { isNullOrEmpty, toText, type ExpressionValue } from '../expressionValue';
import { addInterval, diffInterval, toDateInterval } from './dateTime/dateIntervals';
import { dateTimeValue, type DateTimeValue } from './dateTime/dateTimeValue';
import { parseDateTimeStyles } from './dateTime/dateTimeStyles';
import { renderEntraDate } from './dateTime/entraDateText';
import { fromFileTime, toFileTime } from './dateTime/fileTime';
import { formatDotnetDate } from './dateTime/formatDotnetDate';
import { parseDateText } from './dateTime/parseDateText';
import { parseExactDate } from './dateTime/parseExactDate';

/*
 * Date functions of reference §1.2/§1.3. Representation: a DateTime travels between functions as the text
 * Entra renders, `M/d/yyyy h:mm:ss tt` in UTC (renderEntraDate), and every function that takes a date reads
 * it back with parseDateText, so DateAdd/DateDiff accept the output of CDate, Now, DateAdd, DateFromNum and
 * any FormatDateTime output in a form CDate reads. (Entra insists on a DateTime there; idbridge also takes a
 * date string directly, which only makes more expressions work.)
 * NULL and "" in, NULL out: an absent or blank HR date flows nothing rather than failing the whole object.
 */

/** The date an argument holds; undefined for NULL/""; an ExpressionEvaluationError for text that is no date. */
function dateArgument(value: ExpressionValue, functionName: string): DateTimeValue | undefined {
  if (isNullOrEmpty(value)) return undefined;
  const text = toText(value) ?? '';
  const date = parseDateText(text);
  if (!date) throw new ExpressionEvaluationError(`${functionName}: '${text}' is not a date (try CDate's forms such as 2021-08-25T17:41:18Z or 8/25/2021 5:41:18 PM, or FormatDateTime)`);
  return date;
}

function numberArgument(value: ExpressionValue, functionName: string): number {
  const n = typeof value === 'number' ? value : Number(toText(value)?.trim() || Number.NaN);
  if (!Number.isFinite(n)) throw new ExpressionEvaluationError(`${functionName}: '${toText(value) ?? 'NULL'}' is not a number`);
  return n;
}

const CDate: ExpressionFunction = {
  minArgs: 1,
  maxArgs: 1,
  invoke: ([value = null]) => {
    const date = dateArgument(value, 'CDate');
    return date ? renderEntraDate(date) : null;
  },
};

const DateAdd: ExpressionFunction = {
  minArgs: 3,
  maxArgs: 3,
  invoke: ([interval = null, amount = null, dateTime = null]) => {
    const unit = toDateInterval(toText(interval), 'DateAdd');
    const date = dateArgument(dateTime, 'DateAdd');
    // VB's DateAdd truncates a fractional number toward zero.
    return date ? renderEntraDate(addInterval(date, unit, Math.trunc(numberArgument(amount, 'DateAdd')))) : null;
  },
};

const DateDiff: ExpressionFunction = {
  minArgs: 3,
  maxArgs: 3,
  invoke: ([interval = null, date1 = null, date2 = null]) => {
    const unit = toDateInterval(toText(interval), 'DateDiff');
    const first = dateArgument(date1, 'DateDiff');
    const second = dateArgument(date2, 'DateDiff');
    return first && second ? diffInterval(unit, first, second) : null;
  },
};

const DateFromNum: ExpressionFunction = {
  minArgs: 1,
  maxArgs: 1,
  invoke: ([value = null]) => {
    if (isNullOrEmpty(value)) return null;
    // Numbers beyond 2^53 reach us as doubles (off by at most 16 ticks, far below a second); digit strings stay exact.
    const text = typeof value === 'number' ? Math.trunc(value).toFixed(0) : (toText(value) ?? '').trim();
    if (!/^-?\d+$/.test(text)) throw new ExpressionEvaluationError(`DateFromNum: '${text}' is not an Int64 FILETIME`);
    return renderEntraDate(fromFileTime(BigInt(text)));
  },
};

const NumFromDate: ExpressionFunction = {
  minArgs: 1,
  maxArgs: 1,
  invoke: ([value = null]) => {
    if (isNullOrEmpty(value)) return null;
    const text = toText(value) ?? '';
    // The reference asks for ISO 8601 and says to convert other forms with FormatDateTime first, so only
    // year-first dates are taken here. No zone means UTC.
    if (!/^\s*\d{4}-\d{1,2}-\d{1,2}/.test(text)) throw new ExpressionEvaluationError(`NumFromDate: '${text}' is not an ISO 8601 date; convert it with FormatDateTime first`);
    const date = dateArgument(text, 'NumFromDate');
    return date ? toFileTime(date).toString() : null;
  },
};

const FormatDateTime: ExpressionFunction = {
  // FormatDateTime(source, dateTimeStyles, inputFormat, outputFormat); Graph's function list still shows
  // the older three-argument form (source, inputFormat, outputFormat), which is accepted too (reference §1.6).
  minArgs: 3,
  maxArgs: 4,
  invoke: (args, env) => {
    const [source = null, styles = null, inputFormat = null, outputFormat = null] = args.length === 3 ? [args[0], null, args[1], args[2]] : args;
    if (isNullOrEmpty(source)) return null;
    const input = toText(inputFormat);
    const output = toText(outputFormat);
    if (!input || !output) throw new ExpressionEvaluationError('FormatDateTime: inputFormat and outputFormat are required');
    const date = parseExactDate(toText(source) ?? '', input, parseDateTimeStyles(toText(styles)), env.now);
    return formatDotnetDate(date, output);
  },
};

const Now: ExpressionFunction = {
  minArgs: 0,
  maxArgs: 0,
  invoke: (_args, env) => renderEntraDate(dateTimeValue(env.now.getTime(), 0, 'Utc')),
};

export const dateFunctions: Readonly<Record<string, ExpressionFunction>> = { CDate, DateAdd, DateDiff, DateFromNum, FormatDateTime, Now, NumFromDate };
