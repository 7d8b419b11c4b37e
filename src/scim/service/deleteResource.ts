import type { DirectoryChange } from '../directoryChangeSink';
import type { ScimResourceType } from '../store/scimResourceStore';
import { assertIfMatch } from './assertIfMatch';
import { readExisting } from './readExisting';
import { recordDirectoryChange } from './recordDirectoryChange';
import type { ScimServiceDeps } from './scimServiceDeps';

/**
 * DELETE /Users/{id}, /Groups/{id} (RFC 7644 §3.6): a hard delete; GET answers 404 afterwards. The resource
 * also leaves every group that listed it, so that no group keeps a member that does not exist (RFC 7643 §4.2:
 * members are ids of resources), and those groups are reported to the gateway with their new member lists.
 * Soft deletes are PATCH active false (reference §2.1, §2.6 step 7).
 */
export async function deleteResource(deps: ScimServiceDeps, type: ScimResourceType, id: string, ifMatch: string | undefined): Promise<void> {
  // Read first to check If-Match and to be able to undo; the delete itself stays conditional on that version.
  const existing = await readExisting(deps, type, id, type === 'Group');
  assertIfMatch(type, id, ifMatch, existing.version);
  await deps.store.delete(type, id, { ifMatch: existing.version });
  const parents = await deps.store.groupsOf(id);
  await Promise.all(parents.map((groupId) => deps.store.removeMembers(groupId, [id])));
  const changes: DirectoryChange[] = [{ resourceType: type, id, resource: null }];
  for (const groupId of parents) {
    const group = await deps.store.get('Group', groupId, { includeMembers: true });
    if (group) changes.push({ resourceType: 'Group', id: groupId, resource: group.resource });
  }
  await recordDirectoryChange(deps, changes, async () => {
    await deps.store.create(type, existing.resource);
    await Promise.all(parents.map((groupId) => deps.store.addMembers(groupId, [{ value: id, type }])));
  });
}
