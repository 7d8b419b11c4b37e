import type { ScimResourceRecord, ScimResourceType } from '../store/scimResourceStore';
import { prepareResource } from '../schema/prepareResource';
import { membersValue } from '../store/splitMembers';
import { memberIds } from './memberIds';
import { recordDirectoryChange } from './recordDirectoryChange';
import type { ScimServiceDeps } from './scimServiceDeps';
import { stampMeta } from './stampMeta';
import { verifyMembersExist } from './verifyMembersExist';

/**
 * POST /Users, /Groups (RFC 7644 §3.3): validated against the registry (unknown attributes dropped, readOnly
 * ones ignored), given a server id and meta, stored (409 uniqueness on a taken userName/displayName), then
 * reported to the gateway. Entra creates groups without members (reference §2.7); members given are checked.
 */
export async function createResource(deps: ScimServiceDeps, type: ScimResourceType, body: unknown): Promise<ScimResourceRecord> {
  const { resource } = prepareResource(deps.registry, type, body, { mode: 'create' });
  // Members are stored with the type they were found to have (members[].type, $ref), whatever the client said.
  if (type === 'Group' && resource.members !== undefined) resource.members = membersValue(await verifyMembersExist(deps, '', memberIds(resource.members)));
  // The store mints the id (RFC 7643 §3.1: assigned by the service provider), so that it can place the
  // resource in its name's partition and write the create in one transaction (docs/scim-storage.md).
  const record = await deps.store.create(type, stampMeta(type, undefined, resource, deps.now()));
  await recordDirectoryChange(deps, [{ resourceType: type, id: record.id, resource: record.resource }], () => deps.store.delete(type, record.id, { ifMatch: record.version }));
  return record;
}
