import type { JsonValue } from '../../domain/identityObject';
import type { AttributeTraits } from './attributeTraits';
import { parseScimDateTime } from './parseScimDateTime';

const NUMBER = /^\s*-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\s*$/;

/**
 * Orders two simple attribute values by the attribute's type, as RFC 7644 §3.4.2.2 (gt/ge/lt/le) and
 * §3.4.2.3 (sortBy) require: numbers numerically, dateTime chronologically, strings by Unicode code point
 * with no locale, case-folded unless caseExact. Booleans order false < true (only sorting uses that).
 * Returns undefined when the two cannot be compared (a string against a number, an unparsable dateTime).
 *
 * Values are read leniently because clients send them so: Entra's "True"/"False" strings for booleans
 * (reference 2.8), numbers as strings.
 */
export function compareScimValues(a: JsonValue, b: JsonValue, traits: AttributeTraits): number | undefined {
  if (traits.type === 'boolean' || typeof a === 'boolean' || typeof b === 'boolean') {
    const x = toBoolean(a);
    const y = toBoolean(b);
    return x === undefined || y === undefined ? undefined : Number(x) - Number(y);
  }
  if (traits.type === 'integer' || traits.type === 'decimal' || typeof a === 'number' || typeof b === 'number') {
    const x = toNumber(a);
    const y = toNumber(b);
    return x === undefined || y === undefined ? undefined : Math.sign(x - y);
  }
  if (typeof a !== 'string' || typeof b !== 'string') return undefined;
  if (traits.type === 'dateTime') {
    const x = parseScimDateTime(a);
    const y = parseScimDateTime(b);
    if (x !== undefined && y !== undefined) return Math.sign(x - y);
    // A stored value that is not a dateTime still compares as text rather than vanishing from results.
  }
  return traits.caseExact ? compareCodePoints(a, b) : compareCodePoints(a.toLowerCase(), b.toLowerCase());
}

function toBoolean(value: JsonValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const lower = value.trim().toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

function toNumber(value: JsonValue): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && NUMBER.test(value) ? Number(value) : undefined;
}

/** `<` on strings compares UTF-16 code units, which misorders characters above U+FFFF against U+E000-U+FFFF. */
function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a];
  const y = [...b];
  const length = Math.min(x.length, y.length);
  for (let i = 0; i < length; i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return Math.sign(x.length - y.length);
}
