import { ValidationError } from '../domain/errors';
import { isJsonObject, type JsonObject, type JsonValue } from '../domain/identityObject';
import { findAttributeKey } from './findAttributeKey';
import { getPathValue } from './getPathValue';
import { normalizeScimValue } from './normalizeScimValue';
import { parseScimPath } from './parseScimPath';
import { isCoreSchemaUrn } from './scimAttributeName';
import { removePathValue, setPathValue, type ScimPath } from './scimPath';
import { SCIM_ENTERPRISE_USER } from './scimSchemas';

type PatchOperation = 'add' | 'replace' | 'remove';

/** Server-owned attributes: a PATCH naming them explicitly is refused, a path-less value echoing them is ignored. */
const SERVER_OWNED = new Set(['id', 'meta']);

/**
 * Applies an RFC 7644 §3.5.2 PatchOp body to a copy of `resource` and returns the copy; `resource` is
 * untouched, so a failing operation changes nothing. Tolerates what Entra sends (reference 2.6-2.8):
 * capitalised ops, string booleans, a value array on `remove` of a multi-valued attribute, path-less
 * `replace` whose keys are paths (`name.givenName`, `urn:...:User:employeeNumber`).
 *
 * Leniency where Entra expects convergence rather than errors: `replace` through a filter that matches
 * nothing adds the element, and removing something absent succeeds.
 */
export function applyPatch(resource: JsonObject, patch: JsonValue): JsonObject {
  if (!isJsonObject(patch)) throw syntax('', 'the body must be a PatchOp object');
  const operationsKey = findAttributeKey(patch, 'Operations');
  const operations = operationsKey === undefined ? undefined : patch[operationsKey];
  if (!Array.isArray(operations) || operations.length === 0) throw syntax('Operations', 'must be a non-empty array');
  const result = structuredClone(resource);
  operations.forEach((operation, index) => applyOperation(result, operation, `Operations[${index}]`));
  return result;
}

function applyOperation(resource: JsonObject, operation: JsonValue, at: string): void {
  if (!isJsonObject(operation)) throw syntax(at, 'must be an object');
  const op = readOp(operation, at);
  const pathText = readString(operation, 'path');
  const valueKey = findAttributeKey(operation, 'value');
  const value = valueKey === undefined ? undefined : operation[valueKey];

  if (pathText === undefined || pathText.trim() === '') {
    if (op === 'remove') throw new ValidationError([{ path: `${at}.path`, message: 'is required for "remove"' }], { scimType: 'noTarget' });
    if (!isJsonObject(value)) throw invalidValue(`${at}.value`, `must be an object of attributes when "path" is omitted`);
    applyPathless(resource, op, value, at);
    return;
  }
  const path = parsePathAt(pathText, `${at}.path`);
  if (!path.schemaUrn && SERVER_OWNED.has(path.attribute.toLowerCase())) {
    throw new ValidationError([{ path: `${at}.path`, message: `"${path.attribute}" is set by the server` }], { scimType: 'mutability' });
  }
  if (op === 'remove') {
    removeAt(resource, path, value);
    return;
  }
  if (value === undefined) throw invalidValue(`${at}.value`, `is required for "${op}"`);
  addOrReplace(resource, op, path, value);
}

function applyPathless(resource: JsonObject, op: PatchOperation, value: JsonObject, at: string): void {
  for (const [key, item] of Object.entries(value)) {
    if (key.toLowerCase() === 'schemas' || SERVER_OWNED.has(key.toLowerCase())) continue;
    if (isJsonObject(item) && isSchemaKey(resource, key)) {
      // `{ "urn:...:enterprise:2.0:User": { "department": "x" } }`: the attributes of one schema.
      for (const [attribute, attributeValue] of Object.entries(item)) {
        const path = isCoreSchemaUrn(key) ? parsePathAt(attribute, `${at}.value.${key}`) : parsePathAt(`${key}:${attribute}`, `${at}.value`);
        addOrReplace(resource, op, path, attributeValue);
      }
    } else {
      addOrReplace(resource, op, parsePathAt(key, `${at}.value`), item);
    }
  }
}

/**
 * A URN key names a whole schema (rather than being a path to one extension attribute) when it is a core
 * URN, the enterprise URN, a URN the resource lists in `schemas`, or a key already holding an object.
 */
