import { isJsonObject, type JsonValue } from '../../domain/identityObject';

/** The distinct `value`s of a `members` value (RFC 7643 §4.2), in order; elements without one are ignored. */
export function memberIds(members: JsonValue | undefined): string[] {
  const list = Array.isArray(members) ? members : members === undefined || members === null ? [] : [members];
  const ids = list.flatMap((m) => (isJsonObject(m) && typeof m.value === 'string' && m.value !== '' ? [m.value] : []));
  return [...new Set(ids)];
}
