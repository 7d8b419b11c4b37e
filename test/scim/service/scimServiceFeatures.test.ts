import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../../../src/domain/identityObject';
import { createAzuriteServices } from '../../support/azuriteServices';
import { BASE, ENTERPRISE, GROUP, USER, entraGroup, entraUser, patchOp, resourcesOf, scimTestClient, type ScimClient } from './scimTestClient';

/* Filters, sorting, paging, projection, ETags, uniqueness, mutability and PATCH forms, through HTTP. */
let scim: ScimClient;
const tag = randomUUID().slice(0, 8);
type Nick = 'alice' | 'bob' | 'carol' | 'dave' | 'erin';
const ids = {} as Record<Nick, string>;

const people: [Nick, string, number, boolean][] = [
  ['alice', 'Engineering', 30, true],
  ['bob', 'Sales', 25, false],
  ['carol', 'Engineering', 41, true],
  ['dave', 'Marketing', 35, true],
  ['erin', 'Sales', 28, true],
];

beforeAll(async () => {
  const { services, token } = await createAzuriteServices();
  scim = scimTestClient(services, token);
  for (const [nick, department, age, active] of people) {
    const body: JsonObject = {
      schemas: [USER, ENTERPRISE],
      userName: `${nick}.${tag}@example.com`,
      externalId: `${nick}-${tag}`,
      displayName: `${nick[0]!.toUpperCase()}${nick.slice(1)} ${tag}`,
      title: `t${age}`,
      active,
      emails: [{ type: 'work', value: `${nick}@work.example`, primary: true }, { type: 'home', value: `${nick}@home.example` }],
      [ENTERPRISE]: { department, employeeNumber: String(age) },
    };
    const reply = await scim('POST', '/Users', { body });
    expect(reply.status).toBe(201);
    ids[nick] = String(reply.body.id);
  }
});

const filtered = async (filter: string, extra = ''): Promise<string[]> => {
  const reply = await scim('GET', `/Users?filter=${encodeURIComponent(filter)}&count=1000${extra}`);
  expect(reply.status).toBe(200);
  return resourcesOf(reply)
    .map((r) => Object.entries(ids).find(([, id]) => id === r.id)?.[0] ?? '?')
    .filter((n) => n !== '?')
    .sort();
};

describe('filters through HTTP (RFC 7644 §3.4.2.2)', () => {
  test.each([
    [`userName eq "ALICE.${tag}@example.com"`, ['alice']],
    [`userName ne "alice.${tag}@example.com" and userName co "${tag}"`, ['bob', 'carol', 'dave', 'erin']],
    [`userName co "${tag}" and displayName sw "Ca"`, ['carol']],
    [`userName ew "${tag}@example.com" and userName sw "d"`, ['dave']],
    [`userName co "${tag}" and title gt "t30"`, ['carol', 'dave']],
    [`userName co "${tag}" and title ge "t30"`, ['alice', 'carol', 'dave']],
    [`userName co "${tag}" and title lt "t28"`, ['bob']],
    [`userName co "${tag}" and title le "t28"`, ['bob', 'erin']],
    [`userName co "${tag}" and active eq false`, ['bob']],
    [`userName co "${tag}" and not (active eq true)`, ['bob']],
    [`externalId eq "alice-${tag}" or externalId eq "erin-${tag}"`, ['alice', 'erin']],
    [`externalId eq "ALICE-${tag}"`, []],
    [`emails[type eq "work" and value eq "carol@work.example"]`, ['carol']],
    [`emails[type eq "work"].value eq "dave@work.example"`, ['dave']],
    [`emails.value eq "bob@home.example"`, ['bob']],
    [`userName co "${tag}" and ${ENTERPRISE}:department eq "Engineering"`, ['alice', 'carol']],
    [`userName co "${tag}" and title pr`, ['alice', 'bob', 'carol', 'dave', 'erin']],
    [`userName co "${tag}" and nickName pr`, []],
    [`userName co "${tag}" and meta.created gt "2000-01-01T00:00:00Z"`, ['alice', 'bob', 'carol', 'dave', 'erin']],
  ])('%s', async (filter, expected) => {
    expect(await filtered(filter)).toEqual(expected);
  });

  test('an unquoted value, as an old Entra example sends (reference §2.6)', async () => {
    expect(await filtered(`externalId eq alice-${tag}`)).toEqual(['alice']);
  });

  test.each(['userName eq', 'userName xx "a"', '((userName eq "a")', 'emails[type eq "work"', 'active gt true'])('400 invalidFilter for %s', async (filter) => {
    const reply = await scim('GET', `/Users?filter=${encodeURIComponent(filter)}`);
    expect(reply.status).toBe(400);
    expect(reply.body.scimType).toBe('invalidFilter');
  });
});

