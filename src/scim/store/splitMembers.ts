import type { JsonObject, JsonValue } from '../../domain/identityObject';
import type { ScimResourceType } from './scimResourceStore';

/**
 * A Group's `members` (RFC 7643 §4.2) are stored as member rows, not in the group row; `members` is
 * undefined when the resource does not mention them (a replace then leaves them as they are).
 */
export function splitMembers(type: ScimResourceType, resource: JsonObject): { stored: JsonObject; members?: string[] } {
  if (type !== 'Group' || !('members' in resource)) return { stored: resource };
  const { members, ...stored } = resource;
  const list: JsonValue[] = Array.isArray(members) ? members : [];
  const ids = list.flatMap((m) => (typeof m === 'object' && m !== null && !Array.isArray(m) && typeof m.value === 'string' ? [m.value] : []));
  return { stored, members: [...new Set(ids)] };
}

export function withMembers(resource: JsonObject, memberIds: readonly string[]): JsonObject {
  return { ...resource, members: memberIds.map((value) => ({ value })) };
}
