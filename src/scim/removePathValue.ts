import { isJsonObject, type JsonObject, type JsonValue } from '../domain/identityObject';
import { dropEmptyExtension, findExtensionObject, findFlatExtensionKey } from './extensionContainer';
import { findAttributeKey } from './findAttributeKey';
import { matchesValueFilter, valueFilterComparisons } from './matchesValueFilter';
import type { ScimPath, ValueFilter } from './scimPath';

/**
 * Removes what `path` names: the attribute, its sub-attribute, the elements a filter selects, or the
 * sub-attribute of those elements. Containers left empty are removed too, so a resource never carries
 * `name: {}`, `emails: []` or an empty extension. Returns whether anything was removed.
 */
export function removePathValue(resource: JsonObject, path: ScimPath): boolean {
  let removed = false;
  if (path.schemaUrn) {
    const flatKey = findFlatExtensionKey(resource, path.schemaUrn, path.attribute);
    if (flatKey !== undefined && !path.filter && path.subAttribute === undefined) {
      delete resource[flatKey];
      removed = true;
    }
  }
  const container = path.schemaUrn ? findExtensionObject(resource, path.schemaUrn) : resource;
  const key = container ? findAttributeKey(container, path.attribute) : undefined;
  if (container && key !== undefined) {
    removed = removeFrom(container, key, path) || removed;
    if (path.schemaUrn) dropEmptyExtension(resource, path.schemaUrn);
  }
  return removed;
}

function removeFrom(container: JsonObject, key: string, path: ScimPath): boolean {
  const current = container[key];
  if (path.filter) {
    if (!Array.isArray(current)) return false;
    const { removed, remaining } = removeFiltered(current, path.filter, path.subAttribute);
    if (remaining.length === 0) delete container[key];
    else container[key] = remaining;
    return removed;
  }
  if (path.subAttribute === undefined) {
    delete container[key];
    return true;
  }
  if (Array.isArray(current)) {
    let removed = false;
    for (const element of current) if (isJsonObject(element)) removed = removeAttribute(element, path.subAttribute) || removed;
    return removed;
  }
  if (!isJsonObject(current)) return false;
  const removed = removeAttribute(current, path.subAttribute);
  if (Object.keys(current).length === 0) delete container[key];
  return removed;
}

/**
 * Without a sub-attribute the selected elements go. With one, the sub-attribute goes, and so does an
 * element left holding only what the filter matched on (and `primary`): `{ type: "work" }` is not an
 * email, and Entra clears a mapped email by removing `emails[type eq "work"].value`.
 */
function removeFiltered(elements: JsonValue[], filter: ValueFilter, sub: string | undefined): { removed: boolean; remaining: JsonValue[] } {
  const leftover = new Set([...valueFilterComparisons(filter).map((c) => c.attribute.toLowerCase()), 'primary']);
  let removed = false;
  const remaining = elements.filter((element) => {
    if (!isJsonObject(element) || !matchesValueFilter(element, filter)) return true;
    if (sub === undefined) {
      removed = true;
      return false;
    }
    removed = removeAttribute(element, sub) || removed;
    return Object.keys(element).some((k) => !leftover.has(k.toLowerCase()));
  });
  return { removed, remaining };
}

function removeAttribute(object: JsonObject, attribute: string): boolean {
  const key = findAttributeKey(object, attribute);
  if (key === undefined) return false;
  delete object[key];
  return true;
}