describe('sorting, paging, projection', () => {
  const filter = encodeURIComponent(`userName co "${tag}"`);
  test('sortBy/sortOrder, startIndex/count and totalResults', async () => {
    const page = await scim('GET', `/Users?filter=${filter}&sortBy=title&sortOrder=descending&startIndex=2&count=2`);
    expect(page.body).toEqual(expect.objectContaining({ totalResults: 5, startIndex: 2, itemsPerPage: 2 }));
    expect(resourcesOf(page).map((r) => r.title)).toEqual(['t35', 't30']);
    const all = await scim('GET', `/Users?filter=${filter}&sortBy=${encodeURIComponent(`${ENTERPRISE}:employeeNumber`)}`);
    expect(resourcesOf(all).map((r) => r.title)).toEqual(['t25', 't28', 't30', 't35', 't41']);
    expect(resourcesOf(await scim('GET', `/Users?filter=${filter}&startIndex=0&count=-4`))).toEqual([]);
  });

  test('count=0 answers totals only', async () => {
    const reply = await scim('GET', `/Users?filter=${filter}&count=0`);
    expect(reply.body).toEqual(expect.objectContaining({ totalResults: 5, itemsPerPage: 0, Resources: [] }));
  });

  test('attributes and excludedAttributes', async () => {
    const only = resourcesOf(await scim('GET', `/Users?filter=${filter}&attributes=userName,emails.value&count=1`))[0];
    expect(Object.keys(only ?? {}).sort()).toEqual(['emails', 'id', 'schemas', 'userName']);
    expect(only?.emails).toEqual([{ value: expect.any(String) }, { value: expect.any(String) }]);
    const without = await scim('GET', `/Users/${ids.alice}?excludedAttributes=emails,${ENTERPRISE}`);
    expect(without.body).not.toHaveProperty('emails');
    expect(without.body).not.toHaveProperty(ENTERPRISE);
    expect(without.body.schemas).toEqual([USER]);
  });

  test('bad paging or sorting parameters are 400 invalidValue', async () => {
    for (const query of ['count=ten', 'startIndex=1.5', 'sortOrder=sideways', `sortBy=${encodeURIComponent('emails[type eq "work"]')}`]) {
      const reply = await scim('GET', `/Users?${query}`);
      expect([query, reply.status, reply.body.scimType]).toEqual([query, 400, 'invalidValue']);
    }
  });

  test('POST /Users/.search and /.search take a SearchRequest', async () => {
    const search = await scim('POST', '/Users/.search', {
      body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: `userName co "${tag}"`, sortBy: 'userName', attributes: ['userName'], startIndex: 1, count: 2 },
    });
    expect(search.status).toBe(200);
    expect(search.body.totalResults).toBe(5);
    expect(resourcesOf(search).map((r) => r.userName)).toEqual([`alice.${tag}@example.com`, `bob.${tag}@example.com`]);
    const group = String((await scim('POST', '/Groups', { body: entraGroup(`search-${tag}`) })).body.id);
    const root = await scim('POST', '/.search', { body: { filter: `displayName co "${tag}"`, count: 100 } });
    expect(root.body.totalResults).toBe(6);
    expect(resourcesOf(root).some((r) => r.id === group && (r.meta as JsonObject).resourceType === 'Group')).toBe(true);
    expect((await scim('POST', '/Groups/.search', { body: { filter: 42 } })).status).toBe(400);
  });
});

describe('ETags (RFC 7644 §3.14)', () => {
  test('If-Match on PATCH, PUT and DELETE; If-None-Match on GET', async () => {
    const created = await scim('POST', '/Users', { body: entraUser(`etag-${tag}`) });
    const id = String(created.body.id);
    const v1 = String(created.headers.get('etag'));
    const notModified = await scim('GET', `/Users/${id}`, { headers: { 'If-None-Match': v1 } });
    expect(notModified.status).toBe(304);
    const patched = await scim('PATCH', `/Users/${id}`, { body: patchOp({ op: 'replace', path: 'title', value: 'x' }), headers: { 'If-Match': v1 } });
    expect(patched.status).toBe(200);
    const v2 = String(patched.headers.get('etag'));
    expect(v2).not.toBe(v1);
    expect((patched.body.meta as JsonObject).version).toBe(v2);
    expect((await scim('GET', `/Users/${id}`, { headers: { 'If-None-Match': v1 } })).status).toBe(200);
    const stale = await scim('PATCH', `/Users/${id}`, { body: patchOp({ op: 'replace', path: 'title', value: 'y' }), headers: { 'If-Match': v1 } });
    expect([stale.status, stale.body.scimType]).toEqual([412, 'invalidVers']);
    const put = await scim('PUT', `/Users/${id}`, { body: { ...entraUser(`etag-${tag}`), title: 'z' }, headers: { 'If-Match': '*' } });
    expect(put.status).toBe(200);
    expect((await scim('DELETE', `/Users/${id}`, { headers: { 'If-Match': v2 } })).status).toBe(412);
    expect((await scim('DELETE', `/Users/${id}`, { headers: { 'If-Match': `"nope", ${String(put.headers.get('etag'))}` } })).status).toBe(204);
  });
});

