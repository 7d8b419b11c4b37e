import { isJsonObject, type JsonValue } from '../domain/identityObject';
import type { ScimPath } from './scimPath';
import { SCIM_ENTERPRISE_USER } from './scimSchemas';

/**
 * Turns the shapes Entra sends by default into the RFC 7643 ones, so that stored users look the same
 * whatever the client's flags (reference 2.6, 2.8):
 * - `active` as the string "True"/"False" → boolean;
 * - the enterprise `manager` as the manager's id string, or as a one-element array → `{ value }`;
 * - a role whose `value` is a JSON-encoded role (SingleAppRoleAssignment PATCHes,
 *   `{"value":"{\"id\":\"…\",\"value\":\"25\",\"displayName\":\"Role1234\"}"}`) → the shape POST sends,
 *   `{ value: "25", display: "Role1234" }` plus the outer `type`/`primary` (reference 2.8; the app role id has
 *   no place among RFC 7643 §4.1.2's role sub-attributes and is dropped).
 */
export function normalizeScimValue(path: ScimPath, value: JsonValue): JsonValue {
  if (path.filter || path.subAttribute !== undefined) return value;
  const attribute = path.attribute.toLowerCase();
  if (!path.schemaUrn && attribute === 'active' && typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true' || lower === 'false') return lower === 'true';
  }
  if (!path.schemaUrn && attribute === 'roles') return Array.isArray(value) ? value.map(decodeRole) : decodeRole(value);
  if (path.schemaUrn?.toLowerCase() === SCIM_ENTERPRISE_USER.toLowerCase() && attribute === 'manager') {
    if (typeof value === 'string') return { value };
    if (Array.isArray(value) && value.length === 1 && isJsonObject(value[0])) return value[0];
  }
  return value;
}

function decodeRole(role: JsonValue): JsonValue {
  if (!isJsonObject(role) || typeof role.value !== 'string' || !role.value.trimStart().startsWith('{')) return role;
  let inner: unknown;
  try {
    inner = JSON.parse(role.value);
  } catch {
    return role; // not JSON after all: stored as sent
  }
  if (!isJsonObject(inner) || typeof inner.value !== 'string') return role;
  const { value: _encoded, ...outer } = role;
  const display = typeof inner.displayName === 'string' ? inner.displayName : inner.display;
  return { ...outer, value: inner.value, ...(typeof display === 'string' ? { display } : {}) };
}
