import { createNodeHttpTransport } from '../../../src/connectors/scim/nodeHttpTransport';
import { SCIM_ERROR_CODES } from '../../../src/connectors/scim/scimErrorCodes';
import type { ScimTransport } from '../../../src/connectors/scim/scimTransport';
import { ScimTargetConnector } from '../../../src/connectors/scim/ScimTargetConnector';
import { PermanentError } from '../../../src/domain/errors';
import { isJsonObject, type JsonObject } from '../../../src/domain/identityObject';
import { SCIM_CORE_GROUP, SCIM_CORE_USER } from '../../../src/scim/scimSchemas';
import { lastModifiedOf } from '../../../src/sources/lastModifiedOf';
import { ScimSourceConnector, type ScimSourceConnectorOptions } from '../../../src/sources/scim/ScimSourceConnector';
import { readSourceWatermark } from '../../../src/sources/sourceWatermark';
import { type ScimmyPeer, type ScimmyPeerOptions, startScimmyPeer } from '../../support/scimmyPeer';
import { keysByType, readAllPages } from '../readAllPages';
import { rejectionOf } from '../rejectionOf';

/** Before any watermark these tests take, so that seeded resources count as unchanged. */
const LONG_AGO = '2025-01-01T00:00:00.000Z';

function newUser(userName: string): JsonObject {
  return { schemas: [SCIM_CORE_USER], userName, displayName: userName, active: true, emails: [{ type: 'work', value: `${userName}@example.com`, primary: true }] };
}

function oldUser(userName: string): JsonObject {
  return { ...newUser(userName), meta: { resourceType: 'User', created: LONG_AGO, lastModified: LONG_AGO } };
}

function oldGroup(displayName: string, memberIds: readonly string[]): JsonObject {
  return { schemas: [SCIM_CORE_GROUP], displayName, members: memberIds.map((value) => ({ value })), meta: { resourceType: 'Group', created: LONG_AGO, lastModified: LONG_AGO } };
}

/** The URLs a source sent, to see which requests were filtered. */
function recordingTransport(): { transport: ScimTransport; urls: string[] } {
  const inner = createNodeHttpTransport();
  const urls: string[] = [];
  return { urls, transport: async (request) => (urls.push(decodeURIComponent(request.url)), inner(request)) };
}

