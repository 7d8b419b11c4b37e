import type { JsonValue } from '../domain/identityObject';
import type { ScimPath } from '../scim/scimPath';

/*
 * Expressions yield text ("True", "42"); SCIM targets type their attributes. Attributes that RFC 7643 types
 * as boolean are sent as JSON booleans, which every SCIM server accepts (Entra itself sends booleans unless
 * an app opts out with the aadOptscim062020 flag). Everything else flows as the mapping produced it.
 */
const BOOLEAN_ATTRIBUTES = new Set(['active', 'primary']);

const booleanPaths = new WeakMap<ScimPath, boolean>();

export function coerceForTarget(path: ScimPath, value: JsonValue): JsonValue {
  if (typeof value !== 'string') return value;
  let isBoolean = booleanPaths.get(path);
  if (isBoolean === undefined) {
    isBoolean = BOOLEAN_ATTRIBUTES.has((path.subAttribute ?? path.attribute).toLowerCase());
    booleanPaths.set(path, isBoolean);
  }
  if (isBoolean) {
    const lowered = value.trim().toLowerCase();
    if (lowered === 'true') return true;
    if (lowered === 'false') return false;
  }
  return value;
}
