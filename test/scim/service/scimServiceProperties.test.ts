import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../../../src/domain/identityObject';
import { createAzuriteServices } from '../../support/azuriteServices';
import { entraGroup, entraUser, patchOp, scimTestClient, type ScimClient } from './scimTestClient';

/*
 * No request body or query string yields a 500, on any SCIM route (DESIGN principle 4: a client's mistake is a
 * 4xx that says what is wrong). Bodies are arbitrary JSON, JSON shaped like the expected message with
 * arbitrary parts, or arbitrary text; query strings are arbitrary parameters with SCIM's names.
 */
let scim: ScimClient;
let userId: string;
let groupId: string;

beforeAll(async () => {
  const { services, token } = await createAzuriteServices();
  scim = scimTestClient(services, token);
  userId = String((await scim('POST', '/Users', { body: entraUser(`prop-${randomUUID()}`) })).body.id);
  groupId = String((await scim('POST', '/Groups', { body: entraGroup(`prop-${randomUUID()}`) })).body.id);
});

const paths = ['userName', 'active', 'emails', 'emails[type eq "work"].value', 'members', 'members[value eq "x"]', 'name.givenName', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', 'groups', 'id', 'roles', '', 'emails[', 'x.y.z'];
const json = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonObject>;
const operation = fc.record({ op: fc.constantFrom('add', 'Add', 'replace', 'Replace', 'remove', 'Remove', 'x'), path: fc.option(fc.constantFrom(...paths), { nil: undefined }), value: fc.option(json, { nil: undefined }) }, { requiredKeys: [] });
const patchBody = fc.array(operation, { maxLength: 4 }).map((ops) => patchOp(...(ops as JsonObject[])));
const resourceBody = fc.record({
  schemas: fc.oneof(fc.constant(['urn:ietf:params:scim:schemas:core:2.0:User']), fc.constant(['urn:ietf:params:scim:schemas:core:2.0:Group']), json),
  userName: fc.oneof(fc.string(), json),
  displayName: fc.oneof(fc.string(), json),
  active: json,
  emails: json,
  members: fc.oneof(fc.array(fc.record({ value: fc.string() })), json),
}, { requiredKeys: [] }) as fc.Arbitrary<JsonObject>;
const bulkBody = fc.array(fc.record({ method: fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE', 'GET'), path: fc.constantFrom('/Users', '/Groups', '/Users/bulkId:a', '/Groups/x', 'nope'), bulkId: fc.constantFrom('a', 'b'), data: fc.oneof(resourceBody, patchBody, json) }, { requiredKeys: [] }), { maxLength: 4 }).map((Operations) => ({ Operations, failOnErrors: 2 }));
const anyBody = (shaped: fc.Arbitrary<unknown>) => fc.oneof(shaped.map((b) => JSON.stringify(b)), json.map((b) => JSON.stringify(b)), fc.string());
const query = fc.dictionary(fc.constantFrom('filter', 'sortBy', 'sortOrder', 'startIndex', 'count', 'attributes', 'excludedAttributes', 'aadOptscim062020'), fc.oneof(fc.string(), fc.constantFrom('userName eq "a"', 'emails[type eq "work"].value co "x"', '-1', '0', '99999999999999999999', 'members', 'meta.created gt "2020-01-01"', 'title gt true')));
const queryString = (q: Record<string, string>): string => new URLSearchParams(q).toString();

const routes: { method: string; path: () => string; body?: fc.Arbitrary<unknown> }[] = [
  { method: 'GET', path: () => '/Users' },
  { method: 'GET', path: () => '/Groups' },
  { method: 'GET', path: () => `/Users/${userId}` },
  { method: 'GET', path: () => `/Groups/${groupId}` },
  { method: 'POST', path: () => '/Users', body: resourceBody },
  { method: 'POST', path: () => '/Groups', body: resourceBody },
  { method: 'PUT', path: () => `/Users/${userId}`, body: resourceBody },
  { method: 'PUT', path: () => `/Groups/${groupId}`, body: resourceBody },
  { method: 'PATCH', path: () => `/Users/${userId}`, body: patchBody },
  { method: 'PATCH', path: () => `/Groups/${groupId}`, body: patchBody },
  { method: 'POST', path: () => '/Users/.search', body: json },
  { method: 'POST', path: () => '/Groups/.search', body: json },
  { method: 'POST', path: () => '/.search', body: json },
  { method: 'POST', path: () => '/Bulk', body: bulkBody },
];

describe.each(routes.map((r) => [`${r.method} ${r.path.toString().replace(/^\(\) => /, '')}`, r] as const))('%s', (_name, route) => {
  test('no body or query string yields a 500', async () => {
    await fc.assert(
      fc.asyncProperty(query, route.body ? anyBody(route.body) : fc.constant(undefined), async (q, body) => {
        const qs = queryString(q);
        const reply = await scim(route.method, `${route.path()}${qs ? `?${qs}` : ''}`, body === undefined ? {} : { body });
        expect(reply.headers.get('content-type')).toBe('application/scim+json');
        if (reply.status >= 500) throw new Error(`${reply.status} for ${route.method} ?${qs} ${String(body)}: ${JSON.stringify(reply.body)}`);
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});

test('ids in the path that cannot exist are 404, not 500', async () => {
  for (const id of ['%2F', 'a'.repeat(2000), '\u0001', 'x#y']) {
    expect((await scim('GET', `/Users/${encodeURIComponent(id)}`)).status).toBe(404);
  }
});
