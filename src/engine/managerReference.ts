import { parseScimPath, type ScimPath } from '../scim/scimPath';
import { SCIM_ENTERPRISE_USER } from '../scim/scimSchemas';

/**
 * Where idbridge writes a resolved manager: RFC 7643 §4.3 makes the enterprise `manager` complex, its `value`
 * the manager's id in the target. It is written whole, `{value}` (create: `{manager: {value}}`; update: one
 * `replace` of `...:manager`, which RFC 7644 §3.5.2.3 defines whether or not the user has a manager yet, where
 * a `replace` of `...:manager.value` is refused by strict servers such as scimmy when there is none), and
 * compared by its value only, so that the `displayName` and `$ref` a target adds never make it differ.
 * Entra sends the bare id to `...:manager` (reference/inbound-and-scim.md §2.6 step 6), which RFC 7644 does not
 * define for a complex attribute.
 */
export const MANAGER_ATTRIBUTE = `${SCIM_ENTERPRISE_USER}:manager`;
export const MANAGER_PATH: ScimPath = parseScimPath(MANAGER_ATTRIBUTE);

/**
 * Whether a mapping's target is the manager reference (reference/entra-engine.md §5.4): `manager`,
 * `manager.value`, or either under the enterprise URN, in any case. `manager.displayName` is plain text, not a
 * reference. Only user mappings have one (the caller checks the object type).
 */
export function isManagerReference(targetAttributeName: string): boolean {
  let path: ScimPath;
  try {
    path = parseScimPath(targetAttributeName);
  } catch {
    return false;
  }
  if (path.attribute.toLowerCase() !== 'manager' || path.filter) return false;
  if (path.schemaUrn !== undefined && path.schemaUrn.toLowerCase() !== SCIM_ENTERPRISE_USER.toLowerCase()) return false;
  return path.subAttribute === undefined || path.subAttribute.toLowerCase() === 'value';
}
