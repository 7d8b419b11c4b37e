import { ValidationError } from '../domain/errors';
import { isJsonObject, type JsonObject, type JsonValue } from '../domain/identityObject';
import { ensureExtensionObject, findFlatExtensionKey } from './extensionContainer';
import { findAttributeKey } from './findAttributeKey';
import { formatScimPath } from './formatScimPath';
import { andedComparisons } from './filter/andedComparisons';
import { matchesScimFilter } from './filter/matchesScimFilter';
import type { ScimFilter, ValuePathAttribute } from './filter/scimFilter';
import type { ScimPath } from './scimPath';

/**
 * Writes `value` at `path`, creating what is missing: intermediate objects, the extension object, and for
 * a filtered path with no matching element a new element seeded from the filter's and-ed `eq` comparisons
 * (`emails[type eq "work"].value` → `{ type: "work", value }`). Existing keys keep their spelling.
 * A filter that the seeded element would still not satisfy (`emails[type eq "a" or type eq "b"]`) fails
 * with noTarget, as RFC 7644 §3.5.2.3 prescribes when no element matches.
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

function setFiltered(current: JsonValue | undefined, path: ScimPath, filter: ScimFilter, value: JsonValue): JsonValue[] {
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
  const attribute: ValuePathAttribute = path.schemaUrn === undefined ? { attribute: path.attribute } : { schemaUrn: path.schemaUrn, attribute: path.attribute };
  let matched = false;
  for (let index = 0; index < elements.length; index++) {
    const element = elements[index] as JsonValue;
    if (!isJsonObject(element) || !matchesScimFilter(element, filter, undefined, attribute)) continue;
    matched = true;
    if (sub === undefined) elements[index] = Object.assign(seedFromFilter(filter), value as JsonObject);
    else setAttribute(element, sub, value);
  }
  if (!matched) {
    // Built by assignment, not spread: this runs for every filtered mapping of every object created.
    const element = seedFromFilter(filter);
    if (sub === undefined) Object.assign(element, value as JsonObject);
    else element[sub] = value;
    if (!matchesScimFilter(element, filter, undefined, attribute)) {
      throw new ValidationError([{ path: '', message: `no element matches "${formatScimPath(path)}", and the filter does not say how to create one` }], {
        scimType: 'noTarget',
      });
    }
    elements.push(element);
  }
  return elements;
}

/** The attributes an element needs so that the filter selects it afterwards: its and-ed `eq` comparisons. */
function seedFromFilter(filter: ScimFilter): JsonObject {
  const seed: JsonObject = {};
  for (const c of andedComparisons(filter)) {
    if (c.operator === 'eq' && c.value !== null && c.path.schemaUrn === undefined && c.path.subAttribute === undefined) seed[c.path.attribute] = c.value;
  }
  return seed;
}

function setAttribute(object: JsonObject, attribute: string, value: JsonValue): void {
  object[findAttributeKey(object, attribute) ?? attribute] = value;
}