function isSchemaKey(resource: JsonObject, key: string): boolean {
  if (!key.toLowerCase().startsWith('urn:')) return false;
  const lower = key.toLowerCase();
  if (isCoreSchemaUrn(key) || lower === SCIM_ENTERPRISE_USER.toLowerCase()) return true;
  const schemas = resource.schemas;
  if (Array.isArray(schemas) && schemas.some((s) => typeof s === 'string' && s.toLowerCase() === lower)) return true;
  const existingKey = findAttributeKey(resource, key);
  return existingKey !== undefined && isJsonObject(resource[existingKey]);
}

function addOrReplace(resource: JsonObject, op: PatchOperation, path: ScimPath, raw: JsonValue): void {
  const value = normalizeScimValue(path, raw);
  // RFC 7643 §2.5: null is "unassigned"; replacing with null clears the attribute.
  if (value === null) {
    removePathValue(resource, path);
    return;
  }
  const whole = !path.filter && path.subAttribute === undefined;
  const current = whole ? getPathValue(resource, path) : undefined;
  if (whole && op === 'add' && Array.isArray(current)) {
    // RFC 7644 §3.5.2.1: add to a multi-valued attribute appends; an element already present is not repeated.
    const additions = Array.isArray(value) ? value : [value];
    const merged = [...current];
    for (const item of additions) if (!merged.some((e) => sameJson(e, item))) merged.push(item);
    setPathValue(resource, path, merged);
    return;
  }
  if (whole && isJsonObject(value) && isJsonObject(current)) {
    // RFC 7644 §3.5.2.1/§3.5.2.3: sub-attributes not given in the value are left unchanged.
    for (const [sub, subValue] of Object.entries(value)) addOrReplace(resource, op, { ...path, subAttribute: sub }, subValue);
    return;
  }
  setPathValue(resource, path, value);
}

/**
 * Entra removes group members (and, by the same logic, other multi-valued elements) with
 * `{"op":"Remove","path":"members","value":[{"value":"<id>"}]}`, a shape RFC 7644 leaves undefined:
 * it removes the elements whose `value` matches, never the whole attribute.
 */
function removeAt(resource: JsonObject, path: ScimPath, value: JsonValue | undefined): void {
  const whole = !path.filter && path.subAttribute === undefined;
  const current = whole ? getPathValue(resource, path) : undefined;
  if (whole && Array.isArray(current) && Array.isArray(value)) {
    const remaining = current.filter((element) => !value.some((v) => sameElement(element, v)));
    if (remaining.length > 0) setPathValue(resource, path, remaining);
    else removePathValue(resource, path);
    return;
  }
  removePathValue(resource, path);
}

function sameElement(element: JsonValue, selector: JsonValue): boolean {
  if (isJsonObject(element) && isJsonObject(selector) && selector.value !== undefined) return sameJson(element.value, selector.value);
  return sameJson(element, selector);
}

function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function readOp(operation: JsonObject, at: string): PatchOperation {
  const op = readString(operation, 'op')?.toLowerCase();
  if (op === 'add' || op === 'replace' || op === 'remove') return op;
  throw syntax(`${at}.op`, op === undefined ? 'is required ("add", "replace" or "remove")' : `"${op}" is not "add", "replace" or "remove"`);
}

function readString(object: JsonObject, name: string): string | undefined {
  const key = findAttributeKey(object, name);
  const value = key === undefined ? undefined : object[key];
  return typeof value === 'string' ? value : undefined;
}

/** Parses a path and locates any error in the request (`Operations[2].path`). */
function parsePathAt(text: string, at: string): ScimPath {
  try {
    const path = parseScimPath(text);
    // An old Entra example patches `manager` unqualified (reference 2.6 step 6); no core attribute has that
    // name, and filters already read it from the enterprise extension, so writes go there too.
    return !path.schemaUrn && path.attribute.toLowerCase() === 'manager' ? { ...path, schemaUrn: SCIM_ENTERPRISE_USER } : path;
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError(error.issues.map((i) => ({ ...i, path: at })), { scimType: error.scimType, cause: error });
    }
    throw error;
  }
}

function syntax(path: string, message: string): ValidationError {
  return new ValidationError([{ path, message }], { scimType: 'invalidSyntax' });
}

function invalidValue(path: string, message: string): ValidationError {
  return new ValidationError([{ path, message }], { scimType: 'invalidValue' });
}
