import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { isJsonObject, type JsonObject, type JsonValue } from '../../src/domain/identityObject';
import { TableScimUserStore } from '../../src/scim/tables/tableScimUserStore';
import { createScimUsersHandlers, scimUsersRoutes, type ScimHttpHandler } from '../../src/scim/users/createScimUsersHandlers';
import { testStorageConnection, uniqueName } from '../support/names';

const TOKEN = 'test-secret-token';
const BASE = 'https://idbridge.example/scim/v2/Users';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const store = new TableScimUserStore({ connectionString: testStorageConnection(), tablePrefix: uniqueName('scim') });
const handlers = createScimUsersHandlers({ users: store, token: TOKEN, now: () => new Date('2026-11-01T10:00:00.000Z') });
const context = new InvocationContext({ logHandler: () => {} });

interface Call {
  method?: string;
  id?: string;
  query?: Record<string, string>;
  body?: JsonValue | string;
  token?: string | null;
  headers?: Record<string, string>;
}

async function call(handler: ScimHttpHandler, { method = 'GET', id, query, body, token = TOKEN, headers = {} }: Call): Promise<{ status: number; body: JsonObject; headers: Headers }> {
  const url = new URL(id ? `${BASE}/${id}` : BASE);
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
  const request = new HttpRequest({
    method,
    url: url.toString(),
    headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), 'content-type': 'application/scim+json', ...headers },
    ...(id ? { params: { id } } : {}),
    ...(body === undefined ? {} : { body: { string: typeof body === 'string' ? body : JSON.stringify(body) } }),
  });
  const response: HttpResponseInit = await handler(request, context);
  const responseHeaders = new Headers(response.headers as Record<string, string>);
  expect(responseHeaders.get('content-type')).toBe('application/scim+json');
  const json = response.jsonBody as JsonValue | undefined;
  return { status: response.status ?? 200, body: isJsonObject(json) ? json : {}, headers: responseHeaders };
}

function entraUser(userName: string): JsonObject {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
    externalId: `ext-${userName}`,
    userName,
    active: true,
    emails: [{ primary: true, type: 'work', value: `${userName}@testuser.com` }],
    meta: { resourceType: 'User' },
    name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
    roles: [],
  };
}

test('exports the routes as data', () => {
  expect(scimUsersRoutes.map((r) => r.route)).toEqual(['scim/v2/Users', 'scim/v2/Users/{id}']);
});

