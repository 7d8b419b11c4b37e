import { randomUUID } from 'node:crypto';
import type { Services } from '../../../src/app/services';
import { createAzuriteServices } from '../../support/azuriteServices';
import { mintRs256 } from '../../http/auth/mintJwt';
import { AUDIENCE, ISSUER, TENANT_ID } from '../../http/auth/scimAuthSettings';
import { startJwksServer, type JwksServer } from '../../http/auth/startJwksServer';
import { jwkSet, testSigningKey } from '../../http/auth/testSigningKey';
import { entraUser, scimTestClient } from './scimTestClient';

/*
 * Every SCIM route authenticates with the SCIM authenticator (docs/scim-auth.md): a refusal is a plain 401 SCIM
 * error with WWW-Authenticate: Bearer, and the reason is logged, never echoed.
 */
let services: Services;
let token: string;
let jwks: JwksServer;
const key = testSigningKey('kid-1');

beforeAll(async () => {
  ({ services, token } = await createAzuriteServices());
  jwks = await startJwksServer(jwkSet(key));
});
afterAll(async () => jwks.close());

const ROUTES: [string, string][] = [['GET', '/Users'], ['POST', '/Users'], ['GET', '/Users/x'], ['PATCH', '/Groups/x'], ['DELETE', '/Groups/x'], ['POST', '/Users/.search'], ['POST', '/Bulk'], ['GET', '/Schemas']];

test.each(ROUTES)('token mode: %s %s refuses a missing or wrong token with a plain 401', async (method, path) => {
  const logs: string[] = [];
  const scim = scimTestClient(services, token, logs);
  for (const presented of [null, 'wrong-token-0123456789', `${token}x`]) {
    const reply = await scim(method, path, method === 'GET' ? { token: presented } : { token: presented, body: '{}' });
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toBe('Bearer');
    expect(reply.headers.get('content-type')).toBe('application/scim+json');
    expect(reply.body).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: 'a valid bearer token is required' });
  }
  expect(logs.some((l) => l.includes('SCIM request refused'))).toBe(true);
  expect(logs.join('\n')).not.toContain('wrong-token-0123456789');
});

test('jwt mode: an Entra-issued token is accepted, a forged or expired one is not', async () => {
  const settings = Object.freeze({ ...services.settings, IDBRIDGE_SCIM_AUTH: 'jwt' as const, IDBRIDGE_SCIM_JWT_ISSUER: ISSUER, IDBRIDGE_SCIM_JWT_AUDIENCE: AUDIENCE, IDBRIDGE_SCIM_JWKS_URI: jwks.uri });
  const scim = scimTestClient({ ...services, settings }, token);
  const t = Math.floor(Date.now() / 1000);
  const claims = { aud: AUDIENCE, iss: ISSUER, iat: t - 60, nbf: t - 60, exp: t + 3600, appid: 'provisioning', sub: 'sp', tid: TENANT_ID };
  const jwt = mintRs256(claims, key);
  const created = await scim('POST', '/Users', { token: jwt, body: entraUser(`jwt-${randomUUID()}`) });
  expect(created.status).toBe(201);
  expect((await scim('GET', `/Users/${String(created.body.id)}`, { token: jwt })).status).toBe(200);
  expect((await scim('GET', '/Users', { token: mintRs256({ ...claims, exp: t - 3600 }, key) })).status).toBe(401);
  expect((await scim('GET', '/Users', { token: mintRs256(claims, testSigningKey('kid-1')) })).status).toBe(401);
  // The secret token is not accepted in jwt mode.
  expect((await scim('GET', '/Users', { token })).status).toBe(401);
});
