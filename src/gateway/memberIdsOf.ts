import { isJsonObject, type JsonObject } from '../domain/identityObject';

/** The directory ids in a SCIM group's `members` (RFC 7643 §4.2 `members[].value`). */
export function memberIdsOf(group: JsonObject): string[] {
  const members = group.members;
  if (!Array.isArray(members)) return [];
  return members.flatMap((m) => (isJsonObject(m) && typeof m.value === 'string' && m.value !== '' ? [m.value] : []));
}
