import { httpFunctions } from '../../src/app/httpFunctions';
import type { HttpAuthentication, HttpFunctionDefinition } from '../../src/app/httpFunctionDefinition';
import type { Services } from '../../src/app/services';
import { createAzuriteServices } from '../support/azuriteServices';
import { callHandler, expectScimError, productionHandler, type HttpResult } from '../support/httpCall';
import { scimTestClient } from '../scim/service/scimTestClient';

/*
 * Which token opens which route (docs/api.md#authentication). The inbound token (IDBRIDGE_TOKEN) is what every HR
 * platform and Entra tenant holds; the management API defines jobs, and a job says where target secrets are sent,
 * so it takes the admin token (IDBRIDGE_ADMIN_TOKEN) only. Each token does one job: the admin token opens no
 * data-feeding route either.
 */
const HOST = 'https://idbridge.example';

/** Every route, decided one by one: a new route fails here until someone decides who may call it. */
const EXPECTED: Record<string, HttpAuthentication> = {
  bulkUpload: 'inbound',
  jobsList: 'admin',
  job: 'admin',
  provisioningLogs: 'admin',
  jobStart: 'admin',
  jobPause: 'admin',
  jobRestart: 'admin',
  jobProvisionOnDemand: 'admin',
  jobParseExpression: 'admin',
  parseExpression: 'admin',
  scimUsers: 'self',
  scimUsersSearch: 'self',
  scimUser: 'self',
  scimGroups: 'self',
  scimGroupsSearch: 'self',
  scimGroup: 'self',
  scimSearch: 'self',
  scimBulk: 'self',
  scimServiceProviderConfig: 'self',
  scimSchemas: 'self',
  scimSchema: 'self',
  scimResourceTypes: 'self',
  scimResourceType: 'self',
};

const managementRoutes = httpFunctions.filter((definition) => (definition.authentication ?? 'admin') === 'admin');
const bulkUpload = httpFunctions.find((definition) => definition.name === 'bulkUpload');

let services: Services;
let token: string;
let adminToken: string;

beforeAll(async () => {
  ({ services, token, adminToken } = await createAzuriteServices());
});

/** The route's template with its parameters filled, and a body that is at least well-formed where one is expected. */
function call(definition: HttpFunctionDefinition, method: string, presented: string | null): Promise<HttpResult> {
  const params = { jobId: 'no-such-job' };
  const path = definition.route.replace('{jobId}', params.jobId);
  const body = method === 'GET' ? undefined : '{}';
  const headers = { 'content-type': definition.name === 'bulkUpload' ? 'application/scim+json' : 'application/json' };
  return callHandler(productionHandler(definition, services), { method, url: `${HOST}/${path}`, params, headers, ...(body === undefined ? {} : { body }), token: presented });
}

const managementCalls = managementRoutes.flatMap((definition) => definition.methods.map((method) => [`${method} /${definition.route}`, definition, method] as const));

describe('who may call which route', () => {
  it('every route says which credential it takes, as decided', () => {
    expect(Object.fromEntries(httpFunctions.map((definition) => [definition.name, definition.authentication ?? 'admin']))).toEqual(EXPECTED);
  });

  it('covers the whole management API: everything under /api but bulkUpload', () => {
    const apiRoutes = httpFunctions.filter((definition) => definition.route.startsWith('api/') && definition.name !== 'bulkUpload');
    expect(managementRoutes.map((d) => d.name).sort()).toEqual(apiRoutes.map((d) => d.name).sort());
    expect(managementCalls.length).toBeGreaterThanOrEqual(10);
  });
});

describe('the management API takes the admin token only', () => {
  it.each(managementCalls)('%s refuses the inbound token with a plain 401', async (_name, definition, method) => {
    const refused = expectScimError(await call(definition, method, token), 401);
    expect(refused.detail).toBe('Missing or invalid bearer token');
  });

  it.each(managementCalls)('%s accepts the admin token', async (_name, definition, method) => {
    // Past authentication the handler answers for itself (404 for the unknown job, 400 for the empty body).
    expect((await call(definition, method, adminToken)).status).not.toBe(401);
  });

  it('answers every refusal alike, so the answer never tells which token would have worked', async () => {
    const job = managementRoutes.find((definition) => definition.name === 'job');
    if (!job) throw new Error('the job route is missing');
    const answers = await Promise.all([token, 'wrong-token-0123456789', null].map((presented) => call(job, 'GET', presented)));
    for (const answer of answers) expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(new Set(answers.map((answer) => JSON.stringify(answer.body))).size).toBe(1);
    expect(JSON.stringify(answers[0]?.body)).not.toMatch(/admin|IDBRIDGE/i);
  });
});

describe('bulk upload and the SCIM service take the inbound token only', () => {
  it('bulkUpload accepts the inbound token and refuses the admin token', async () => {
    if (!bulkUpload) throw new Error('the bulkUpload route is missing');
    expect((await call(bulkUpload, 'POST', token)).status).toBe(404);
    expectScimError(await call(bulkUpload, 'POST', adminToken), 401);
  });

  it('the SCIM service refuses the admin token', async () => {
    const scim = scimTestClient(services, token);
    expect((await scim('GET', '/Users', { token: adminToken })).status).toBe(401);
    expect((await scim('GET', '/Users')).status).toBe(200);
  });
});
