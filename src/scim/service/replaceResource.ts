import type { ScimResourceRecord, ScimResourceType } from '../store/scimResourceStore';
import { prepareResource } from '../schema/prepareResource';
import { assertIfMatch } from './assertIfMatch';
import { membersValue } from '../store/splitMembers';
import { memberIds, membersWithTypes } from './memberIds';
import { readExisting } from './readExisting';
import { recordDirectoryChange } from './recordDirectoryChange';
import { retryLostRace } from './retryLostRace';
import type { ScimServiceDeps } from './scimServiceDeps';
import { stampMeta } from './stampMeta';
import { verifyMembersExist } from './verifyMembersExist';

/**
 * PUT /Users/{id}, /Groups/{id} (RFC 7644 §3.5.1): the body replaces every client-owned attribute; readOnly
 * values are kept, immutable ones may not change (400 mutability), attributes left out are cleared, a
 * group's member list included (§3.5.1: "replaces all attributes"), `meta.created` is kept.
 */
export async function replaceResource(deps: ScimServiceDeps, type: ScimResourceType, id: string, body: unknown, ifMatch: string | undefined): Promise<ScimResourceRecord> {
  return retryLostRace(ifMatch !== undefined && ifMatch.trim() !== '', async () => {
    const existing = await readExisting(deps, type, id, type === 'Group');
    assertIfMatch(type, id, ifMatch, existing.version);
    const { resource } = prepareResource(deps.registry, type, body, { mode: 'replace', existing: existing.resource });
    if (type === 'Group') {
      // Members kept keep their stored type; new ones get the type they are found to have.
      const before = new Map(membersWithTypes(existing.resource.members).map((m) => [m.value, m]));
      const wanted = memberIds(resource.members);
      const added = new Map((await verifyMembersExist(deps, id, wanted.filter((m) => !before.has(m)))).map((m) => [m.value, m]));
      resource.members = membersValue(wanted.map((m) => before.get(m) ?? added.get(m) ?? { value: m }));
    }
    const record = await deps.store.replace(type, stampMeta(type, id, resource, deps.now(), existing.resource), { ifMatch: existing.version });
    await recordDirectoryChange(deps, [{ resourceType: type, id, resource: record.resource }], () => deps.store.replace(type, existing.resource, { ifMatch: record.version }));
    return record;
  });
}
