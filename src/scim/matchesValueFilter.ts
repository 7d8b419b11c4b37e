import { isJsonObject, type JsonValue } from '../domain/identityObject';
import { findAttributeKey } from './findAttributeKey';
import type { EqComparison, ScimLiteral, ValueFilter } from './scimPath';

/** Every comparison of a value filter, the inline first one included. */
export function valueFilterComparisons(filter: ValueFilter): EqComparison[] {
  const { attribute, operator, value } = filter;
  return [{ attribute, operator, value }, ...(filter.and ?? [])];
}

/** Whether one element of a multi-valued attribute satisfies the filter. */
export function matchesValueFilter(element: JsonValue, filter: ValueFilter): boolean {
  if (!isJsonObject(element)) return false;
  return valueFilterComparisons(filter).every((c) => {
    const key = findAttributeKey(element, c.attribute);
    return literalEquals(key === undefined ? undefined : element[key], c.value);
  });
}

/**
 * `eq` as RFC 7644 §3.4.2.2 defines it for attributes whose caseExact is false, which covers the
 * sub-attributes value filters select on (type, value, display, primary). Booleans stored as Entra's
 * strings "True"/"False" compare equal to true/false.
 */
export function literalEquals(actual: JsonValue | undefined, expected: ScimLiteral): boolean {
  if (expected === null) return actual === undefined || actual === null;
  if (typeof expected === 'string') return typeof actual === 'string' && actual.toLowerCase() === expected.toLowerCase();
  if (typeof expected === 'boolean' && typeof actual === 'string') return actual.toLowerCase() === String(expected);
  return actual === expected;
}
