import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../../../src/domain/identityObject';
import { createAzuriteServices } from '../../support/azuriteServices';
import { BASE, GROUP, entraGroup, entraUser, patchOp, resourcesOf, scimTestClient, type ScimClient } from './scimTestClient';

/* Group members as RFC 7643 §4.2 shows them (value, type, $ref), a user's groups (§4.1.2), and If-None-Match on groups (RFC 7644 §3.14). */
let scim: ScimClient;
const tag = randomUUID().slice(0, 8);

beforeAll(async () => {
  const { services, token } = await createAzuriteServices();
  scim = scimTestClient(services, token);
});

const createUser = async (name: string): Promise<string> => String((await scim('POST', '/Users', { body: entraUser(`${name}-${tag}`) })).body.id);
const createGroup = async (body: JsonObject): Promise<string> => {
  const reply = await scim('POST', '/Groups', { body });
  expect(reply.status).toBe(201);
  return String(reply.body.id);
};
const user = (id: string): JsonObject => ({ value: id, type: 'User', $ref: `${BASE}/Users/${id}` });
const group = (id: string): JsonObject => ({ value: id, type: 'Group', $ref: `${BASE}/Groups/${id}` });
const byValue = (members: unknown): JsonObject[] => [...(members as JsonObject[])].sort((a, b) => String(a.value).localeCompare(String(b.value)));

describe('members[] with type and $ref', () => {
  test('users and nested groups, whatever type the client claimed, through POST, PATCH, PUT, list and the PATCH response', async () => {
    const [ann, ben] = [await createUser('ann'), await createUser('ben')];
    const inner = await createGroup(entraGroup(`inner-${tag}`));
    // The client's type, $ref and display are not believed: the service says what the id is.
    const outer = await createGroup({ schemas: [GROUP], displayName: `outer-${tag}`, members: [{ value: ann, type: 'Group', $ref: 'https://elsewhere.example/x', display: 'Ann?' }, { value: inner }] });
    const created = await scim('GET', `/Groups/${outer}`);
    expect(byValue(created.body.members)).toEqual(byValue([user(ann), group(inner)]));

    const patched = await scim('PATCH', `/Groups/${outer}?attributes=members`, { body: patchOp({ op: 'Add', path: 'members', value: [{ value: ben }] }) });
    expect(patched.status).toBe(200);
    expect(byValue(patched.body.members)).toEqual(byValue([user(ann), user(ben), group(inner)]));

    const put = await scim('PUT', `/Groups/${outer}`, { body: { schemas: [GROUP], displayName: `outer-${tag}`, members: [{ value: ben }, { value: inner, type: 'User' }] } });
    expect(put.status).toBe(200);
    expect(byValue(put.body.members)).toEqual(byValue([user(ben), group(inner)]));

    const listed = await scim('GET', `/Groups?filter=${encodeURIComponent(`displayName eq "outer-${tag}"`)}`);
    expect(byValue(resourcesOf(listed)[0]?.members)).toEqual(byValue([user(ben), group(inner)]));
    const usersOnly = await scim('GET', `/Groups?filter=${encodeURIComponent(`displayName eq "outer-${tag}" and members[type eq "Group"]`)}`);
    expect(resourcesOf(usersOnly).map((r) => r.id)).toEqual([outer]);
  });

  test("a user's groups carry the group's $ref", async () => {
    const cat = await createUser('cat');
    const team = await createGroup({ schemas: [GROUP], displayName: `team-${tag}`, members: [{ value: cat }] });
    const read = await scim('GET', `/Users/${cat}?attributes=groups`);
    expect(read.body.groups).toEqual([{ value: team, type: 'direct', $ref: `${BASE}/Groups/${team}` }]);
  });
});

describe('If-None-Match on groups and on user groups', () => {
  test('304 for a group read without members while its version stands; a member change moves it; reads showing members always answer 200', async () => {
    const dan = await createUser('dan');
    const g = await createGroup(entraGroup(`etag-${tag}`));
    const first = await scim('GET', `/Groups/${g}?excludedAttributes=members`);
    const v1 = String(first.headers.get('etag'));
    expect((await scim('GET', `/Groups/${g}?excludedAttributes=members`, { headers: { 'If-None-Match': v1 } })).status).toBe(304);

    const added = await scim('PATCH', `/Groups/${g}`, { body: patchOp({ op: 'Add', path: 'members', value: [{ value: dan }] }) });
    expect(added.status).toBe(204);
    const v2 = String(added.headers.get('etag'));
    expect(v2).not.toBe(v1);
    const afterAdd = await scim('GET', `/Groups/${g}?excludedAttributes=members`, { headers: { 'If-None-Match': v1 } });
    expect([afterAdd.status, afterAdd.headers.get('etag')]).toEqual([200, v2]);
    expect((await scim('GET', `/Groups/${g}?excludedAttributes=members`, { headers: { 'If-None-Match': v2 } })).status).toBe(304);

    const withMembers = await scim('GET', `/Groups/${g}`, { headers: { 'If-None-Match': v2 } });
    expect(withMembers.status).toBe(200);
    expect(withMembers.body.members).toEqual([user(dan)]);
  });

  test('a user read showing groups answers 200 even when its own version has not moved', async () => {
    const eve = await createUser('eve');
    const v = String((await scim('GET', `/Users/${eve}`)).headers.get('etag'));
    expect((await scim('GET', `/Users/${eve}`, { headers: { 'If-None-Match': v } })).status).toBe(304);
    const club = await createGroup({ schemas: [GROUP], displayName: `club-${tag}`, members: [{ value: eve }] });
    const read = await scim('GET', `/Users/${eve}?attributes=groups`, { headers: { 'If-None-Match': v } });
    expect([read.status, read.headers.get('etag')]).toEqual([200, v]);
    expect(read.body.groups).toEqual([expect.objectContaining({ value: club })]);
    await scim('PATCH', `/Groups/${club}`, { body: patchOp({ op: 'Remove', path: 'members' }) });
    const left = await scim('GET', `/Users/${eve}?attributes=groups`, { headers: { 'If-None-Match': v } });
    expect(left.status).toBe(200);
    expect(left.body.groups).toBeUndefined();
  });
});