test('a user lifecycle the way Entra drives it', async () => {
  const userName = `Test_User_${uniqueName('u')}`;

  // Test connection / match: a filter that matches nothing is an empty ListResponse.
  const empty = await call(handlers.list, { query: { filter: `userName eq "${userName}"` } });
  expect(empty.status).toBe(200);
  expect(empty.body).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });

  const created = await call(handlers.create, { method: 'POST', body: entraUser(userName) });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(created.headers.get('location')).toBe(`${BASE}/${id}`);
  expect(created.body.meta).toEqual({
    resourceType: 'User',
    created: '2026-11-01T10:00:00.000Z',
    lastModified: '2026-11-01T10:00:00.000Z',
    version: expect.stringMatching(/^W\/"/),
    location: `${BASE}/${id}`,
  });
  expect(created.headers.get('etag')).toBe((created.body.meta as JsonObject).version);

  const found = await call(handlers.list, { query: { filter: `userName eq "${userName.toUpperCase()}"` } });
  expect(found.body.totalResults).toBe(1);
  expect((found.body.Resources as JsonObject[])[0]?.id).toBe(id);
  const byExternalId = await call(handlers.list, { query: { filter: `externalId eq "ext-${userName}"` } });
  expect(byExternalId.body.totalResults).toBe(1);
  const byEmail = await call(handlers.list, { query: { filter: `emails[type eq "work"].value eq "${userName}@testuser.com"` } });
  expect(byEmail.body.totalResults).toBe(1);

  const disabled = await call(handlers.patch, {
    method: 'PATCH',
    id,
    body: { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] },
  });
  expect(disabled.status).toBe(200);
  expect(disabled.body.active).toBe(false);

  const renamed = await call(handlers.patch, {
    method: 'PATCH',
    id,
    body: {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
        { op: 'Add', path: `${ENTERPRISE}:manager`, value: 'mgr-1' },
      ],
    },
  });
  expect(renamed.status).toBe(200);

  const read = await call(handlers.get, { id });
  expect(read.status).toBe(200);
  expect(read.body).toMatchObject({
    id,
    userName,
    active: false,
    emails: [{ primary: true, type: 'work', value: 'updatedEmail@microsoft.com' }],
    name: { familyName: 'updatedFamilyName', givenName: 'givenName' },
    [ENTERPRISE]: { manager: { value: 'mgr-1' } },
  });
  // Inactive users are still found, and Entra's manager pre-check works.
  const managerCheck = await call(handlers.list, { query: { filter: `id eq "${id}" and manager eq "mgr-1"` } });
  expect(managerCheck.body.totalResults).toBe(1);

  const deleted = await call(handlers.remove, { method: 'DELETE', id });
  expect(deleted.status).toBe(204);
  expect((await call(handlers.get, { id })).status).toBe(404);
  expect((await call(handlers.list, { query: { filter: `userName eq "${userName}"` } })).body.totalResults).toBe(0);
  expect((await call(handlers.remove, { method: 'DELETE', id })).status).toBe(404);

  // The name is free again once its user is deleted.
  expect((await call(handlers.create, { method: 'POST', body: entraUser(userName) })).status).toBe(201);
});

