import { isJsonObject, type JsonValue } from '../domain/identityObject';
import type { ScimPath } from './scimPath';
import { SCIM_ENTERPRISE_USER } from './scimSchemas';

/**
 * Turns the shapes Entra sends by default into the RFC 7643 ones, so that stored users look the same
 * whatever the client's flags (reference 2.6, 2.8):
 * - `active` as the string "True"/"False" → boolean;
 * - the enterprise `manager` as the manager's id string, or as a one-element array → `{ value }`.
 */
export function normalizeScimValue(path: ScimPath, value: JsonValue): JsonValue {
  if (path.filter || path.subAttribute !== undefined) return value;
  const attribute = path.attribute.toLowerCase();
  if (!path.schemaUrn && attribute === 'active' && typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true' || lower === 'false') return lower === 'true';
  }
  if (path.schemaUrn?.toLowerCase() === SCIM_ENTERPRISE_USER.toLowerCase() && attribute === 'manager') {
    if (typeof value === 'string') return { value };
    if (Array.isArray(value) && value.length === 1 && isJsonObject(value[0])) return value[0];
  }
  return value;
}
