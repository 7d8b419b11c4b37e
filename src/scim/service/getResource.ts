import type { ScimResourceRecord, ScimResourceType } from '../store/scimResourceStore';
import { attachGroups } from './attachGroups';
import { readExisting } from './readExisting';
import type { ScimServiceDeps } from './scimServiceDeps';
import { wantsAttribute } from './wantsAttribute';

/**
 * GET /Users/{id}, /Groups/{id} (RFC 7644 §3.4.1). Inactive users are returned (reference §2.1: soft delete);
 * a group's members are read only when the response would show them (Entra sends
 * `excludedAttributes=members`, reference §2.7, and it then costs one point read).
 */
export async function getResource(
  deps: ScimServiceDeps,
  type: ScimResourceType,
  id: string,
  projection: { attributes: readonly string[]; excludedAttributes: readonly string[] },
): Promise<ScimResourceRecord> {
  const record = await readExisting(deps, type, id, type === 'Group' && wantsAttribute(projection, 'members', true));
  return type === 'User' && wantsAttribute(projection, 'groups', false) ? attachGroups(deps, record) : record;
}
