import type { ScimResourceRecord } from '../store/scimResourceStore';
import type { ScimServiceDeps } from './scimServiceDeps';

/** The readOnly User `groups` (RFC 7643 §4.1.2): the groups listing the user directly. */
export async function attachGroups(deps: Pick<ScimServiceDeps, 'store'>, record: ScimResourceRecord): Promise<ScimResourceRecord> {
  const groups = await deps.store.groupsOf(record.id);
  if (groups.length === 0) return record;
  return { ...record, resource: { ...record.resource, groups: groups.map((value) => ({ value, type: 'direct' })) } };
}
