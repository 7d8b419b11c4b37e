import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '../../../src/domain/errors';
import type { JsonObject } from '../../../src/domain/identityObject';
import { TableScimResourceStore } from '../../../src/scim/store/tableScimResourceStore';
import { testStorageConnection, uniqueName } from '../../support/names';

let groupCommit = false;
/** minted: the store assigns ids (one transaction per create); caller: the port's original contract. */
let ids: 'minted' | 'caller' = 'minted';

/** 8 buckets so that rows share partitions (and, with group commit, transactions) even in small tests. */
function newStore(): TableScimResourceStore {
  return new TableScimResourceStore({ connectionString: testStorageConnection(), tablePrefix: uniqueName('s'), partitions: 8, groupCommit });
}

function withId(resource: JsonObject): JsonObject {
  return ids === 'caller' ? { id: randomUUID(), ...resource } : resource;
}

function user(userName: string, extra: JsonObject = {}): JsonObject {
  return withId({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, ...extra });
}

function group(displayName: string, extra: JsonObject = {}): JsonObject {
  return withId({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName, ...extra });
}

const byUserName = (value: string) => ({ hints: [{ attribute: 'userName', value }], predicate: (r: JsonObject) => String(r.userName).toLowerCase() === value.toLowerCase(), startIndex: 1, count: 10 });

