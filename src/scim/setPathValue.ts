import { ValidationError } from '../domain/errors';
import { isJsonObject, type JsonObject, type JsonValue } from '../domain/identityObject';
import { ensureExtensionObject, findFlatExtensionKey } from './extensionContainer';
import { findAttributeKey } from './findAttributeKey';
import { formatScimPath } from './formatScimPath';
import { matchesValueFilter } from './matchesValueFilter';
import type { ScimPath, ValueFilter } from './scimPath';

/**
 * Writes `value` at `path`, creating what is missing: intermediate objects, the extension object, and for
 * a filtered path with no matching element a new element seeded from the filter
 * (`emails[type eq "work"].value` → `{ type: "work", value }`). Existing keys keep their spelling.
 * Every element that matches a filter is written (RFC 7644 §3.5.2.3); Entra keeps `type` values unique,
 * so in practice that is one.
 */
export function setPathValue(resource: JsonObject, path: ScimPath, value: JsonValue): void {
  const container = path.schemaUrn ? ensureExtensionObject(resource, path.schemaUrn) : resource;
  if (path.schemaUrn) {
    // A flat "urn:...:attr" key would shadow nothing but confuse readers; the nested form is canonical.
    const flatKey = findFlatExtensionKey(resource, path.schemaUrn, path.attribute);
    if (flatKey !== undefined) delete resource[flatKey];
  }
  const key = findAttributeKey(container, path.attribute) ?? path.attribute;
  const current = container[key];

  if (path.filter) {
    container[key] = setFiltered(current, path, path.filter, value);
  } else if (path.subAttribute === undefined) {
    container[key] = value;
  } else if (Array.isArray(current)) {
    for (const element of current) if (isJsonObject(element)) setAttribute(element, path.subAttribute, value);
  } else if (isJsonObject(current)) {
    setAttribute(current, path.subAttribute, value);
  } else {
    container[key] = { [path.subAttribute]: value };
  }
}

function setFiltered(current: JsonValue | undefined, path: ScimPath, filter: ValueFilter, value: JsonValue): JsonValue[] {
  if (current !== undefined && current !== null && !Array.isArray(current)) {
    throw new ValidationError([{ path: '', message: `"${formatScimPath(path)}" filters "${path.attribute}", which is not multi-valued` }], {
      scimType: 'invalidPath',
    });
  }
  const elements = current ?? [];
  const sub = path.subAttribute;
  if (sub === undefined && !isJsonObject(value)) {
    throw new ValidationError([{ path: '', message: `"${formatScimPath(path)}" selects whole elements, so the value must be an object` }], {
      scimType: 'invalidValue',
    });
  }
  let matched = false;
  for (let index = 0; index < elements.length; index++) {
    const element = elements[index] as JsonValue;
    if (!isJsonObject(element) || !matchesValueFilter(element, filter)) continue;
    matched = true;
    if (sub === undefined) elements[index] = Object.assign(seedFromFilter(filter), value as JsonObject);
    else setAttribute(element, sub, value);
  }
  if (!matched) {
    // Built by assignment, not spread: this runs for every filtered mapping of every object created.
    const element = seedFromFilter(filter);
    if (sub === undefined) Object.assign(element, value as JsonObject);
    else element[sub] = value;
    elements.push(element);
  }
  return elements;
}

/** The attributes an element needs so that the filter selects it afterwards. */
function seedFromFilter(filter: ValueFilter): JsonObject {
  const seed: JsonObject = {};
  if (filter.value !== null) seed[filter.attribute] = filter.value;
  for (const c of filter.and ?? []) if (c.value !== null) seed[c.attribute] = c.value;
  return seed;
}

function setAttribute(object: JsonObject, attribute: string, value: JsonValue): void {
  object[findAttributeKey(object, attribute) ?? attribute] = value;
}
