import { isJsonObject } from '../../domain/identityObject';
import { parseScimJson } from './parseScimJson';
import { scimBadResponse } from './scimBadResponse';

/** The member ids of a group resource (RFC 7643 §4.2: `members[].value`); no `members` means none. */
export function readScimMemberIds(bodyText: string, operation: string): string[] {
  const group = parseScimJson(bodyText, operation);
  const members = group.members;
  if (members === undefined || members === null) return [];
  if (!Array.isArray(members)) throw scimBadResponse(`the answer to ${operation} has a members attribute that is not a list`);
  const ids = new Set<string>();
  for (const member of members) {
    if (isJsonObject(member) && typeof member.value === 'string' && member.value !== '') ids.add(member.value);
  }
  return [...ids];
}
