import { isJsonObject, type JsonObject, type JsonValue } from '../domain/identityObject';
import { getPathValue } from './getPathValue';
import { literalEquals } from './literalEquals';
import type { EqFilterComparison, ScimEqFilter } from './parseEqFilter';
import type { ScimLiteral } from './scimPath';
import { SCIM_ENTERPRISE_USER } from './scimSchemas';

/** RFC 7643 §3.1 and §4.1: `id` and `externalId` compare case-exactly; the other core strings do not. */
const CASE_EXACT = new Set(['id', 'externalid']);

export function matchesEqFilter(resource: JsonObject, filter: ScimEqFilter): boolean {
  return filter.comparisons.every((c) => comparisonHolds(resource, c));
}

function comparisonHolds(resource: JsonObject, { path, value }: EqFilterComparison): boolean {
  let actual = getPathValue(resource, path);
  // Entra checks `manager eq "<id>"` without the URN: unqualified names fall back to the enterprise extension.
  if (actual === undefined && !path.schemaUrn) actual = getPathValue(resource, { ...path, schemaUrn: SCIM_ENTERPRISE_USER });
  const caseExact = !path.schemaUrn && !path.filter && !path.subAttribute && CASE_EXACT.has(path.attribute.toLowerCase());
  const candidates = Array.isArray(actual) ? actual : [actual];
  return candidates.some((candidate) => equals(candidate, value, caseExact));
}

function equals(actual: JsonValue | undefined, expected: ScimLiteral, caseExact: boolean): boolean {
  // A complex value compared with a literal means its `value` sub-attribute (manager eq "<id>").
  const simple = isJsonObject(actual) && expected !== null ? actual.value : actual;
  if (caseExact && typeof expected === 'string') return simple === expected;
  return literalEquals(simple, expected);
}
