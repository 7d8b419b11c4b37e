import type { JsonValue } from '../domain/identityObject';
import type { ScimLiteral } from './scimPath';

/**
 * `eq` as RFC 7644 §3.4.2.2 defines it for attributes whose caseExact is false. Booleans stored as
 * Entra's strings "True"/"False" compare equal to true/false. Used by matchesEqFilter until the store
 * moves to matchesScimFilter.
 */
export function literalEquals(actual: JsonValue | undefined, expected: ScimLiteral): boolean {
  if (expected === null) return actual === undefined || actual === null;
  if (typeof expected === 'string') return typeof actual === 'string' && actual.toLowerCase() === expected.toLowerCase();
  if (typeof expected === 'boolean' && typeof actual === 'string') return actual.toLowerCase() === String(expected);
  return actual === expected;
}
