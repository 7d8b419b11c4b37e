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
  // Hot in mappings (`emails[type eq "work"].value` for every object): no intermediate arrays.
  if (!comparisonHolds(element, filter.attribute, filter.value)) return false;
  for (const c of filter.and ?? []) if (!comparisonHolds(element, c.attribute, c.value)) return false;
  return true;
}

function comparisonHolds(element: { [key: string]: JsonValue }, attribute: string, expected: ScimLiteral): boolean {
  const key = findAttributeKey(element, attribute);
  return literalEquals(key === undefined ? undefined : element[key], expected);
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
