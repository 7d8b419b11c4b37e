import { isJsonObject, type JsonObject, type JsonValue } from '../../domain/identityObject';
import type { ScimMember, ScimResourceType } from './scimResourceStore';

/**
 * A Group's `members` (RFC 7643 §4.2) are stored as member rows, not in the group row; `members` is
 * undefined when the resource does not mention them (a replace then leaves them as they are). A member's
 * `type` is kept when it is 'User' or 'Group' (the service sets it from what it found the id to be); `$ref` and
 * `display` are derived when shown, never stored.
 */
export function splitMembers(type: ScimResourceType, resource: JsonObject): { stored: JsonObject; members?: ScimMember[] } {
  if (type !== 'Group' || !('members' in resource)) return { stored: resource };
  const { members, ...stored } = resource;
  const list: JsonValue[] = Array.isArray(members) ? members : [];
  return { stored, members: distinctMembers(list.flatMap((m) => (isJsonObject(m) && typeof m.value === 'string' ? [toMember(m.value, m.type)] : []))) };
}

/** The group as read with its members: `members: [{value, type}]` (`type` left out when not known). */
export function withMembers(resource: JsonObject, members: readonly ScimMember[]): JsonObject {
  return { ...resource, members: membersValue(members) };
}

/** Members as a `members` value: `[{value, type}]`. */
export function membersValue(members: readonly ScimMember[]): JsonObject[] {
  return members.map((m): JsonObject => (m.type === undefined ? { value: m.value } : { value: m.value, type: m.type }));
}

/** Ids given alone or as members, each once (the first mention wins). */
export function distinctMembers(members: readonly (string | ScimMember)[]): ScimMember[] {
  const seen = new Map<string, ScimMember>();
  for (const m of members) {
    const member = typeof m === 'string' ? { value: m } : m;
    if (!seen.has(member.value)) seen.set(member.value, member);
  }
  return [...seen.values()];
}

function toMember(value: string, type: JsonValue | undefined): ScimMember {
  return type === 'User' || type === 'Group' ? { value, type } : { value };
}
