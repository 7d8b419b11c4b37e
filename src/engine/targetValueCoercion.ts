import type { JsonValue } from '../domain/identityObject';
import type { ScimPath } from '../scim/scimPath';

/*
 * Expressions yield text ("True", "42"); SCIM targets type their attributes. Attributes that RFC 7643 types
 * as boolean are sent as JSON booleans, which every SCIM server accepts (Entra itself sends booleans unless
 * an app opts out with the aadOptscim062020 flag). Everything else flows as the mapping produced it.
 */
const BOOLEAN_ATTRIBUTES = new Set(['active', 'primary']);

export function coerceForTarget(path: ScimPath, value: JsonValue): JsonValue {
  const leaf = (path.subAttribute ?? path.attribute).toLowerCase();
  if (BOOLEAN_ATTRIBUTES.has(leaf) && typeof value === 'string') {
    const lowered = value.trim().toLowerCase();
    if (lowered === 'true') return true;
    if (lowered === 'false') return false;
  }
  return value;
}
