import { isJsonObject, type JsonObject, type JsonValue } from '../domain/identityObject';
import { dropEmptyExtension, findExtensionObject, findFlatExtensionKey } from './extensionContainer';
import { findAttributeKey } from './findAttributeKey';
import { matchesScimFilter } from './filter/matchesScimFilter';
import type { ScimFilter, ValuePathAttribute } from './filter/scimFilter';
import type { ScimPath } from './scimPath';

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
    const attribute: ValuePathAttribute = path.schemaUrn === undefined ? { attribute: path.attribute } : { schemaUrn: path.schemaUrn, attribute: path.attribute };
    const { removed, remaining } = removeFiltered(current, attribute, path.filter, path.subAttribute);
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
function removeFiltered(
  elements: JsonValue[],
  attribute: ValuePathAttribute,
  filter: ScimFilter,
  sub: string | undefined,
): { removed: boolean; remaining: JsonValue[] } {
  const leftover = new Set([...filterAttributeNames(filter), 'primary']);
  let removed = false;
  const remaining = elements.filter((element) => {
    if (!isJsonObject(element) || !matchesScimFilter(element, filter, undefined, attribute)) return true;
    if (sub === undefined) {
      removed = true;
      return false;
    }
    removed = removeAttribute(element, sub) || removed;
    return Object.keys(element).some((k) => !leftover.has(k.toLowerCase()));
  });
  return { removed, remaining };
}

/** Lower-cased names of the sub-attributes a value filter mentions anywhere. */
function filterAttributeNames(filter: ScimFilter): string[] {
  const names: string[] = [];
  const pending: ScimFilter[] = [filter];
  while (pending.length > 0) {
    const node = pending.pop() as ScimFilter;
    if (node.kind === 'and' || node.kind === 'or') pending.push(node.left, node.right);
    else if (node.kind === 'not' || node.kind === 'valuePath') pending.push(node.filter);
    else if (node.kind === 'compare' || node.kind === 'present') names.push(node.path.attribute.toLowerCase());
  }
  return names;
}

function removeAttribute(object: JsonObject, attribute: string): boolean {
  const key = findAttributeKey(object, attribute);
  if (key === undefined) return false;
  delete object[key];
  return true;
}
