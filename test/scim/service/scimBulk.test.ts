import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../../../src/domain/identityObject';
import { SCIM_BULK_MAX_OPERATIONS, SCIM_BULK_MAX_PAYLOAD_BYTES } from '../../../src/scim/schema/scimServiceProviderConfig';
import { createAzuriteServices } from '../../support/azuriteServices';
import { BASE, GROUP, entraUser, patchOp, scimTestClient, type ScimClient } from './scimTestClient';

/* /Bulk (RFC 7644 §3.7): bulkId references, failOnErrors, limits. */
let scim: ScimClient;
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const bulk = (operations: JsonObject[], failOnErrors?: number): JsonObject => ({ schemas: [BULK], Operations: operations, ...(failOnErrors ? { failOnErrors } : {}) });
const results = (body: JsonObject): JsonObject[] => body.Operations as JsonObject[];

beforeAll(async () => {
  const { services, token } = await createAzuriteServices();
  scim = scimTestClient(services, token);
});

test('creates users and a group whose members are bulkId references, then patches and deletes by reference', async () => {
  const tag = randomUUID();
  const reply = await scim('POST', '/Bulk', {
    body: bulk([
      { method: 'POST', path: '/Users', bulkId: 'u1', data: entraUser(`b1-${tag}`) },
      { method: 'POST', path: '/Users', bulkId: 'u2', data: entraUser(`b2-${tag}`) },
      { method: 'POST', path: '/Groups', bulkId: 'g', data: { schemas: [GROUP], displayName: `bulk-${tag}`, members: [{ value: 'bulkId:u1' }, { value: 'bulkId:u2' }] } },
      { method: 'PATCH', path: '/Users/bulkId:u1', data: patchOp({ op: 'Replace', path: 'active', value: 'False' }) },
      { method: 'patch', path: '/groups/bulkId:g', data: patchOp({ op: 'Remove', path: 'members', value: [{ value: 'bulkId:u2' }] }) },
      { method: 'DELETE', path: '/Users/bulkId:u2' },
    ]),
  });
  expect(reply.status).toBe(200);
  expect(reply.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:BulkResponse']);
  const ops = results(reply.body);
  expect(ops.map((o) => o.status)).toEqual(['201', '201', '201', '200', '200', '204']);
  expect(ops[0]).toEqual(expect.objectContaining({ method: 'POST', bulkId: 'u1', location: expect.stringMatching(/\/scim\/v2\/Users\//), version: expect.stringMatching(/^W\//) }));
  const groupId = String(ops[2]?.location).split('/').pop();
  const u1 = String(ops[0]?.location).split('/').pop();
  const group = await scim('GET', `/Groups/${groupId}`);
  expect(group.body.members).toEqual([{ value: u1, type: 'User', $ref: `${BASE}/Users/${u1}` }]);
  expect((await scim('GET', `/Users/${u1}`)).body.active).toBe(false);
});

test('an unresolvable bulkId fails its operation with 409; failOnErrors stops the run', async () => {
  const tag = randomUUID();
  const reply = await scim('POST', '/Bulk', {
    body: bulk(
      [
        { method: 'PATCH', path: '/Users/bulkId:later', data: patchOp({ op: 'replace', path: 'title', value: 'x' }) },
        { method: 'POST', path: '/Users', bulkId: 'later', data: entraUser(`c-${tag}`) },
        { method: 'POST', path: '/Users', bulkId: 'dup', data: entraUser(`c-${tag}`) },
        { method: 'POST', path: '/Groups', bulkId: 'g', data: { schemas: [GROUP], displayName: `g-${tag}`, members: [{ value: 'bulkId:dup' }] } },
        { method: 'POST', path: '/Users', bulkId: 'never', data: entraUser(`d-${tag}`) },
      ],
      3,
    ),
  });
  const ops = results(reply.body);
  expect(ops.map((o) => o.status)).toEqual(['409', '201', '409', '409']);
  expect((ops[0]?.response as JsonObject).scimType).toBe('invalidValue');
  expect((ops[2]?.response as JsonObject).scimType).toBe('uniqueness');
  expect(ops[3]?.response).toEqual(expect.objectContaining({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '409' }));
});

test('per-operation errors for malformed operations, never a 500', async () => {
  const reply = await scim('POST', '/Bulk', {
    body: bulk([
      { method: 'GET', path: '/Users' },
      { method: 'POST', path: '/Elsewhere', bulkId: 'x', data: {} },
      { method: 'POST', path: '/Users', data: entraUser(`n-${randomUUID()}`) },
      { method: 'PUT', path: '/Users/nope', data: entraUser('nope') },
      { method: 'DELETE', path: '/Groups/nope', version: 'W/"x"' },
      'not an operation' as unknown as JsonObject,
    ]),
  });
  expect(results(reply.body).map((o) => o.status)).toEqual(['400', '400', '400', '404', '404', '400']);
});

test('413 over maxOperations or maxPayloadSize; 400 for a body that is not a BulkRequest', async () => {
  const many = Array.from({ length: SCIM_BULK_MAX_OPERATIONS + 1 }, () => ({ method: 'DELETE', path: '/Users/x' }));
  expect((await scim('POST', '/Bulk', { body: bulk(many) })).status).toBe(413);
  const big = bulk([{ method: 'POST', path: '/Users', bulkId: 'x', data: { schemas: ['x'], userName: 'y'.repeat(SCIM_BULK_MAX_PAYLOAD_BYTES) } }]);
  expect((await scim('POST', '/Bulk', { body: big })).status).toBe(413);
  expect((await scim('POST', '/Bulk', { body: '{"Operations": 3}' })).body.scimType).toBe('invalidSyntax');
  expect((await scim('POST', '/Bulk', { body: bulk([], 0) })).status).toBe(200);
});
