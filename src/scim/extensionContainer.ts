import { isJsonObject, type JsonObject } from '../domain/identityObject';
import { findAttributeKey } from './findAttributeKey';

/** The object holding an extension schema's attributes (`resource["urn:...:User"]`), if there is one. */
export function findExtensionObject(resource: JsonObject, schemaUrn: string): JsonObject | undefined {
  const key = findAttributeKey(resource, schemaUrn);
  const value = key === undefined ? undefined : resource[key];
  return isJsonObject(value) ? value : undefined;
}

/**
 * The extension object, created if missing; the URN is added to `schemas` (when the resource has that
 * array) because RFC 7643 §3 lists every extension a resource uses there.
 */
export function ensureExtensionObject(resource: JsonObject, schemaUrn: string): JsonObject {
  const existing = findExtensionObject(resource, schemaUrn);
  if (existing) return existing;
  const created: JsonObject = {};
  resource[findAttributeKey(resource, schemaUrn) ?? schemaUrn] = created;
  const schemasKey = findAttributeKey(resource, 'schemas');
  const schemas = schemasKey === undefined ? undefined : resource[schemasKey];
  if (Array.isArray(schemas) && !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === schemaUrn.toLowerCase())) {
    schemas.push(schemaUrn);
  }
  return created;
}

/** Drops an extension object that has become empty, and its URN from `schemas`. */
export function dropEmptyExtension(resource: JsonObject, schemaUrn: string): void {
  const key = findAttributeKey(resource, schemaUrn);
  const value = key === undefined ? undefined : resource[key];
  if (key === undefined || !isJsonObject(value) || Object.keys(value).length > 0) return;
  delete resource[key];
  const schemasKey = findAttributeKey(resource, 'schemas');
  const schemas = schemasKey === undefined ? undefined : resource[schemasKey];
  if (schemasKey !== undefined && Array.isArray(schemas)) {
    resource[schemasKey] = schemas.filter((s) => !(typeof s === 'string' && s.toLowerCase() === schemaUrn.toLowerCase()));
  }
}

/** Key of a flat extension attribute (`"urn:...:User:department": "x"` at the top level), as some sources send. */
export function findFlatExtensionKey(resource: JsonObject, schemaUrn: string, attribute: string): string | undefined {
  return findAttributeKey(resource, `${schemaUrn}:${attribute}`);
}