describe('uniqueness and mutability', () => {
  test('userName and displayName are unique case-insensitively: 409 uniqueness on POST, PUT, PATCH', async () => {
    const taken = await scim('POST', '/Users', { body: entraUser(`ALICE.${tag}@EXAMPLE.com`) });
    expect([taken.status, taken.body.scimType]).toEqual([409, 'uniqueness']);
    const bob = ids.bob;
    const viaPatch = await scim('PATCH', `/Users/${bob}`, { body: patchOp({ op: 'Replace', path: 'userName', value: `alice.${tag}@example.com` }) });
    expect([viaPatch.status, viaPatch.body.scimType]).toEqual([409, 'uniqueness']);
    const viaPut = await scim('PUT', `/Users/${bob}`, { body: { schemas: [USER], userName: `Carol.${tag}@example.com` } });
    expect([viaPut.status, viaPut.body.scimType]).toEqual([409, 'uniqueness']);
    await scim('POST', '/Groups', { body: entraGroup(`unique-${tag}`) });
    const group = await scim('POST', '/Groups', { body: entraGroup(`UNIQUE-${tag}`) });
    expect([group.status, group.body.scimType]).toEqual([409, 'uniqueness']);
  });

  test('readOnly targets are 400 mutability; readOnly values in a body are ignored', async () => {
    const alice = ids.alice;
    const operations: JsonObject[] = [{ op: 'replace', path: 'id', value: 'x' }, { op: 'add', path: 'groups', value: [{ value: 'g' }] }, { op: 'replace', path: 'meta.created', value: '2020-01-01T00:00:00Z' }, { op: 'replace', value: { groups: [] } }];
    for (const operation of operations) {
      const reply = await scim('PATCH', `/Users/${alice}`, { body: patchOp(operation) });
      expect([JSON.stringify(operation), reply.status, reply.body.scimType]).toEqual([JSON.stringify(operation), 400, 'mutability']);
    }
    const put = await scim('PUT', `/Users/${alice}`, { body: { schemas: [USER], id: 'forged', userName: `alice.${tag}@example.com`, meta: { created: '1999-01-01T00:00:00Z' } } });
    expect(put.status).toBe(200);
    expect(put.body.id).toBe(alice);
    expect((put.body.meta as JsonObject).created).not.toBe('1999-01-01T00:00:00Z');
    expect(put.body).not.toHaveProperty('emails'); // PUT replaces: attributes left out are cleared
  });

  test('members\' sub-attributes are immutable: 400 mutability', async () => {
    const group = String((await scim('POST', '/Groups', { body: entraGroup(`mut-${tag}`) })).body.id);
    const reply = await scim('PATCH', `/Groups/${group}`, { body: patchOp({ op: 'replace', path: `members[value eq "${ids.bob}"].value`, value: 'x' }) });
    expect([reply.status, reply.body.scimType]).toEqual([400, 'mutability']);
  });
});