describe('ScimSourceConnector against an independent SCIM service (scimmy, filter advertised)', () => {
  const peers: ScimmyPeer[] = [];
  async function newPeer(options: ScimmyPeerOptions = {}): Promise<{ peer: ScimmyPeer; client: ScimTargetConnector }> {
    const peer = await startScimmyPeer({ advertiseFilter: true, ...options });
    peers.push(peer);
    return { peer, client: new ScimTargetConnector({ baseUrl: peer.baseUrl, token: peer.token, timeoutInMs: 5000 }) };
  }
  function sourceFor(peer: ScimmyPeer, options: Partial<ScimSourceConnectorOptions> = {}): ScimSourceConnector {
    return new ScimSourceConnector({ baseUrl: peer.baseUrl, token: peer.token, timeoutInMs: 5000, pageSize: 7, objectTypes: ['User', 'Group'], ...options });
  }
  afterEach(async () => {
    await Promise.all(peers.splice(0).map((peer) => peer.stop()));
  });

  it('reads every user across pages of an odd size, as the source holds them, and ends with a watermark', async () => {
    const { peer, client } = await newPeer();
    for (let i = 1; i <= 23; i++) await client.create('User', newUser(`user${String(i).padStart(2, '0')}`));
    const read = await readAllPages(sourceFor(peer), 'full');

    expect(keysByType(read.objects)).toEqual({ User: peer.users().map((u) => String(u.id)).sort() });
    expect(read.pages.length).toBeGreaterThanOrEqual(4);
    for (const page of read.pages) {
      expect(page.objects.length).toBeLessThanOrEqual(7);
      expect(page.fullRead).toBe(true);
      expect(page.deletions).toEqual([]);
    }
    for (const page of read.pages.slice(0, -1)) expect([page.nextCursor !== undefined, page.watermark]).toEqual([true, undefined]);
    expect(read.last.nextCursor).toBeUndefined();
    expect(readSourceWatermark(read.last.watermark)?.since).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const stored = new Map(peer.users().map((u) => [String(u.id), u]));
    for (const object of read.objects) {
      const original = stored.get(object.key);
      expect(object.data).toMatchObject({ id: object.key, userName: original?.userName, emails: original?.emails });
      expect(object.version).toBe(lastModifiedOf(original ?? {}));
    }
  });

  it('reads groups after users, with their members as source ids in the shape the gateway stages', async () => {
    const { peer, client } = await newPeer();
    const ids: string[] = [];
    for (const name of ['ada', 'bob', 'cy']) ids.push((await client.create('User', newUser(name))).id);
    const staff = await client.create('Group', { displayName: 'Staff', members: [...ids].reverse().map((value) => ({ value, display: 'someone' })) });
    const empty = await client.create('Group', { displayName: 'Empty' });

    const read = await readAllPages(sourceFor(peer, { pageSize: 2 }), 'full');
    const types = read.objects.map((o) => o.objectType);
    expect(types.lastIndexOf('User')).toBeLessThan(types.indexOf('Group'));
    expect(keysByType(read.objects)).toEqual({ User: [...ids].sort(), Group: [staff.id, empty.id].sort() });

    const staffRead = read.objects.find((o) => o.key === staff.id);
    expect(staffRead?.data.displayName).toBe('Staff');
    // Sorted source ids, without scimmy's display and $ref.
    const members = staffRead?.data.members;
    expect(members).toEqual([...ids].sort().map((value) => expect.objectContaining({ value })));
    for (const member of Array.isArray(members) ? members : []) expect(isJsonObject(member) ? Object.keys(member).filter((k) => k !== 'value' && k !== 'type') : member).toEqual([]);
  });

  it('reads only the object types it is given', async () => {
    const { peer, client } = await newPeer();
    await client.create('User', newUser('only.user'));
    await client.create('Group', { displayName: 'Unread' });
    const { transport, urls } = recordingTransport();
    const read = await readAllPages(sourceFor(peer, { objectTypes: ['User'], transport }), 'full');
    expect(read.objects.map((o) => o.objectType)).toEqual(['User']);
    expect(urls.some((url) => url.includes('/Groups'))).toBe(false);
  });

  it('reads only what changed since the watermark, with a meta.lastModified filter', async () => {
    const { peer, client } = await newPeer();
    const [first, second] = peer.seed('User', [oldUser('old1'), oldUser('old2'), oldUser('old3')]);
    peer.seed('Group', [oldGroup('Old group', [String(first)])]);
    const initial = await readAllPages(sourceFor(peer), 'full');
    expect(initial.objects).toHaveLength(4);

    await client.update('User', String(second), [{ path: 'displayName', value: 'Renamed' }]);
    const added = await client.create('User', newUser('new.user'));
    const { transport, urls } = recordingTransport();
    const changes = await readAllPages(sourceFor(peer, { transport }), 'changes', initial.last.watermark);

    expect(keysByType(changes.objects)).toEqual({ User: [String(second), added.id].sort() });
    expect(changes.objects.find((o) => o.key === second)?.data.displayName).toBe('Renamed');
    expect(changes.pages.every((page) => page.fullRead === false)).toBe(true);
    const since = readSourceWatermark(initial.last.watermark)?.since;
    expect(urls.filter((url) => url.includes('/Users?') || url.includes('/Groups?')).every((url) => url.includes(`filter=meta.lastModified gt "${since}"`))).toBe(true);
    expect(readSourceWatermark(changes.last.watermark)?.since).toBeDefined();
  });

  it('falls back to a full read when the source answers the filter with 400 invalidFilter', async () => {
    const { peer } = await newPeer({ rejectLastModifiedFilter: ['Users', 'Groups'] });
    peer.seed('User', [oldUser('a'), oldUser('b')]);
    const initial = await readAllPages(sourceFor(peer), 'full');
    const changes = await readAllPages(sourceFor(peer), 'changes', initial.last.watermark);
    expect(changes.pages.every((page) => page.fullRead)).toBe(true);
    expect(keysByType(changes.objects)).toEqual(keysByType(initial.objects));
  });

  it('restarts as a full read from the first page when a later object type refuses the filter', async () => {
    const { peer, client } = await newPeer({ rejectLastModifiedFilter: ['Groups'] });
    const userIds = peer.seed('User', [oldUser('a'), oldUser('b'), oldUser('c')]);
    const groupIds = peer.seed('Group', [oldGroup('G1', userIds.slice(0, 1)), oldGroup('G2', [])]);
    const initial = await readAllPages(sourceFor(peer), 'full');
    await client.update('User', String(userIds[1]), [{ path: 'displayName', value: 'Changed' }]);

    const changes = await readAllPages(sourceFor(peer), 'changes', initial.last.watermark);
    expect(changes.pages[0]?.fullRead).toBe(false);
    expect(changes.pages[0]?.objects.map((o) => o.key)).toEqual([userIds[1]]);
    // The groups page was refused; the read began again, in full, from the users.
    expect(changes.pages[1]?.fullRead).toBe(true);
    expect(changes.pages[1]?.objects.map((o) => o.objectType)).toEqual(['User', 'User', 'User']);
    expect(changes.last.fullRead).toBe(true);
    expect(keysByType(changes.pages.slice(1).flatMap((p) => p.objects))).toEqual({ User: [...userIds].sort(), Group: [...groupIds].sort() });
  });

  it('reads in full, knowingly, a source that ignores the filter', async () => {
    const { peer } = await newPeer({ ignoreLastModifiedFilter: ['Users'] });
    peer.seed('User', [oldUser('a'), oldUser('b'), oldUser('c')]);
    const initial = await readAllPages(sourceFor(peer, { objectTypes: ['User'] }), 'full');
    const changes = await readAllPages(sourceFor(peer, { objectTypes: ['User'] }), 'changes', initial.last.watermark);
    expect(changes.pages.every((page) => page.fullRead)).toBe(true);
    expect(changes.objects).toHaveLength(3);
  });

  it('reads in full, without trying the filter, after a read met resources without meta.lastModified', async () => {
    const { peer } = await newPeer();
    peer.seed('User', [{ ...newUser('undated'), meta: { resourceType: 'User' } }, oldUser('dated')]);
    const initial = await readAllPages(sourceFor(peer), 'full');
    expect(initial.objects.map((o) => o.version === undefined).sort()).toEqual([false, true]);
    expect(readSourceWatermark(initial.last.watermark)).toEqual({ v: 1, since: null });

    const { transport, urls } = recordingTransport();
    const changes = await readAllPages(sourceFor(peer, { transport }), 'changes', initial.last.watermark);
    expect(changes.pages.every((page) => page.fullRead)).toBe(true);
    expect(changes.objects).toHaveLength(2);
    expect(urls.some((url) => url.includes('filter='))).toBe(false);
  });

  it('skips nobody when users are deleted between two pages', async () => {
    const { peer, client } = await newPeer();
    for (let i = 1; i <= 16; i++) await client.create('User', newUser(`u${String(i).padStart(2, '0')}`));
    const source = sourceFor(peer, { pageSize: 8, objectTypes: ['User'] });
    const first = await source.readPage({ mode: 'full' });
    // Two deletes before the next page shift every later user down by two places.
    for (const object of first.objects.slice(0, 2)) await client.delete('User', object.key);
    const seen = new Set(first.objects.map((o) => o.key));
    let cursor = first.nextCursor;
    while (cursor !== undefined) {
      const page = await source.readPage({ mode: 'full', cursor });
      for (const object of page.objects) seen.add(object.key);
      cursor = page.nextCursor;
    }
    for (const remaining of peer.users()) expect(seen).toContain(remaining.id);
  });

  it('reads one object by id, and undefined for an id the source does not have', async () => {
    const { peer, client } = await newPeer();
    const ada = await client.create('User', newUser('ada'));
    const group = await client.create('Group', { displayName: 'Team', members: [{ value: ada.id }] });
    const source = sourceFor(peer);

    expect(await source.readObject('User', ada.id)).toMatchObject({ objectType: 'User', key: ada.id, data: { userName: 'ada' } });
    expect((await source.readObject('user', ada.id))?.objectType).toBe('User');
    const team = await source.readObject(SCIM_CORE_GROUP, group.id);
    expect(team?.objectType).toBe('Group');
    expect(team?.data.members).toEqual([expect.objectContaining({ value: ada.id })]);
    expect(team?.version).toBe(lastModifiedOf(peer.groups()[0] ?? {}));
    expect(await source.readObject('User', 'no-such-id')).toBeUndefined();
    expect((await rejectionOf(source.readObject('Device', 'x'))).constructor).toBe(PermanentError);
  });

  it('fails with the unauthorized code on a refused token, and never shows a token', async () => {
    const { peer } = await newPeer();
    const wrongToken = 'wrong-token-0123456789';
    const source = sourceFor(peer, { token: wrongToken });
    const attempts = [() => source.readPage({ mode: 'full' }), () => source.readObject('User', 'x'), () => source.readPage({ mode: 'changes', watermark: JSON.stringify({ v: 1, since: LONG_AGO }) })];
    for (const attempt of attempts) {
      const error = await rejectionOf(attempt());
      expect(error).toBeInstanceOf(PermanentError);
      expect((error as PermanentError).code).toBe(SCIM_ERROR_CODES.unauthorized);
      expect(error.message).toMatch(/^SCIM source answered 401/);
      expect(error.message).toContain('source.tokenSetting');
      expect(error.message).not.toContain(wrongToken);
      expect(error.message).not.toContain(peer.token);
    }
  });

  it('refuses a cursor it did not write', async () => {
    const { peer } = await newPeer();
    const error = await rejectionOf(sourceFor(peer).readPage({ mode: 'full', cursor: '{"startIndex":3}' }));
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).code).toBe('SourceCursorInvalid');
  });
});
