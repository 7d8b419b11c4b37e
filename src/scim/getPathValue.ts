import { isJsonObject, type JsonObject, type JsonValue } from '../domain/identityObject';
import { findAttributeKey } from './findAttributeKey';
import { matchesScimFilter } from './filter/matchesScimFilter';
import { readAttributeValue } from './filter/readAttributeValue';
import type { ScimPath } from './scimPath';

/**
 * The value a path names, or undefined when there is none. A value filter selects the first matching
 * element; a sub-attribute of an unfiltered multi-valued attribute (`emails.value`) gives the array of
 * the elements' values.
 */
export function getPathValue(resource: JsonObject, path: ScimPath): JsonValue | undefined {
  const filter = path.filter;
  if (!filter) return readAttributeValue(resource, path);
  const attribute = path.schemaUrn === undefined ? { attribute: path.attribute } : { schemaUrn: path.schemaUrn, attribute: path.attribute };
  const value = readAttributeValue(resource, attribute);
  if (!Array.isArray(value)) return undefined;
  const element = value.find((e) => isJsonObject(e) && matchesScimFilter(e, filter, undefined, attribute));
  if (element === undefined || path.subAttribute === undefined) return element;
  if (!isJsonObject(element)) return undefined;
  const key = findAttributeKey(element, path.subAttribute);
  return key === undefined ? undefined : element[key];
}
