import { ValidationError } from '../../domain/errors';
import { mapBounded } from '../../concurrency/mapBounded';
import { isPlausibleId } from './isPlausibleId';
import type { ScimServiceDeps } from './scimServiceDeps';

/** Point reads in flight while checking a large member list (Entra may add many members in one op, reference §2.7). */
const CONCURRENCY = 16;

/**
 * Every id to be added as a member names a User or a Group of this service (RFC 7643 §4.2: `value` is the
 * `id` of a member resource); otherwise 400 invalidValue naming the unknown ids, and nothing is written.
 */
export async function verifyMembersExist(deps: Pick<ScimServiceDeps, 'store'>, groupId: string, memberIds: readonly string[]): Promise<void> {
  const found = await mapBounded(memberIds, CONCURRENCY, async (id) => {
    if (!isPlausibleId(id) || id === groupId) return false;
    return (await deps.store.get('User', id)) !== undefined || (await deps.store.get('Group', id, { includeMembers: false })) !== undefined;
  });
  const missing = memberIds.filter((_, index) => !found[index]);
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).map((id) => `"${id}"`).join(', ');
    throw new ValidationError([{ path: 'members', message: `names no User or Group of this service: ${shown}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}` }], { scimType: 'invalidValue' });
  }
}
