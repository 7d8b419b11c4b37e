import { ValidationError } from '../../domain/errors';
import { mapBounded } from '../../concurrency/mapBounded';
import type { ScimMember, ScimResourceType } from '../store/scimResourceStore';
import { isPlausibleId } from './isPlausibleId';
import type { ScimServiceDeps } from './scimServiceDeps';

/** Point reads in flight while checking a large member list (Entra may add many members in one op, reference §2.7). */
const CONCURRENCY = 16;

/**
 * Every id to be added as a member names a User or a Group of this service (RFC 7643 §4.2: `value` is the
 * `id` of a member resource); otherwise 400 invalidValue naming the unknown ids, and nothing is written.
 * Returns the members with their `type` as found (what `members[].type` and `$ref` then show).
 */
export async function verifyMembersExist(deps: Pick<ScimServiceDeps, 'store'>, groupId: string, memberIds: readonly string[]): Promise<ScimMember[]> {
  const found = await mapBounded(memberIds, CONCURRENCY, async (id): Promise<ScimResourceType | undefined> => {
    if (!isPlausibleId(id) || id === groupId) return undefined;
    if ((await deps.store.get('User', id)) !== undefined) return 'User';
    return (await deps.store.get('Group', id, { includeMembers: false })) !== undefined ? 'Group' : undefined;
  });
  const missing = memberIds.filter((_, index) => found[index] === undefined);
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).map((id) => `"${id}"`).join(', ');
    throw new ValidationError([{ path: 'members', message: `names no User or Group of this service: ${shown}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}` }], { scimType: 'invalidValue' });
  }
  return memberIds.map((value, index) => ({ value, type: found[index]! }));
}
