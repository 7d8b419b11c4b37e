import { randomUUID } from 'node:crypto';
import type { Services } from '../../../src/app/services';
import { TransientError } from '../../../src/domain/errors';
import type { JsonObject } from '../../../src/domain/identityObject';
import type { DirectoryChange } from '../../../src/scim/directoryChangeSink';
import { createAzuriteServices } from '../../support/azuriteServices';
import { BASE, ENTERPRISE, LIST, entraGroup, entraUser, patchOp, resourcesOf, scimTestClient, type ScimClient } from './scimTestClient';

/*
 * The whole user and group lifecycle exactly as Entra's provisioning service drives it
 * (reference/inbound-and-scim.md §2.2, §2.6, §2.7, §2.8), request by request, through the production routes.
 */
let scim: ScimClient;
const reported: DirectoryChange[] = [];

beforeAll(async () => {
  const { services, token } = await createAzuriteServices();
  const spied: Services = { ...services, directoryChanges: { recordChanges: async (changes) => void reported.push(...changes) } };
  scim = scimTestClient(spied, token);
});

test('user and group lifecycle, step by step as Entra sends it', async () => {
  // §2.2 Test Connection: a random GUID as the matching value → 200 with an empty ListResponse.
  const probe = await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${randomUUID()}"`)}`);
  expect(probe.status).toBe(200);
  expect(probe.headers.get('content-type')).toBe('application/scim+json');
  expect(probe.body).toEqual({ schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });

  // §2.6 step 1: match by userName; not found.
  const userName = `Test_User_${randomUUID()}`;
  const match = await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
  expect(match.body.totalResults).toBe(0);

  // step 2: create with Entra's body.
  const created = await scim('POST', '/Users', { body: entraUser(userName) });
  expect(created.status).toBe(201);
  const id = String(created.body.id);
  expect(created.headers.get('location')).toBe(`https://idbridge.example/scim/v2/Users/${id}`);
  expect(created.headers.get('etag')).toMatch(/^W\/".+"$/);
  expect(created.body.meta).toEqual({ resourceType: 'User', created: expect.any(String), lastModified: expect.any(String), version: created.headers.get('etag'), location: created.headers.get('location') });
  expect(created.body).not.toHaveProperty('roles'); // [] is unassigned (RFC 7643 §2.5)

  // A manager to point at later.
  const manager = await scim('POST', '/Users', { body: entraUser(`Manager_${randomUUID()}`) });
  const managerId = String(manager.body.id);

  // step 1 again, now found (case-insensitively: userName is caseExact false).
  const found = await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName.toUpperCase()}"`)}`);
  expect(resourcesOf(found).map((r) => r.id)).toEqual([id]);

  // step 4: read by id.
  const read = await scim('GET', `/Users/${id}`);
  expect(read.status).toBe(200);
  expect(read.body.userName).toBe(userName);

  // step 5: PATCH Replace with a filtered path and a plain path.
  const replaced = await scim('PATCH', `/Users/${id}`, {
    body: patchOp({ op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' }, { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' }),
  });
  expect(replaced.status).toBe(200);
  expect(replaced.body.emails).toEqual([{ primary: true, type: 'work', value: 'updatedEmail@microsoft.com' }]);
  expect(replaced.body.name).toEqual(expect.objectContaining({ familyName: 'updatedFamilyName', givenName: 'givenName' }));

  // step 6: manager as the manager's id string, after checking the current value with id eq ... and manager eq ...
  const check = await scim('GET', `/Users?filter=${encodeURIComponent(`id eq "${id}" and manager eq "${managerId}"`)}`);
  expect(check.body.totalResults).toBe(0);
  const managed = await scim('PATCH', `/Users/${id}`, { body: patchOp({ op: 'Replace', path: `${ENTERPRISE}:manager`, value: managerId }) });
  expect(managed.status).toBe(200);
  expect((managed.body[ENTERPRISE] as JsonObject).manager).toEqual({ value: managerId });
  const recheck = await scim('GET', `/Users?filter=${encodeURIComponent(`id eq "${id}" and manager eq "${managerId}"`)}`);
  expect(recheck.body.totalResults).toBe(1);

  // step 7: disable with the string "False"; the soft-deleted user is still returned.
  const disabled = await scim('PATCH', `/Users/${id}`, { body: patchOp({ op: 'Replace', path: 'active', value: 'False' }) });
  expect(disabled.body.active).toBe(false);
  expect((await scim('GET', `/Users/${id}`)).body.active).toBe(false);
  expect((await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`)).body.totalResults).toBe(1);

  // §2.7 groups: match, create with the ADSCIM URN, read without members.
  const displayName = `Group ${randomUUID()}`;
  const groupMatch = await scim('GET', `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq "${displayName}"`)}`);
  expect(groupMatch.body).toEqual(expect.objectContaining({ totalResults: 0, Resources: [] }));
  const group = await scim('POST', '/Groups', { body: entraGroup(displayName) });
  expect(group.status).toBe(201);
  const groupId = String(group.body.id);
  expect(group.body.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:Group']);

  // Add members: several in one op, $ref null.
  const added = await scim('PATCH', `/Groups/${groupId}`, { body: patchOp({ op: 'Add', path: 'members', value: [{ $ref: null, value: id }, { $ref: null, value: managerId }] }) });
  expect(added.status).toBe(204);
  expect(added.headers.get('content-type')).toBe('application/scim+json');
  const withMembers = await scim('GET', `/Groups/${groupId}`);
  expect((withMembers.body.members as JsonObject[]).map((m) => m.value).sort()).toEqual([id, managerId].sort());
  expect((await scim('GET', `/Users/${id}?attributes=groups`)).body.groups).toEqual([{ value: groupId, type: 'direct', $ref: `${BASE}/Groups/${groupId}` }]);

  // Rename.
  expect((await scim('PATCH', `/Groups/${groupId}`, { body: patchOp({ op: 'Replace', path: 'displayName', value: `${displayName} renamed` }) })).status).toBe(204);

  // Remove members, default shape: a value array on Remove (not defined by RFC 7644).
  const removed = await scim('PATCH', `/Groups/${groupId}`, { body: patchOp({ op: 'Remove', path: 'members', value: [{ $ref: null, value: managerId }] }) });
  expect(removed.status).toBe(204);
  // Remove members, aadOptscim062020 shape.
  const flagged = await scim('PATCH', `/Groups/${groupId}?aadOptscim062020`, { body: patchOp({ op: 'remove', path: `members[value eq "${id}"]` }) });
  expect(flagged.status).toBe(204);

  // Read with excludedAttributes=members: no members key at all.
  const groupRead = await scim('GET', `/Groups/${groupId}?excludedAttributes=members`);
  expect(groupRead.status).toBe(200);
  expect(groupRead.body).not.toHaveProperty('members');
  expect(groupRead.body.displayName).toBe(`${displayName} renamed`);
  expect((await scim('GET', `/Groups/${groupId}`)).body).not.toHaveProperty('members');

  // Delete user and group.
  expect((await scim('DELETE', `/Users/${id}`)).status).toBe(204);
  const gone = await scim('GET', `/Users/${id}`);
  expect(gone.status).toBe(404);
  expect(gone.body).toEqual(expect.objectContaining({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404' }));
  expect((await scim('DELETE', `/Groups/${groupId}`)).status).toBe(204);
  expect((await scim('GET', `/Groups/${groupId}`)).status).toBe(404);

  // The gateway heard every write, groups with their whole member list.
  const groupChanges = reported.filter((c) => c.resourceType === 'Group' && c.id === groupId);
  expect(groupChanges.map((c) => (c.resource ? ((c.resource.members as JsonObject[] | undefined) ?? []).length : null))).toEqual([0, 2, 2, 1, 0, null]);
  expect(reported.filter((c) => c.id === id).map((c) => c.resource?.active ?? null)).toEqual([true, true, true, false, null]);
});

test('a deleted user leaves its groups, and the groups are reported with their new members', async () => {
  const a = String((await scim('POST', '/Users', { body: entraUser(`a-${randomUUID()}`) })).body.id);
  const b = String((await scim('POST', '/Users', { body: entraUser(`b-${randomUUID()}`) })).body.id);
  const g = String((await scim('POST', '/Groups', { body: entraGroup(`g-${randomUUID()}`) })).body.id);
  await scim('PATCH', `/Groups/${g}`, { body: patchOp({ op: 'add', path: 'members', value: [{ value: a }, { value: b }] }) });
  reported.length = 0;
  expect((await scim('DELETE', `/Users/${a}`)).status).toBe(204);
  expect(((await scim('GET', `/Groups/${g}`)).body.members as JsonObject[]).map((m) => m.value)).toEqual([b]);
  expect(reported.map((c) => [c.resourceType, c.id, c.resource === null ? null : (c.resource.members as JsonObject[]).map((m) => m.value)])).toEqual([
    ['User', a, null],
    ['Group', g, [b]],
  ]);
});

test('undoes a write whose change the gateway could not record, so that Entra\'s retry writes again', async () => {
  const { services, token } = await createAzuriteServices();
  let fail = false;
  const flaky: Services = {
    ...services,
    directoryChanges: {
      recordChanges: async () => {
        if (fail) throw new TransientError('queue unavailable');
      },
    },
  };
  const client = scimTestClient(flaky, token);
  fail = true;
  const userName = `u-${randomUUID()}`;
  expect((await client('POST', '/Users', { body: entraUser(userName) })).status).toBe(503);
  fail = false;
  const created = await client('POST', '/Users', { body: entraUser(userName) });
  expect(created.status).toBe(201);
  const id = String(created.body.id);
  fail = true;
  expect((await client('PATCH', `/Users/${id}`, { body: patchOp({ op: 'replace', path: 'active', value: false }) })).status).toBe(503);
  expect((await client('GET', `/Users/${id}`)).body.active).toBe(true);
  const g = await (async () => {
    fail = false;
    return String((await client('POST', '/Groups', { body: entraGroup(`g-${randomUUID()}`) })).body.id);
  })();
  fail = true;
  expect((await client('PATCH', `/Groups/${g}`, { body: patchOp({ op: 'add', path: 'members', value: [{ value: id }] }) })).status).toBe(503);
  expect(await services.directory.members(g)).toEqual([]);
  expect((await client('DELETE', `/Users/${id}`)).status).toBe(503);
  fail = false;
  expect((await client('GET', `/Users/${id}`)).status).toBe(200);
});
