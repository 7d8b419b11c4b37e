import { isJsonObject, type JsonValue } from '../../domain/identityObject';
import type { ScimMember } from '../store/scimResourceStore';

/** The distinct `value`s of a `members` value (RFC 7643 §4.2), in order; elements without one are ignored. */
export function memberIds(members: JsonValue | undefined): string[] {
  const list = Array.isArray(members) ? members : members === undefined || members === null ? [] : [members];
  const ids = list.flatMap((m) => (isJsonObject(m) && typeof m.value === 'string' && m.value !== '' ? [m.value] : []));
  return [...new Set(ids)];
}

/** A stored group's `members` value read back as members (`type` kept when it is 'User' or 'Group'). */
export function membersWithTypes(members: JsonValue | undefined): ScimMember[] {
  const list = Array.isArray(members) ? members : [];
  return list.flatMap((m): ScimMember[] => {
    if (!isJsonObject(m) || typeof m.value !== 'string' || m.value === '') return [];
    return m.type === 'User' || m.type === 'Group' ? [{ value: m.value, type: m.type }] : [{ value: m.value }];
  });
}
