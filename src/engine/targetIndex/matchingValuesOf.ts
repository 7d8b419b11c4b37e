import { isJsonObject, type JsonObject, type JsonValue } from '../../domain/identityObject';
import { findAttributeKey } from '../../scim/findAttributeKey';
import { matchesScimFilter } from '../../scim/filter/matchesScimFilter';
import { readAttributeValue } from '../../scim/filter/readAttributeValue';
import type { ScimFilter } from '../../scim/filter/scimFilter';
import type { ScimPath } from '../../scim/scimPath';
import { normalizeMatchingValue } from './normalizeMatchingValue';

/**
 * Every value a target object holds at a matching path, normalised and without repeats: the values an
 * equality filter on that path would find the object by. A sub-attribute of a multi-valued attribute
 * (`emails.value`) gives every element's value; a value filter (`emails[type eq "work"].value`) those of every
 * element it selects, not only the first.
 */
export function matchingValuesOf(data: JsonObject, path: ScimPath): string[] {
  const raw = path.filter ? filteredValues(data, path, path.filter) : readAttributeValue(data, path);
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const normalised = values.flatMap((value) => {
    const key = normalizeMatchingValue(path, value);
    return key === undefined ? [] : [key];
  });
  return [...new Set(normalised)];
}

function filteredValues(data: JsonObject, path: ScimPath, filter: ScimFilter): JsonValue[] {
  const attribute = path.schemaUrn === undefined ? { attribute: path.attribute } : { schemaUrn: path.schemaUrn, attribute: path.attribute };
  const elements = readAttributeValue(data, attribute);
  if (!Array.isArray(elements)) return [];
  return elements.flatMap((element) => {
    if (!isJsonObject(element) || !matchesScimFilter(element, filter, undefined, attribute)) return [];
    if (path.subAttribute === undefined) return [element];
    const key = findAttributeKey(element, path.subAttribute);
    const value = key === undefined ? undefined : element[key];
    return value === undefined ? [] : [value];
  });
}
