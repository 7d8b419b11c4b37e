import {
  scimResourceTypeFunction,
  scimResourceTypesFunction,
  scimSchemaFunction,
  scimSchemasFunction,
  scimServiceProviderConfigFunction,
} from '../../../src/app/functions/scimDiscoveryFunctions';
import type { HttpFunctionDefinition } from '../../../src/app/httpFunctionDefinition';
import { httpFunctions } from '../../../src/app/httpFunctions';
import type { Services } from '../../../src/app/services';
import { createAzuriteServices } from '../../support/azuriteServices';
import { callHandler, expectScimError, productionHandler, type HttpResult } from '../../support/httpCall';

const BASE = 'https://idbridge.example/scim/v2';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CONTOSO = 'urn:ietf:params:scim:schemas:extension:contoso:1.0:User';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

let services: Services;
let token: string;

beforeAll(async () => {
  ({ services, token } = await createAzuriteServices());
});

function get(definition: HttpFunctionDefinition, path: string, params: Record<string, string> = {}, presented: string | null = token, using: Services = services): Promise<HttpResult> {
  return callHandler(productionHandler(definition, using), { method: 'GET', url: `${BASE}${path}`, params, token: presented });
}

interface ListBody {
  schemas: string[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: { id: string; meta: { location: string; resourceType: string }; attributes?: { name: string }[] }[];
}

describe('SCIM discovery endpoints (RFC 7644 §4)', () => {
  it('are served by the local host', () => {
    expect(httpFunctions).toEqual(expect.arrayContaining([scimServiceProviderConfigFunction, scimSchemasFunction, scimSchemaFunction, scimResourceTypesFunction, scimResourceTypeFunction]));
  });

  it('GET /ServiceProviderConfig says what the service supports', async () => {
    const result = await get(scimServiceProviderConfigFunction, '/ServiceProviderConfig');
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toBe('application/scim+json');
    expect(result.body).toEqual(expect.objectContaining({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
      filter: { supported: true, maxResults: 1000 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken', name: expect.any(String), description: expect.any(String) })],
      meta: { resourceType: 'ServiceProviderConfig', location: `${BASE}/ServiceProviderConfig` },
    }));
  });

  it('GET /Schemas lists every schema in a ListResponse, with locations and no nulls', async () => {
    const result = await get(scimSchemasFunction, '/Schemas');
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toBe('application/scim+json');
    const body = result.body as ListBody;
    expect(body).toEqual(expect.objectContaining({ schemas: [LIST], totalResults: 3, startIndex: 1, itemsPerPage: 3 }));
    expect(body.Resources.map((r) => r.id)).toEqual([USER, ENTERPRISE, 'urn:ietf:params:scim:schemas:core:2.0:Group']);
    expect(body.Resources[0]?.meta).toEqual({ resourceType: 'Schema', location: `${BASE}/Schemas/${encodeURIComponent(USER)}` });
    expect(JSON.stringify(body)).not.toContain('null');
  });

  it('GET /Schemas/{id} returns one schema (any case), with every characteristic of every attribute', async () => {
    const result = await get(scimSchemaFunction, `/Schemas/${USER}`, { id: USER.toUpperCase() });
    expect(result.status).toBe(200);
    const body = result.body as { id: string; attributes: Record<string, unknown>[] };
    expect(body.id).toBe(USER);
    expect(body.attributes.find((a) => a.name === 'userName')).toEqual({
      name: 'userName', type: 'string', multiValued: false, description: expect.any(String), required: true, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'server',
    });
    expect(body.attributes.find((a) => a.name === 'password')).toEqual(expect.objectContaining({ mutability: 'writeOnly', returned: 'never' }));
  });

  it('GET /ResourceTypes lists User and Group; /ResourceTypes/{id} returns one', async () => {
    const list = (await get(scimResourceTypesFunction, '/ResourceTypes')).body as ListBody;
    expect(list.Resources.map((r) => r.id)).toEqual(['User', 'Group']);
    const user = await get(scimResourceTypeFunction, '/ResourceTypes/User', { id: 'user' });
    expect(user.status).toBe(200);
    expect(user.body).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'], id: 'User', name: 'User', description: expect.any(String), endpoint: '/Users', schema: USER,
      schemaExtensions: [{ schema: ENTERPRISE, required: false }], meta: { resourceType: 'ResourceType', location: `${BASE}/ResourceTypes/User` },
    });
  });

  it.each([
    [scimSchemaFunction, '/Schemas/urn:nope', 'urn:nope'],
    [scimResourceTypeFunction, '/ResourceTypes/Device', 'Device'],
  ])('an unknown id is a SCIM 404', async (definition, path, id) => {
    expectScimError(await get(definition, path, { id }), 404);
  });

  it('requires the bearer token', async () => {
    expectScimError(await get(scimSchemasFunction, '/Schemas', {}, null), 401);
  });

  it('describes configured extension schemas (the registry is the single source)', async () => {
    const extensions = JSON.stringify([{ id: CONTOSO, name: 'ContosoUser', resourceType: 'User', attributes: [{ name: 'HireDate', type: 'dateTime' }, { name: 'JobCode' }] }]);
    const configured: Services = { ...services, settings: Object.freeze({ ...services.settings, IDBRIDGE_SCIM_SCHEMA_EXTENSIONS: extensions }) };
    const schemas = (await get(scimSchemasFunction, '/Schemas', {}, token, configured)).body as ListBody;
    expect(schemas.Resources.find((r) => r.id === CONTOSO)?.attributes?.map((a) => a.name)).toEqual(['HireDate', 'JobCode']);
    const user = (await get(scimResourceTypeFunction, '/ResourceTypes/User', { id: 'User' }, token, configured)).body as { schemaExtensions: unknown[] };
    expect(user.schemaExtensions).toEqual([{ schema: ENTERPRISE, required: false }, { schema: CONTOSO, required: false }]);
  });

  it('a bad extension setting is a 500 that does not leak details', async () => {
    const broken: Services = { ...services, settings: Object.freeze({ ...services.settings, IDBRIDGE_SCIM_SCHEMA_EXTENSIONS: '{' }) };
    const body = expectScimError(await get(scimSchemasFunction, '/Schemas', {}, token, broken), 500);
    expect(body.detail).not.toContain('IDBRIDGE');
  });
});
