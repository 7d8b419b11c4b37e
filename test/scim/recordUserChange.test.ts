import { HttpRequest, InvocationContext } from '@azure/functions';
import { TransientError } from '../../src/domain/errors';
import type { JsonObject } from '../../src/domain/identityObject';
import type { DirectoryChange } from '../../src/scim/directoryChangeSink';
import { TableScimUserStore } from '../../src/scim/tables/tableScimUserStore';
import { createScimUsersHandlers } from '../../src/scim/users/createScimUsersHandlers';
import { testStorageConnection, uniqueName } from '../support/names';

/*
 * The Users handlers report every successful write to the directory change sink; when the sink fails the
 * client gets a 5xx and the write is undone, so that Entra's retry (which matches before writing) writes again.
 */
const TOKEN = 'test-secret-token';
const BASE = 'https://idbridge.example/scim/v2/Users';
const store = new TableScimUserStore({ connectionString: testStorageConnection(), tablePrefix: uniqueName('scimchg') });
const context = new InvocationContext({ logHandler: () => {} });
const reported: DirectoryChange[] = [];
let failNext = false;
const handlers = createScimUsersHandlers({
  users: store,
  token: TOKEN,
  changes: {
    recordChanges: async (changes) => {
      if (failNext) {
        failNext = false;
        throw new TransientError('queue unavailable');
      }
      reported.push(...changes);
    },
  },
});

function request(method: string, id: string | undefined, body?: JsonObject): HttpRequest {
  return new HttpRequest({
    method,
    url: id ? `${BASE}/${id}` : BASE,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' },
    ...(id ? { params: { id } } : {}),
    ...(body ? { body: { string: JSON.stringify(body) } } : {}),
  });
}

function idOf(response: { jsonBody?: unknown }): string {
  const body = response.jsonBody;
  if (typeof body !== 'object' || body === null || !('id' in body)) throw new Error('no id in the answer');
  return String(body.id);
}

const user = (userName: string): JsonObject => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, active: true });

describe('Users handlers → directory change sink', () => {
  it('reports create, patch and delete with the stored resource (null for a delete)', async () => {
    const created = await handlers.create(request('POST', undefined, user('ada@example.com')), context);
    expect(created.status).toBe(201);
    const id = idOf(created);
    const patched = await handlers.patch(request('PATCH', id, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] }), context);
    expect(patched.status).toBe(200);
    expect((await handlers.remove(request('DELETE', id), context)).status).toBe(204);
    expect(reported.map((c) => [c.resourceType, c.id, c.resource?.active ?? null])).toEqual([
      ['User', id, true],
      ['User', id, false],
      ['User', id, null],
    ]);
  });

  it('undoes a create whose change could not be recorded, so that the retry creates it again', async () => {
    failNext = true;
    const failed = await handlers.create(request('POST', undefined, user('grace@example.com')), context);
    expect(failed.status).toBe(503);
    const retried = await handlers.create(request('POST', undefined, user('grace@example.com')), context);
    expect(retried.status).toBe(201);
  });

  it('undoes a patch whose change could not be recorded', async () => {
    const created = await handlers.create(request('POST', undefined, user('alan@example.com')), context);
    const id = idOf(created);
    failNext = true;
    const failed = await handlers.patch(request('PATCH', id, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] }), context);
    expect(failed.status).toBe(503);
    expect((await store.getUser(id))?.resource.active).toBe(true);
  });
});