describe.each([
  [false, 'minted'],
  [true, 'minted'],
  [false, 'caller'],
] as const)('TableScimResourceStore (group commit %s, %s ids)', (withGroupCommit, idMode) => {
  beforeAll(() => {
    groupCommit = withGroupCommit;
    ids = idMode;
  });

  it('mints ids that name the partition of their unique value, and keeps a caller-assigned id', async () => {
    const store = newStore();
    const created = await store.create('User', user('mint@example.com'));
    if (idMode === 'minted') expect(created.id).toMatch(/^0[0-7]-[0-9a-f]{24}-[0-9a-f]{12}$/);
    expect(created.resource.id).toBe(created.id);
    expect(await store.get('User', created.id)).toEqual(created);
    expect((await store.query('User', byUserName('MINT@example.com'))).resources).toEqual([created]);
    const given = `caller-${randomUUID()}`;
    expect((await store.create('User', { ...user('given@example.com'), id: given })).id).toBe(given);
    await expect(store.create('User', { ...user('given2@example.com'), id: given })).rejects.toMatchObject({ scimType: 'uniqueness' });
    expect((await store.query('User', byUserName('given2@example.com'))).totalResults).toBe(0);
  });

  it('renames across partitions and back: lookups follow, old names are free, and concurrent renames agree', async () => {
    const store = newStore();
    const a = await store.create('User', user('start@example.com', { externalId: 'ra' }));
    let current = a;
    for (const name of ['r1@example.com', 'r2@example.com', 'r3@example.com', 'start@example.com']) {
      current = await store.replace('User', { ...current.resource, userName: name }, { ifMatch: current.version });
      expect((await store.query('User', byUserName(name))).resources).toEqual([current]);
    }
    for (const name of ['r1@example.com', 'r2@example.com', 'r3@example.com']) expect((await store.query('User', byUserName(name))).totalResults).toBe(0);
    // Ten writers rename the same user to the same name, ten others to names of their own.
    await Promise.allSettled([
      ...Array.from({ length: 10 }, () => store.replace('User', { ...a.resource, userName: 'same@example.com' })),
      ...Array.from({ length: 10 }, (_, i) => store.replace('User', { ...a.resource, userName: `own${i}@example.com` })),
    ]);
    const final = await store.get('User', a.id);
    const name = String(final?.resource.userName);
    expect((await store.query('User', byUserName(name))).resources).toEqual([final]);
    await expect(store.create('User', user(name))).rejects.toMatchObject({ scimType: 'uniqueness' });
    for (const other of ['same@example.com', ...Array.from({ length: 10 }, (_, i) => `own${i}@example.com`)].filter((n) => n !== name)) {
      expect((await store.query('User', byUserName(other))).totalResults).toBe(0);
      await store.create('User', user(other));
    }
    expect((await store.query('User', { hints: [{ attribute: 'externalId', value: 'ra' }], startIndex: 1, count: 10 })).resources).toEqual([final]);
  });

  it('creates, reads, replaces and deletes a user, with a new weak ETag on every write', async () => {
    const store = newStore();
    const created = await store.create('User', user('bjensen@example.com', { externalId: 'e1' }));
    expect(created.version).toMatch(/^W\/".+"$/);
    expect(await store.get('User', created.id)).toEqual(created);
    const replaced = await store.replace('User', { ...created.resource, displayName: 'Babs' }, { ifMatch: created.version });
    expect(replaced.version).not.toBe(created.version);
    expect((await store.get('User', created.id))?.resource.displayName).toBe('Babs');
    expect((await store.query('User', byUserName('BJENSEN@example.com'))).resources[0]).toEqual(replaced);
    await store.delete('User', created.id, { ifMatch: replaced.version });
    expect(await store.get('User', created.id)).toBeUndefined();
    await expect(store.delete('User', created.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.replace('User', created.resource)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('rejects a stale If-Match with invalidVers and changes nothing', async () => {
    const store = newStore();
    const created = await store.create('User', user('etag@example.com'));
    const replaced = await store.replace('User', { ...created.resource, title: 'new' });
    const stale = store.replace('User', { ...created.resource, title: 'stale' }, { ifMatch: created.version });
    await expect(stale).rejects.toMatchObject({ scimType: 'invalidVers' });
    await expect(store.delete('User', created.id, { ifMatch: created.version })).rejects.toMatchObject({ scimType: 'invalidVers' });
    expect(await store.get('User', created.id)).toEqual(replaced);
  });

  it('lets exactly one of 20 concurrent creates of one userName (in any case) win', async () => {
    const store = newStore();
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => store.create('User', user(i % 2 ? 'Same@Example.com' : 'same@example.com'))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ scimType: 'uniqueness' });
    expect((await store.query('User', { startIndex: 1, count: 100 })).totalResults).toBe(1);
  });

  it('moves the unique claim on rename: the old name is free, the new one taken, no stale hit', async () => {
    const store = newStore();
    const a = await store.create('User', user('old@example.com'));
    const b = await store.create('User', user('other@example.com'));
    await store.replace('User', { ...a.resource, userName: 'new@example.com' });
    expect((await store.query('User', byUserName('old@example.com'))).totalResults).toBe(0);
    expect((await store.query('User', byUserName('new@example.com'))).resources.map((r) => r.id)).toEqual([a.id]);
    await expect(store.replace('User', { ...b.resource, userName: 'NEW@example.com' })).rejects.toMatchObject({ scimType: 'uniqueness' });
    await expect(store.create('User', user('new@example.com'))).rejects.toBeInstanceOf(ConflictError);
    await store.create('User', user('old@example.com'));
  });

  it('answers externalId, emails.value and id hints by point reads and never returns stale hits', async () => {
    const store = newStore();
    const a = await store.create('User', user('a@example.com', { externalId: 'X1', emails: [{ value: 'A@Mail.example', type: 'work' }] }));
    const b = await store.create('User', user('b@example.com', { externalId: 'X1' }));
    const ids = async (attribute: string, value: string, predicate?: (r: JsonObject) => boolean) =>
      (await store.query('User', { hints: [{ attribute, value }], ...(predicate ? { predicate } : {}), startIndex: 1, count: 10 })).resources.map((r) => r.id);
    expect((await ids('externalId', 'X1')).sort()).toEqual([a.id, b.id].sort());
    expect(await ids('emails.value', 'a@mail.example')).toEqual([a.id]);
    expect(await ids('id', b.id)).toEqual([b.id]);
    await store.replace('User', { ...a.resource, externalId: 'X2', emails: [] });
    expect(await ids('externalId', 'X1', (r) => r.externalId === 'X1')).toEqual([b.id]);
    expect(await ids('emails.value', 'a@mail.example', () => false)).toEqual([]);
    await store.delete('User', b.id);
    expect(await ids('externalId', 'X1')).toEqual([]);
    expect((await store.query('User', byUserName('b@example.com'))).totalResults).toBe(0);
  });

  it('finds an email equal to the userName through the claim (no shared row for it), also across renames', async () => {
    const store = newStore();
    const emailsOf = (value: string) => ({ emails: [{ value, type: 'work' }] });
    const ids = async (value: string) =>
      (await store.query('User', { hints: [{ attribute: 'emails.value', value }], startIndex: 1, count: 10 })).resources.map((r) => r.id).sort();
    // Entra's default mappings: mail = userPrincipalName (here in another case).
    const a = await store.create('User', user('Kim.Lee@example.com', emailsOf('kim.lee@EXAMPLE.com')));
    const b = await store.create('User', user('other@example.com', emailsOf('kim.lee@example.com')));
    expect(await ids('KIM.LEE@example.com')).toEqual([a.id, b.id].sort());
    // Renamed away from the email: the email now needs its shared row, and has it.
    const renamed = await store.replace('User', { ...a.resource, userName: 'kim.park@example.com' });
    expect(await ids('kim.lee@example.com')).toEqual([a.id, b.id].sort());
    // The claim's new holder does not carry the email: it is not a hit.
    const c = await store.create('User', user('kim.lee@example.com'));
    expect(await ids('kim.lee@example.com')).toEqual([a.id, b.id].sort());
    // Renamed to the email again (after the name is free): still found once, through the claim.
    await store.delete('User', c.id);
    await store.replace('User', { ...renamed.resource, userName: 'KIM.LEE@example.com' });
    expect(await ids('kim.lee@example.com')).toEqual([a.id, b.id].sort());
    await store.delete('User', a.id);
    expect(await ids('kim.lee@example.com')).toEqual([b.id]);
  });

  it('pages with correct totals and a stable order, with and without hints', async () => {
    const store = newStore();
    const created = await Promise.all(Array.from({ length: 25 }, (_, i) => store.create('User', user(`p${i}@example.com`, { externalId: i % 2 ? 'odd' : 'even' }))));
    const seen: string[] = [];
    for (let start = 1; start <= 25; start += 10) {
      const page = await store.query('User', { startIndex: start, count: 10 });
      expect(page.totalResults).toBe(25);
      seen.push(...page.resources.map((r) => r.id));
    }
    expect(new Set(seen).size).toBe(25);
    const odd = (r: JsonObject) => r.externalId === 'odd';
    const scanned = await store.query('User', { predicate: odd, startIndex: 3, count: 5 });
    expect(scanned.totalResults).toBe(12);
    expect(scanned.resources).toHaveLength(5);
    const hinted = await store.query('User', { hints: [{ attribute: 'externalId', value: 'odd' }], predicate: odd, startIndex: 11, count: 5 });
    expect(hinted.totalResults).toBe(12);
    expect(hinted.resources).toHaveLength(2);
    const sorted = await store.query('User', { sort: (x, y) => String(x.userName).localeCompare(String(y.userName)), startIndex: 1, count: 3 });
    expect(sorted.resources.map((r) => r.resource.userName)).toEqual(['p0@example.com', 'p1@example.com', 'p10@example.com']);
    expect(created).toHaveLength(25);
  });

  it('keeps group displayName unique and stores members apart, 3,000 of them', async () => {
    const store = newStore();
    const g = await store.create('Group', group('Engineers', { externalId: 'obj-1' }));
    await expect(store.create('Group', group('ENGINEERS'))).rejects.toMatchObject({ scimType: 'uniqueness' });
    const memberIds = Array.from({ length: 3000 }, () => randomUUID());
    await store.addMembers(g.id, memberIds);
    await store.addMembers(g.id, memberIds.slice(0, 10)); // idempotent
    expect((await store.members(g.id)).sort()).toEqual([...memberIds].sort());
    expect(await store.groupsOf(memberIds[42]!)).toEqual([g.id]);
    await store.removeMembers(g.id, memberIds.slice(0, 1000));
    expect((await store.members(g.id)).sort()).toEqual(memberIds.slice(1000).sort());
    expect(await store.groupsOf(memberIds[42]!)).toEqual([]);
    const light = await store.get('Group', g.id, { includeMembers: false });
    expect(light?.resource.members).toBeUndefined();
    expect(((await store.get('Group', g.id))?.resource.members as JsonObject[]).length).toBe(2000);
    const hit = await store.query('Group', { hints: [{ attribute: 'displayName', value: 'engineers' }], startIndex: 1, count: 10 });
    expect(hit.resources.map((r) => r.id)).toEqual([g.id]);
    expect(hit.resources[0]?.resource.members).toBeUndefined();
    await store.delete('Group', g.id);
    expect(await store.members(g.id)).toEqual([]);
    await expect(store.addMembers(g.id, ['x'])).rejects.toBeInstanceOf(NotFoundError);
  }, 120_000);

  it('replaces a group member list by difference, and creates a group with members', async () => {
    const store = newStore();
    const g = await store.create('Group', group('Ops', { members: [{ value: 'u1' }, { value: 'u2' }] }));
    expect((await store.members(g.id)).sort()).toEqual(['u1', 'u2']);
    await store.replace('Group', { ...g.resource, displayName: 'Operations', members: [{ value: 'u2' }, { value: 'u3' }] });
    expect((await store.members(g.id)).sort()).toEqual(['u2', 'u3']);
    expect(await store.groupsOf('u1')).toEqual([]);
    expect((await store.query('Group', { hints: [{ attribute: 'displayName', value: 'Ops' }], startIndex: 1, count: 1 })).totalResults).toBe(0);
  });

  it('keeps each member\'s type through create, addMembers and replace, and reads it back with the group', async () => {
    const store = newStore();
    const g = await store.create('Group', group('Typed', { members: [{ value: 'u1', type: 'User' }, { value: 'g9', type: 'Group' }, { value: 'x1', type: 'Robot' }] }));
    expect(g.resource.members).toEqual([{ value: 'u1', type: 'User' }, { value: 'g9', type: 'Group' }, { value: 'x1' }]);
    await store.addMembers(g.id, [{ value: 'u2', type: 'User' }, 'u3']);
    const read = async () => ((await store.get('Group', g.id))?.resource.members as JsonObject[]).slice().sort((a, b) => String(a.value).localeCompare(String(b.value)));
    expect(await read()).toEqual([{ value: 'g9', type: 'Group' }, { value: 'u1', type: 'User' }, { value: 'u2', type: 'User' }, { value: 'u3' }, { value: 'x1' }]);
    // Kept members keep their type when the new list leaves it out; a type given fills in a row without one.
    const replaced = await store.replace('Group', { ...g.resource, members: [{ value: 'u1' }, { value: 'u3', type: 'User' }] });
    expect(replaced.resource.members).toEqual([{ value: 'u1', type: 'User' }, { value: 'u3', type: 'User' }]);
    expect(await read()).toEqual([{ value: 'u1', type: 'User' }, { value: 'u3', type: 'User' }]);
    expect((await store.members(g.id)).sort()).toEqual(['u1', 'u3']);
  });

  it('lists each resource once, whether it still holds the name it was created under or was renamed away and back', async () => {
    const store = newStore();
    const stay = await store.create('User', user('stay@example.com'));
    const away = await store.create('User', user('away@example.com'));
    const back = await store.create('User', user('back@example.com'));
    const movedAway = await store.replace('User', { ...away.resource, userName: 'gone@example.com' });
    const renamed = await store.replace('User', { ...back.resource, userName: 'elsewhere@example.com' });
    const movedBack = await store.replace('User', { ...renamed.resource, userName: 'back@example.com' });
    // The name `away` left is free again, and its new holder does not hide the renamed user's id.
    const reuse = await store.create('User', user('away@example.com'));
    const listed = await store.query('User', { startIndex: 1, count: 100 });
    expect(listed.totalResults).toBe(4);
    expect(listed.resources.map((r) => r.id).sort()).toEqual([stay.id, away.id, back.id, reuse.id].sort());
    expect(await store.get('User', away.id)).toEqual(movedAway);
    expect(await store.get('User', back.id)).toEqual(movedBack);
    expect(await store.get('User', reuse.id)).toEqual(reuse);
    expect((await store.query('User', byUserName('away@example.com'))).resources).toEqual([reuse]);
    expect((await store.query('User', byUserName('back@example.com'))).resources).toEqual([movedBack]);
    // Each can be replaced and deleted whatever row holds it, and its name is then free.
    for (const record of [stay, movedAway, movedBack, reuse]) {
      const again = await store.replace('User', { ...record.resource, title: 'last' }, { ifMatch: record.version });
      await expect(store.delete('User', record.id, { ifMatch: record.version })).rejects.toMatchObject({ scimType: 'invalidVers' });
      await store.delete('User', record.id, { ifMatch: again.version });
      expect(await store.get('User', record.id)).toBeUndefined();
    }
    expect((await store.query('User', { startIndex: 1, count: 100 })).totalResults).toBe(0);
    for (const name of ['stay@example.com', 'gone@example.com', 'back@example.com', 'away@example.com']) await store.create('User', user(name));
  });

  it('leaves lookups by id and by name in agreement when deletes race replaces and renames', async () => {
    const store = newStore();
    for (let i = 0; i < 6; i++) {
      const created = await store.create('User', user(`race${i}@example.com`));
      const rename = i % 2 === 1;
      await Promise.allSettled([
        store.delete('User', created.id),
        store.replace('User', { ...created.resource, title: 'raced', ...(rename ? { userName: `renamed${i}@example.com` } : {}) }),
      ]);
      const byId = await store.get('User', created.id);
      const names = [`race${i}@example.com`, `renamed${i}@example.com`];
      const byName = (await Promise.all(names.map(async (n) => (await store.query('User', byUserName(n))).resources))).flat();
      expect(byName).toEqual(byId ? [byId] : []);
      // Whatever won, the names nobody holds can be taken.
      for (const n of names) if (!byName.some((r) => String(r.resource.userName).toLowerCase() === n)) await store.create('User', user(n));
    }
  });

  it('keeps the userName copy equal to the resource under concurrent replaces', async () => {
    const store = newStore();
    const created = await store.create('User', user('race@example.com'));
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.replace('User', { ...created.resource, title: `t${i}` })));
    const byId = await store.get('User', created.id);
    const byName = (await store.query('User', byUserName('race@example.com'))).resources[0];
    expect(byName).toEqual(byId);
  });
});