describe('PATCH forms (RFC 7644 §3.5.2 and Entra, reference §2.6-2.8)', () => {
  let id: string;
  beforeAll(async () => {
    id = String((await scim('POST', '/Users', { body: entraUser(`patch-${tag}`) })).body.id);
  });
  const patch = async (...operations: JsonObject[]): Promise<JsonObject> => {
    const reply = await scim('PATCH', `/Users/${id}`, { body: patchOp(...operations) });
    expect(reply.status).toBe(200);
    return reply.body;
  };

  test('add to a multi-valued attribute appends; remove by filter; add/remove sub-attributes', async () => {
    let user = await patch({ op: 'add', path: 'emails', value: [{ type: 'home', value: 'h@example.com' }] });
    expect((user.emails as JsonObject[]).map((e) => e.type)).toEqual(['work', 'home']);
    user = await patch({ op: 'remove', path: 'emails[type eq "home"]' });
    expect((user.emails as JsonObject[]).map((e) => e.type)).toEqual(['work']);
    user = await patch({ op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' });
    expect(user.phoneNumbers).toEqual([{ type: 'mobile', value: '+1 555 0100' }]);
    user = await patch({ op: 'remove', path: 'name.formatted' });
    expect(user.name).toEqual({ familyName: 'familyName', givenName: 'givenName' });
    user = await patch({ op: 'remove', path: 'phoneNumbers' });
    expect(user).not.toHaveProperty('phoneNumbers');
  });

  test('path-less replace with an object whose keys are paths (the aadOptscim062020 multi-attribute shape)', async () => {
    const user = await patch({ op: 'replace', value: { displayName: 'D', 'name.givenName': 'G', [`${ENTERPRISE}:employeeNumber`]: '42', active: 'True' } });
    expect(user).toEqual(expect.objectContaining({ displayName: 'D', active: true }));
    expect((user.name as JsonObject).givenName).toBe('G');
    expect((user[ENTERPRISE] as JsonObject).employeeNumber).toBe('42');
  });

  test('manager as an old example sends it: unqualified path, value array', async () => {
    const user = await patch({ op: 'Add', path: 'manager', value: [{ $ref: `https://x/scim/Users/${ids.carol}`, value: ids.carol }] });
    expect((user[ENTERPRISE] as JsonObject).manager).toEqual({ $ref: `https://x/scim/Users/${ids.carol}`, value: ids.carol });
  });

  test('roles: JSON strings inside values (SingleAppRoleAssignment) and a full replace', async () => {
    let user = await patch({ op: 'Add', path: 'roles', value: [{ value: '{"id":"06b07648-ecfe-589f-9d2f-6325724a46ee","value":"25","displayName":"Role1234"}' }] });
    expect(user.roles).toEqual([{ value: '25', display: 'Role1234' }]);
    user = await patch({ op: 'replace', path: 'roles', value: [{ primary: false, type: 'WindowsAzureActiveDirectoryRole', value: 'Admin' }] });
    expect(user.roles).toEqual([{ primary: false, type: 'WindowsAzureActiveDirectoryRole', value: 'Admin' }]);
  });

  test('immutable and type errors', async () => {
    const bad = await scim('PATCH', `/Users/${id}`, { body: patchOp({ op: 'replace', path: 'active', value: 'maybe' }) });
    expect([bad.status, bad.body.scimType]).toEqual([400, 'invalidValue']);
    const op = await scim('PATCH', `/Users/${id}`, { body: patchOp({ op: 'Frobnicate', path: 'title', value: 'x' }) });
    expect([op.status, op.body.scimType]).toEqual([400, 'invalidSyntax']);
    const path = await scim('PATCH', `/Users/${id}`, { body: patchOp({ op: 'replace', path: 'emails[type eq', value: 'x' }) });
    expect([path.status, path.body.scimType]).toEqual([400, 'invalidPath']);
  });

  test('group members: replace the list, remove all, unknown members refused', async () => {
    const g = String((await scim('POST', '/Groups', { body: { schemas: [GROUP], displayName: `members-${tag}`, members: [{ value: ids.alice }] } })).body.id);
    expect((await scim('PATCH', `/Groups/${g}`, { body: patchOp({ op: 'replace', path: 'members', value: [{ value: ids.bob }, { value: ids.carol }] }) })).status).toBe(204);
    const listed = await scim('GET', `/Groups?filter=${encodeURIComponent(`members.value eq "${ids.carol}"`)}`);
    expect(resourcesOf(listed).map((r) => r.id)).toEqual([g]);
    const projected = await scim('PATCH', `/Groups/${g}?attributes=members`, { body: patchOp({ op: 'remove', path: `members[value eq "${ids.bob}" or value eq "${ids.carol}"]` }) });
    expect(projected.status).toBe(200);
    expect(projected.body.members).toBeUndefined();
    const unknown = await scim('PATCH', `/Groups/${g}`, { body: patchOp({ op: 'add', path: 'members', value: [{ value: 'no-such-id' }] }) });
    expect([unknown.status, unknown.body.scimType]).toEqual([400, 'invalidValue']);
    await scim('PATCH', `/Groups/${g}`, { body: patchOp({ op: 'add', value: { members: [{ value: ids.dave }], displayName: `members2-${tag}` } }) });
    const read = await scim('GET', `/Groups/${g}`);
    expect(read.body).toEqual(expect.objectContaining({ displayName: `members2-${tag}`, members: [{ value: ids.dave, type: 'User', $ref: `${BASE}/Users/${ids.dave}` }] }));
    await scim('PATCH', `/Groups/${g}`, { body: patchOp({ op: 'remove', path: 'members' }) });
    expect((await scim('GET', `/Groups/${g}`)).body).not.toHaveProperty('members');
  });
});
