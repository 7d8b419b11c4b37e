import { ValidationError } from '../../domain/errors';
import { isJsonObject, type JsonObject, type JsonValue } from '../../domain/identityObject';
import { findAttributeKey } from '../findAttributeKey';
import type { AttributeTraits, AttributeTraitsResolver } from './attributeTraits';
import { compareScimValues } from './compareScimValues';
import { defaultTraits } from './defaultTraits';
import { parseScimDateTime } from './parseScimDateTime';
import { readAttributeValue } from './readAttributeValue';
import type { CompareFilter, FilterAttributePath, ScimFilter, ValuePathAttribute } from './scimFilter';

/**
 * Whether `resource` satisfies `filter` (RFC 7644 §3.4.2.2).
 *
 * `within` evaluates a value filter on one element of a multi-valued attribute instead (PATCH paths,
 * `emails[type eq "work"]`): `resource` is then the element, and the filter's names are its sub-attributes.
 *
 * Semantics:
 * - a multi-valued attribute matches if any of its values does (§3.4.2.2);
 * - `ne` is the negation of `eq`, so it holds when the attribute is absent (unassigned, RFC 7643 §2.5, is
 *   not identical to any value) and `emails.type ne "work"` means "no work email";
 * - `eq null` holds when the attribute is unassigned (null, absent or [], RFC 7643 §2.5), `ne null` when not;
 * - a complex attribute compared without a sub-attribute compares its `value` sub-attribute, as in the
 *   RFC's `emails co "example.com"` and Entra's `manager eq "<id>"`;
 * - `pr` holds for a value other than null, "", [] and {} (an object with only such members is empty too).
 *
 * Throws ValidationError (invalidFilter) for comparisons that are wrong whatever the resource: gt/ge/lt/le on
 * boolean, binary or complex attributes (§3.4.2.2) or with a boolean/null value; co/sw/ew on booleans or with
 * a value that is not a string; a dateTime compared with a string that is not an xsd:dateTime.
 */
export function matchesScimFilter(
  resource: JsonObject,
  filter: ScimFilter,
  traits: AttributeTraitsResolver = defaultTraits,
  within?: ValuePathAttribute,
): boolean {
  switch (filter.kind) {
    case 'and':
      return matchesScimFilter(resource, filter.left, traits, within) && matchesScimFilter(resource, filter.right, traits, within);
    case 'or':
      return matchesScimFilter(resource, filter.left, traits, within) || matchesScimFilter(resource, filter.right, traits, within);
    case 'not':
      return !matchesScimFilter(resource, filter.filter, traits, within);
    case 'valuePath': {
      const parent = within === undefined ? filter.path : { ...within, attribute: `${within.attribute}.${filter.path.attribute}` };
      const value = read(resource, filter.path, within);
      const elements = Array.isArray(value) ? value : [value];
      return elements.some((e) => isJsonObject(e) && matchesScimFilter(e, filter.filter, traits, parent));
    }
    case 'present':
      return values(read(resource, filter.path, within)).some(isNonEmpty);
    case 'compare':
      return compare(resource, filter, traits, within);
  }
}

function compare(resource: JsonObject, filter: CompareFilter, traits: AttributeTraitsResolver, within: ValuePathAttribute | undefined): boolean {
  const path = absolute(filter.path, within);
  let attributeTraits = traits(path);
  let found = values(read(resource, filter.path, within));
  if (path.subAttribute === undefined) {
    if (attributeTraits.type === 'complex') {
      if (isOrdering(filter.operator)) invalid(`"${path.attribute}" is complex: name a sub-attribute, e.g. ${path.attribute}.value`);
      attributeTraits = traits({ ...path, subAttribute: 'value' });
    }
    // The `value` of complex values, also of attributes the traits do not know to be complex.
    found = found.flatMap((v) => (isJsonObject(v) ? values(readMember(v, 'value')) : [v]));
  }
  check(filter, attributeTraits);
  if (filter.value === null) {
    // RFC 7643 §2.5: null means unassigned.
    return (filter.operator === 'eq') === (found.length === 0);
  }
  const expected = filter.value;
  const eq = (v: JsonValue): boolean => compareScimValues(v, expected, attributeTraits) === 0;
  const operator = filter.operator;
  switch (operator) {
    case 'eq':
      return found.some(eq);
    case 'ne':
      return !found.some(eq);
    case 'co':
    case 'sw':
    case 'ew':
      return found.some((v) => substring(v, operator, expected as string, attributeTraits));
    default:
      return found.some((v) => ordered(compareScimValues(v, expected, attributeTraits), operator));
  }
}

