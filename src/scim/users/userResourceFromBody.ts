import { ValidationError } from '../../domain/errors';
import { isJsonObject, type JsonObject, type JsonValue } from '../../domain/identityObject';
import { findAttributeKey } from '../findAttributeKey';
import { normalizeScimValue } from '../normalizeScimValue';
import { SCIM_CORE_USER, SCIM_ENTERPRISE_USER } from '../scimSchemas';

/**
 * The client-owned part of a User from a POST or PUT body: server-owned `id` and `meta` dropped, nulls
 * dropped (RFC 7643 §2.5: null means unassigned; an Entra example sends them for unmapped attributes),
 * the core URN in `schemas`, Entra's value shapes normalised. Values are otherwise stored as sent.
 */
export function userResourceFromBody(body: JsonValue): JsonObject {
  if (!isJsonObject(body)) throw new ValidationError([{ path: '', message: 'the body must be a User object' }], { scimType: 'invalidSyntax' });
  const resource = withoutNulls(body) as JsonObject;
  for (const key of ['id', 'meta']) {
    const found = findAttributeKey(resource, key);
    if (found !== undefined) delete resource[found];
  }
  const schemasKey = findAttributeKey(resource, 'schemas') ?? 'schemas';
  const schemas = resource[schemasKey];
  const list = Array.isArray(schemas) ? schemas.filter((s) => typeof s === 'string') : [];
  if (!list.some((s) => s.toLowerCase() === SCIM_CORE_USER.toLowerCase())) list.unshift(SCIM_CORE_USER);
  resource[schemasKey] = list;
  canonicalizeUserKeys(resource);
  normalizeAttribute(resource, 'active', {});
  const enterpriseKey = findAttributeKey(resource, SCIM_ENTERPRISE_USER);
  const enterprise = enterpriseKey === undefined ? undefined : resource[enterpriseKey];
  if (isJsonObject(enterprise)) normalizeAttribute(enterprise, 'manager', { schemaUrn: SCIM_ENTERPRISE_USER });
  assertValidUser(resource);
  return resource;
}

/** What every stored User satisfies; also checked after a PATCH. */
export function assertValidUser(resource: JsonObject): void {
  const key = findAttributeKey(resource, 'userName');
  const userName = key === undefined ? undefined : resource[key];
  if (typeof userName !== 'string' || userName.trim() === '') {
    throw new ValidationError([{ path: 'userName', message: 'is required and must be a non-empty string' }], { scimType: 'invalidValue' });
  }
  const activeKey = findAttributeKey(resource, 'active');
  if (activeKey !== undefined && typeof resource[activeKey] !== 'boolean') {
    throw new ValidationError([{ path: 'active', message: 'must be true or false' }], { scimType: 'invalidValue' });
  }
}

function normalizeAttribute(container: JsonObject, attribute: string, path: { schemaUrn?: string }): void {
  const key = findAttributeKey(container, attribute);
  const value = key === undefined ? undefined : container[key];
  if (key !== undefined && value !== undefined) container[key] = normalizeScimValue({ ...path, attribute }, value);
}

/** The store indexes `userName` and `externalId` by these exact names; clients may spell them in any case. */
export function canonicalizeUserKeys(resource: JsonObject): void {
  for (const name of ['userName', 'externalId']) renameKey(resource, name);
}

function renameKey(object: JsonObject, canonical: string): void {
  const key = findAttributeKey(object, canonical);
  if (key === undefined || key === canonical) return;
  object[canonical] = object[key] as JsonValue;
  delete object[key];
}

function withoutNulls(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(withoutNulls);
  if (!isJsonObject(value)) return value;
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) if (item !== null) result[key] = withoutNulls(item);
  return result;
}
