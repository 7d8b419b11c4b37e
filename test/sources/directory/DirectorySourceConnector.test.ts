import type { Services } from '../../../src/app/services';
import { isJsonObject, type JsonObject, type JsonValue } from '../../../src/domain/identityObject';
import type { DirectoryChange } from '../../../src/scim/directoryChangeSink';
import { ScimSchemaRegistry } from '../../../src/scim/schema/scimSchemaRegistry';
import { SCIM_CORE_GROUP, SCIM_CORE_USER, SCIM_PATCH_OP } from '../../../src/scim/scimSchemas';
import { createResource } from '../../../src/scim/service/createResource';
import { deleteResource } from '../../../src/scim/service/deleteResource';
import { patchResource } from '../../../src/scim/service/patchResource';
import type { ScimServiceDeps } from '../../../src/scim/service/scimServiceDeps';
import { DirectorySourceConnector } from '../../../src/sources/directory/DirectorySourceConnector';
import { lastModifiedOf } from '../../../src/sources/lastModifiedOf';
import type { SourceObject } from '../../../src/sources/sourceConnector';
import { readSourceWatermark } from '../../../src/sources/sourceWatermark';
import { createAzuriteServices } from '../../support/azuriteServices';
import { keysByType, readAllPages } from '../readAllPages';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-01T08:00:00.000Z');

/**
 * Member lists compared as sets: the gateway stages them in write order, the store lists them in its own. A
 * group created without members is staged without the attribute, and read with an empty list: the same thing.
 */
function withSortedMembers(data: JsonValue | undefined, objectType = 'Group'): JsonValue | undefined {
  if (!isJsonObject(data) || objectType !== 'Group') return data;
  const values = (Array.isArray(data.members) ? data.members : []).map((m) => (isJsonObject(m) ? String(m.value) : String(m))).sort();
  return { ...data, members: values.map((value) => ({ value })) };
}

/*
 * The built-in directory on Azurite, written through idbridge's own SCIM service operations, whose change
 * reports are what the gateway stages (src/gateway/createDirectoryChangeSink.ts): the pull source must read
 * the very same data, so that the same mappings work whichever way a change arrived.
 */
describe('DirectorySourceConnector against the built-in directory (Azurite)', () => {
  let services: Services;
  let deps: ScimServiceDeps;
  let serviceNow = new Date(T0);
  /** The newest state reported to the gateway per `type|id` (null: deleted). */
  const reported = new Map<string, JsonObject | null>();
  const userIds: string[] = [];
  const groupIds: string[] = [];

  function sourceAt(nowMs: number, pageSize = 3, objectTypes: ('User' | 'Group')[] = ['User', 'Group']): DirectorySourceConnector {
    return new DirectorySourceConnector({ store: services.directory, pageSize, objectTypes, now: () => new Date(nowMs) });
  }

  function expectAsReported(objects: readonly SourceObject[]): void {
    for (const object of objects) {
      const pushed = reported.get(`${object.objectType}|${object.key}`);
      expect(withSortedMembers(object.data, object.objectType)).toEqual(withSortedMembers(pushed ?? undefined, object.objectType));
      expect(object.version).toBe(lastModifiedOf(pushed ?? {}));
    }
  }

  beforeAll(async () => {
    ({ services } = await createAzuriteServices());
    deps = {
      store: services.directory,
      registry: new ScimSchemaRegistry(),
      now: () => serviceNow,
      changes: {
        recordChanges: async (changes: readonly DirectoryChange[]) => {
          for (const change of changes) reported.set(`${change.resourceType}|${change.id}`, change.resource);
        },
      },
    };
    for (let i = 1; i <= 8; i++) {
      const user = { schemas: [SCIM_CORE_USER], userName: `user${i}@example.com`, displayName: `User ${i}`, active: true, emails: [{ type: 'work', value: `user${i}@example.com`, primary: true }] };
      userIds.push((await createResource(deps, 'User', user)).id);
    }
    groupIds.push((await createResource(deps, 'Group', { schemas: [SCIM_CORE_GROUP], displayName: 'Staff', members: [{ value: userIds[3] ?? '' }, { value: userIds[0] ?? '' }] })).id);
    groupIds.push((await createResource(deps, 'Group', { schemas: [SCIM_CORE_GROUP], displayName: 'Empty' })).id);
    // A member added by PATCH, as Entra adds them (reference/inbound-and-scim.md §2.7).
    await patchResource(deps, 'Group', groupIds[0] ?? '', { schemas: [SCIM_PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: userIds[5] ?? '' }] }] }, undefined);
  });

  it('reads every user and group page by page, exactly as the gateway stages them', async () => {
    const read = await readAllPages(sourceAt(T0 + HOUR), 'full');
    expect(keysByType(read.objects)).toEqual({ User: [...userIds].sort(), Group: [...groupIds].sort() });
    expect(read.pages.length).toBeGreaterThanOrEqual(4);
    expect(read.pages.every((page) => page.fullRead && page.objects.length <= 3)).toBe(true);
    expectAsReported(read.objects);
    const staff = read.objects.find((o) => o.key === groupIds[0]);
    expect(withSortedMembers(staff?.data)).toMatchObject({ members: [userIds[0], userIds[3], userIds[5]].sort().map((value) => ({ value })) });
    expect(readSourceWatermark(read.last.watermark)).toEqual({ v: 1, since: new Date(T0 + HOUR - 5 * 60_000).toISOString().replace('.000Z', 'Z') });
  });

  it('reads one object by id, with a group\'s members, and undefined for an unknown id', async () => {
    const source = sourceAt(T0 + HOUR);
    const user = await source.readObject('User', userIds[2] ?? '');
    expect(user?.objectType).toBe('User');
    expectAsReported(user ? [user] : []);
    const staff = await source.readObject('group', groupIds[0] ?? '');
    expect(staff?.objectType).toBe('Group');
    expectAsReported(staff ? [staff] : []);
    expect(await source.readObject('User', 'no-such-user')).toBeUndefined();
    await expect(source.readObject('Device', 'x')).rejects.toMatchObject({ code: 'SourceObjectTypeUnsupported' });
  });

  it('reads only what changed since the watermark, and everything when asked for changes without one', async () => {
    const initial = await readAllPages(sourceAt(T0 + HOUR), 'full');
    serviceNow = new Date(T0 + 2 * HOUR);
    await patchResource(deps, 'User', userIds[2] ?? '', { schemas: [SCIM_PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'Renamed' }] }, undefined);
    const added = await createResource(deps, 'User', { schemas: [SCIM_CORE_USER], userName: 'late@example.com' });
    await deleteResource(deps, 'User', userIds[7] ?? '', undefined);

    const changes = await readAllPages(sourceAt(T0 + 3 * HOUR), 'changes', initial.last.watermark);
    expect(keysByType(changes.objects)).toEqual({ User: [userIds[2] ?? '', added.id].sort() });
    expect(changes.objects.find((o) => o.key === userIds[2])?.data.displayName).toBe('Renamed');
    expect(changes.pages.every((page) => !page.fullRead && page.deletions.length === 0)).toBe(true);
    expectAsReported(changes.objects);

    const unwatermarked = await readAllPages(sourceAt(T0 + 3 * HOUR, 100, ['User']), 'changes');
    expect(unwatermarked.last.fullRead).toBe(true);
    expect(keysByType(unwatermarked.objects)).toEqual({ User: [...userIds.slice(0, 7), added.id].sort() });
  });
});
