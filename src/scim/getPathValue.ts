import { isJsonObject, type JsonObject, type JsonValue } from '../domain/identityObject';
import { findExtensionObject, findFlatExtensionKey } from './extensionContainer';
import { findAttributeKey } from './findAttributeKey';
import { matchesValueFilter } from './matchesValueFilter';
import type { ScimPath } from './scimPath';

/**
 * The value a path names, or undefined when there is none. A value filter selects the first matching
 * element; a sub-attribute of an unfiltered multi-valued attribute (`emails.value`) gives the array of
 * the elements' values.
 */
export function getPathValue(resource: JsonObject, path: ScimPath): JsonValue | undefined {
  const value = path.schemaUrn ? readExtensionAttribute(resource, path.schemaUrn, path.attribute) : readAttribute(resource, path.attribute);
  if (path.filter) {
    if (!Array.isArray(value)) return undefined;
    const filter = path.filter;
    const element = value.find((e) => matchesValueFilter(e, filter));
    if (element === undefined || path.subAttribute === undefined) return element;
    return isJsonObject(element) ? readAttribute(element, path.subAttribute) : undefined;
  }
  if (path.subAttribute === undefined) return value;
  if (isJsonObject(value)) return readAttribute(value, path.subAttribute);
  if (Array.isArray(value)) {
    const sub = path.subAttribute;
    const values = value.flatMap((e) => {
      const v = isJsonObject(e) ? readAttribute(e, sub) : undefined;
      return v === undefined ? [] : [v];
    });
    return values.length > 0 ? values : undefined;
  }
  return undefined;
}

function readAttribute(object: JsonObject, attribute: string): JsonValue | undefined {
  const key = findAttributeKey(object, attribute);
  return key === undefined ? undefined : object[key];
}

function readExtensionAttribute(resource: JsonObject, schemaUrn: string, attribute: string): JsonValue | undefined {
  const extension = findExtensionObject(resource, schemaUrn);
  const nested = extension ? readAttribute(extension, attribute) : undefined;
  if (nested !== undefined) return nested;
  const flatKey = findFlatExtensionKey(resource, schemaUrn, attribute);
  return flatKey === undefined ? undefined : resource[flatKey];
}