test('userName is unique case-insensitively, on create, PATCH and PUT', async () => {
  const a = uniqueName('Ann');
  const b = uniqueName('Bob');
  const first = await call(handlers.create, { method: 'POST', body: { userName: a } });
  expect(first.status).toBe(201);
  const duplicate = await call(handlers.create, { method: 'POST', body: { userName: a.toUpperCase() } });
  expect(duplicate.status).toBe(409);
  expect(duplicate.body).toMatchObject({ status: '409', scimType: 'uniqueness', schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'] });

  const second = await call(handlers.create, { method: 'POST', body: { userName: b } });
  const secondId = second.body.id as string;
  const clash = await call(handlers.patch, { method: 'PATCH', id: secondId, body: { Operations: [{ op: 'replace', path: 'userName', value: a }] } });
  expect(clash.status).toBe(409);
  const putClash = await call(handlers.replace, { method: 'PUT', id: secondId, body: { userName: a } });
  expect(putClash.status).toBe(409);

  // Renaming moves the reservation: the old name becomes free, the new one taken.
  const c = uniqueName('Cid');
  const moved = await call(handlers.replace, { method: 'PUT', id: secondId, body: { userName: c, title: 'x' } });
  expect(moved.status).toBe(200);
  expect(moved.body).toMatchObject({ userName: c, title: 'x', meta: { created: '2026-11-01T10:00:00.000Z' } });
  expect((await call(handlers.create, { method: 'POST', body: { userName: b } })).status).toBe(201);
  expect((await call(handlers.create, { method: 'POST', body: { userName: c } })).status).toBe(409);
});

test('pages a filtered list with startIndex and count', async () => {
  const department = uniqueName('dept');
  for (let i = 0; i < 3; i++) {
    await call(handlers.create, { method: 'POST', body: { userName: uniqueName('p'), [ENTERPRISE]: { department } } });
  }
  const filter = `${ENTERPRISE}:department eq "${department}"`;
  const page1 = await call(handlers.list, { query: { filter, startIndex: '1', count: '2' } });
  const page2 = await call(handlers.list, { query: { filter, startIndex: '3', count: '2' } });
  expect(page1.body).toMatchObject({ totalResults: 3, startIndex: 1, itemsPerPage: 2 });
  expect(page2.body).toMatchObject({ totalResults: 3, startIndex: 3, itemsPerPage: 1 });
  const ids = [...(page1.body.Resources as JsonObject[]), ...(page2.body.Resources as JsonObject[])].map((r) => r.id);
  expect(new Set(ids).size).toBe(3);
});

test('If-Match guards writes', async () => {
  const created = await call(handlers.create, { method: 'POST', body: { userName: uniqueName('v') } });
  const id = created.body.id as string;
  const version = (created.body.meta as JsonObject).version as string;
  const ok = await call(handlers.patch, { method: 'PATCH', id, headers: { 'if-match': version }, body: { Operations: [{ op: 'add', path: 'title', value: 'a' }] } });
  expect(ok.status).toBe(200);
  const stale = await call(handlers.patch, { method: 'PATCH', id, headers: { 'if-match': version }, body: { Operations: [{ op: 'add', path: 'title', value: 'b' }] } });
  expect(stale.status).toBe(412);
  expect(stale.body.scimType).toBe('invalidVers');
});

test.each<[string, ScimHttpHandler, Call]>([
  ['no token', handlers.list, { token: null }],
  ['a wrong token', handlers.get, { id: 'x', token: 'wrong' }],
  ['a wrong token on create', handlers.create, { method: 'POST', body: { userName: 'x' }, token: 'nope' }],
])('401 for %s', async (_name, handler, request) => {
  const response = await call(handler, request);
  expect(response.status).toBe(401);
  expect(response.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
  expect(response.headers.get('www-authenticate')).toBe('Bearer');
});

test('400 (never 500) for malformed input', async () => {
  const existing = await call(handlers.create, { method: 'POST', body: { userName: uniqueName('m') } });
  const id = existing.body.id as string;
  const cases: [ScimHttpHandler, Call, string][] = [
    [handlers.create, { method: 'POST', body: '{"userName": ' }, 'invalidSyntax'],
    [handlers.create, { method: 'POST', body: '' }, 'invalidSyntax'],
    [handlers.create, { method: 'POST', body: '[1]' }, 'invalidSyntax'],
    [handlers.create, { method: 'POST', body: { displayName: 'no userName' } }, 'invalidValue'],
    [handlers.list, { query: { filter: 'userName eq' } }, 'invalidFilter'],
    [handlers.list, { query: { filter: 'userName co "a"' } }, 'invalidFilter'],
    [handlers.list, { query: { count: 'many' } }, 'invalidValue'],
    [handlers.patch, { method: 'PATCH', id, body: 'not json' }, 'invalidSyntax'],
    [handlers.patch, { method: 'PATCH', id, body: { Operations: [{ op: 'add', path: 'emails[type', value: 'x' }] } }, 'invalidPath'],
    [handlers.patch, { method: 'PATCH', id, body: { Operations: [{ op: 'remove', path: 'userName' }] } }, 'invalidValue'],
    [handlers.replace, { method: 'PUT', id, body: { userName: '' } }, 'invalidValue'],
  ];
  for (const [handler, request, scimType] of cases) {
    const response = await call(handler, request);
    expect({ request, status: response.status, scimType: response.body.scimType }).toEqual({ request, status: 400, scimType });
  }
  expect((await call(handlers.get, { id: 'does-not-exist' })).status).toBe(404);
  expect((await call(handlers.patch, { method: 'PATCH', id: 'nope', body: { Operations: [{ op: 'add', path: 'title', value: 'a' }] } })).status).toBe(404);
});

test('concurrent creates of one userName: exactly one wins', async () => {
  const name = uniqueName('race');
  const responses = await Promise.all(Array.from({ length: 5 }, (_, i) => call(handlers.create, { method: 'POST', body: { userName: i % 2 ? name : name.toUpperCase() } })));
  expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
  expect((await call(handlers.list, { query: { filter: `userName eq "${name}"` } })).body.totalResults).toBe(1);
});