/** Rejects what RFC 7644 §3.4.2.2 makes an error, before looking at any value (so no resource decides it). */
function check(filter: CompareFilter, traits: AttributeTraits): void {
  const { operator, value } = filter;
  if (isOrdering(operator)) {
    if (traits.type === 'boolean' || traits.type === 'binary') invalid(`"${operator}" does not apply to ${traits.type} attributes`);
    if (typeof value === 'boolean' || value === null) invalid(`"${operator}" needs a string, number or dateTime value`);
  } else if (operator === 'co' || operator === 'sw' || operator === 'ew') {
    if (traits.type === 'boolean') invalid(`"${operator}" does not apply to boolean attributes`);
    if (typeof value !== 'string') invalid(`"${operator}" needs a string value`);
  }
  if (traits.type === 'dateTime' && typeof value === 'string' && operator !== 'co' && operator !== 'sw' && operator !== 'ew' && parseScimDateTime(value) === undefined) {
    invalid(`${JSON.stringify(value)} is not a dateTime (e.g. "2011-05-13T04:42:34Z")`);
  }
}

function substring(actual: JsonValue, operator: 'co' | 'sw' | 'ew', expected: string, traits: AttributeTraits): boolean {
  const raw = typeof actual === 'string' ? actual : typeof actual === 'number' ? String(actual) : undefined;
  if (raw === undefined) return false;
  const text = traits.caseExact ? raw : raw.toLowerCase();
  const part = traits.caseExact ? expected : expected.toLowerCase();
  return operator === 'co' ? text.includes(part) : operator === 'sw' ? text.startsWith(part) : text.endsWith(part);
}

function ordered(order: number | undefined, operator: CompareFilter['operator']): boolean {
  if (order === undefined) return false;
  return operator === 'gt' ? order > 0 : operator === 'ge' ? order >= 0 : operator === 'lt' ? order < 0 : order <= 0;
}

function isOrdering(operator: CompareFilter['operator']): boolean {
  return operator === 'gt' || operator === 'ge' || operator === 'lt' || operator === 'le';
}

function read(resource: JsonObject, path: FilterAttributePath, within: ValuePathAttribute | undefined): JsonValue | undefined {
  if (within === undefined) return readAttributeValue(resource, path, { enterpriseFallback: true });
  const value = readMember(resource, path.attribute);
  return path.subAttribute === undefined ? value : isJsonObject(value) ? readMember(value, path.subAttribute) : undefined;
}

function readMember(object: JsonObject, name: string): JsonValue | undefined {
  const key = findAttributeKey(object, name);
  return key === undefined ? undefined : object[key];
}

/** The traits resolver sees absolute paths: `type` inside `emails[...]` is `emails.type`. */
function absolute(path: FilterAttributePath, within: ValuePathAttribute | undefined): FilterAttributePath {
  if (within === undefined) return path;
  return within.schemaUrn === undefined
    ? { attribute: within.attribute, subAttribute: path.attribute }
    : { schemaUrn: within.schemaUrn, attribute: within.attribute, subAttribute: path.attribute };
}

/** The assigned values: a multi-valued attribute's elements, a single value as one, nothing for null. */
function values(value: JsonValue | undefined): JsonValue[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.filter((v) => v !== null) : [value];
}

function isNonEmpty(value: JsonValue): boolean {
  if (value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(isNonEmpty);
  if (isJsonObject(value)) return Object.values(value).some(isNonEmpty);
  return true;
}

function invalid(message: string): never {
  throw new ValidationError([{ path: '', message: `Invalid filter: ${message}` }], { scimType: 'invalidFilter' });
}
