import { ValidationError } from '../domain/errors';

/**
 * Azure Functions' six-field NCRONTAB schedules (`{second} {minute} {hour} {day} {month} {day-of-week}`,
 * UTC; reference/target-apis.md §4.4): `*`, lists, ranges, steps and English month/day names. The local host
 * uses it to fire timers exactly when the Functions runtime would.
 */
export interface NcrontabSchedule {
  seconds: ReadonlySet<number>;
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  days: ReadonlySet<number>;
  months: ReadonlySet<number>;
  weekdays: ReadonlySet<number>;
  /** Day-of-month and day-of-week both restricted: cron semantics match either. */
  dayOrWeekday: boolean;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FIELDS = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, offset: 1 },
  { name: 'day-of-week', min: 0, max: 6, names: WEEKDAYS, offset: 0 },
] as const;

export function parseNcrontab(expression: string): NcrontabSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 6) throw invalid(expression, `has ${parts.length} fields; NCRONTAB needs 6 (second minute hour day month day-of-week)`);
  const sets = parts.map((part, i) => parseField(expression, part, FIELDS[i] as (typeof FIELDS)[number]));
  const [seconds, minutes, hours, days, months, weekdays] = sets as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  return { seconds, minutes, hours, days, months, weekdays, dayOrWeekday: parts[3] !== '*' && parts[5] !== '*' };
}

function parseField(expression: string, text: string, field: (typeof FIELDS)[number]): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [rangeText = '', stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw invalid(expression, `has a bad step '${stepText}' in the ${field.name} field`);
    let from: number;
    let to: number;
    if (rangeText === '*') {
      from = field.min;
      to = field.max;
    } else {
      const [a = '', b] = rangeText.split('-');
      from = value(expression, a, field);
      to = b === undefined ? (stepText === undefined ? from : field.max) : value(expression, b, field);
    }
    if (from > to) throw invalid(expression, `has a reversed range '${rangeText}' in the ${field.name} field`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function value(expression: string, text: string, field: (typeof FIELDS)[number]): number {
  const lowered = text.toLowerCase();
  if ('names' in field) {
    const index = field.names.findIndex((n) => lowered.startsWith(n));
    if (index >= 0 && /^[a-z]+$/.test(lowered)) return index + field.offset;
  }
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < field.min || n > field.max) throw invalid(expression, `has '${text}' in the ${field.name} field, outside ${field.min}-${field.max}`);
  return n;
}

function invalid(expression: string, message: string): ValidationError {
  return new ValidationError([{ path: 'schedule', message: `"${expression}" ${message}` }]);
}

/** The first instant strictly after `after` (UTC, whole seconds) that the schedule names. */
export function nextOccurrence(schedule: NcrontabSchedule, after: Date): Date {
  const t = new Date(Math.floor(after.getTime() / 1000) * 1000 + 1000);
  // Walk field by field, jumping to the next allowed value; bounded to a few years of candidates.
  for (let guard = 0; guard < 500_000; guard++) {
    if (!schedule.months.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches(schedule, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!schedule.hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!schedule.minutes.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    if (!schedule.seconds.has(t.getUTCSeconds())) {
      t.setUTCSeconds(t.getUTCSeconds() + 1, 0);
      continue;
    }
    return t;
  }
  throw new ValidationError([{ path: 'schedule', message: 'never fires (no date matches it)' }]);
}

function dayMatches(schedule: NcrontabSchedule, t: Date): boolean {
  const day = schedule.days.has(t.getUTCDate());
  const weekday = schedule.weekdays.has(t.getUTCDay());
  return schedule.dayOrWeekday ? day || weekday : day && weekday;
}
