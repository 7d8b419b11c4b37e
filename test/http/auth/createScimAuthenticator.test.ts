import { createScimAuthenticator } from '../../../src/http/auth/createScimAuthenticator';
import { ValidationError } from '../../../src/domain/errors';
import { encodeSegment, mintHs256, mintRs256, mintUnsecured } from './mintJwt';
import { AUDIENCE, ISSUER, SECRET_TOKEN, TENANT_ID, scimAuthSettings } from './scimAuthSettings';
import { closedPortUri, startJwksServer, type JwksServer } from './startJwksServer';
import { jwkSet, testSigningKey, type TestSigningKey } from './testSigningKey';

const START = new Date('2026-11-02T10:00:00Z');
const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);

let keyA: TestSigningKey;
let keyB: TestSigningKey;
let server: JwksServer;
let clock: Date;
const now = (): Date => clock;

/** The claims of the token Entra's provisioning service sends (v1.0 token from sts.windows.net). */
function entraClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const t = seconds(clock);
  return { aud: AUDIENCE, iss: ISSUER, iat: t - 60, nbf: t - 60, exp: t + 3600, appid: 'provisioning-app', sub: 'sp-object-id', tid: TENANT_ID, ver: '1.0', ...overrides };
}

const bearer = (token: string): string => `Bearer ${token}`;

beforeAll(async () => {
  keyA = testSigningKey('key-a');
  keyB = testSigningKey('key-b');
  server = await startJwksServer(jwkSet(keyA));
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  clock = START;
  server.serve(jwkSet(keyA));
});

describe('createScimAuthenticator, jwt mode against a live JWK Set endpoint', () => {
  const authenticator = () => createScimAuthenticator(scimAuthSettings('jwt', server.uri), { now });

  test('a valid Entra-issued token is accepted, with the principal from sub, appid and tid', async () => {
    await expect(authenticator().authenticate(bearer(mintRs256(entraClaims(), keyA)))).resolves.toEqual({
      ok: true,
      principal: { kind: 'jwt', subject: 'sp-object-id', appId: 'provisioning-app', tenantId: TENANT_ID },
    });
  });

  test('v2.0 tokens name the client in azp', async () => {
    const result = await authenticator().authenticate(bearer(mintRs256(entraClaims({ appid: undefined, azp: 'v2-client' }), keyA)));
    expect(result).toMatchObject({ ok: true, principal: { appId: 'v2-client' } });
  });

  test('the keys are fetched once and cached', async () => {
    const before = server.requestCount();
    const auth = authenticator();
    for (let i = 0; i < 3; i += 1) expect((await auth.authenticate(bearer(mintRs256(entraClaims(), keyA)))).ok).toBe(true);
    expect(server.requestCount() - before).toBe(1);
  });

  test.each<[string, Record<string, unknown>]>([
    ['another tenant', { iss: 'https://sts.windows.net/99999999-2222-3333-4444-555555555555/' }],
    ['the issuer without its trailing slash', { iss: ISSUER.slice(0, -1) }],
    ['the v2.0 issuer of the same tenant', { iss: `https://login.microsoftonline.com/${TENANT_ID}/v2.0` }],
    ['another audience', { aud: 'api://someone-else' }],
    ['an audience array without ours', { aud: ['api://a', 'api://b'] }],
    ['no audience', { aud: undefined }],
    ['expired an hour ago', { exp: seconds(START) - 3600 }],
    ['expired exactly five minutes ago (the skew is used up)', { exp: seconds(START) - 300 }],
    ['not valid before ten minutes from now', { nbf: seconds(START) + 600 }],
    ['issued ten minutes in the future', { iat: seconds(START) + 600 }],
    ['no exp', { exp: undefined }],
  ])('rejected: %s', async (_name, overrides) => {
    const result = await authenticator().authenticate(bearer(mintRs256(entraClaims(overrides), keyA)));
    expect(result.ok).toBe(false);
  });

  test.each<[string, Record<string, unknown>]>([
    ['an audience array that contains ours', { aud: ['api://other', AUDIENCE] }],
    ['expired four minutes ago (inside the skew)', { exp: seconds(START) - 240 }],
    ['not valid before four minutes from now (inside the skew)', { nbf: seconds(START) + 240 }],
    ['issued four minutes in the future (inside the skew)', { iat: seconds(START) + 240 }],
  ])('accepted: %s', async (_name, overrides) => {
    const result = await authenticator().authenticate(bearer(mintRs256(entraClaims(overrides), keyA)));
    expect(result.ok).toBe(true);
  });

  test('a token accepted now is refused once the clock passes exp plus the skew', async () => {
    const auth = authenticator();
    const token = mintRs256(entraClaims({ exp: seconds(START) + 60 }), keyA);
    expect((await auth.authenticate(bearer(token))).ok).toBe(true);
    clock = new Date(START.getTime() + 60_000 + 299_000);
    expect((await auth.authenticate(bearer(token))).ok).toBe(true);
    clock = new Date(START.getTime() + 60_000 + 300_000);
    expect(await auth.authenticate(bearer(token))).toEqual({ ok: false, reason: 'JWT has expired' });
  });

  test('alg none is refused', async () => {
    const result = await authenticator().authenticate(bearer(mintUnsecured(entraClaims(), keyA.kid)));
    expect(result).toEqual({ ok: false, reason: 'JWT alg is not RS256' });
  });

  test.each(['rs256', 'RS384', 'PS256', 'ES256', 'HS256'])('alg %s is refused even with a valid RS256 signature', async (alg) => {
    const result = await authenticator().authenticate(bearer(mintRs256(entraClaims(), keyA, { alg })));
    expect(result).toEqual({ ok: false, reason: 'JWT alg is not RS256' });
  });

  test('HS256 keyed with the public key (algorithm confusion) is refused', async () => {
    const pem = keyA.publicKey.export({ type: 'spki', format: 'pem' });
    const der = keyA.publicKey.export({ type: 'spki', format: 'der' });
    const auth = authenticator();
    for (const secret of [pem, der, JSON.stringify(keyA.jwk)]) {
      expect((await auth.authenticate(bearer(mintHs256(entraClaims(), keyA.kid, secret)))).ok).toBe(false);
    }
    // The same confusion with the header claiming RS256 cannot verify either: the key is only ever used with RSA.
    const [h, p] = mintRs256(entraClaims(), keyA).split('.');
    const hmacUnderRs256 = `${h}.${p}.${mintHs256(entraClaims(), keyA.kid, pem).split('.')[2]}`;
    expect(await auth.authenticate(bearer(hmacUnderRs256))).toEqual({ ok: false, reason: 'JWT signature does not verify' });
  });

  test('a tampered payload does not verify', async () => {
    const [h, , s] = mintRs256(entraClaims(), keyA).split('.');
    const forged = `${h}.${encodeSegment(entraClaims({ sub: 'someone-else' }))}.${s}`;
    expect(await authenticator().authenticate(bearer(forged))).toEqual({ ok: false, reason: 'JWT signature does not verify' });
  });

  test('a token signed by a key that is not in the set does not verify, even under a known kid', async () => {
    const stranger = testSigningKey(keyA.kid);
    expect(await authenticator().authenticate(bearer(mintRs256(entraClaims(), stranger)))).toEqual({ ok: false, reason: 'JWT signature does not verify' });
  });

  test('crit headers and missing kid are refused', async () => {
    const auth = authenticator();
    expect((await auth.authenticate(bearer(mintRs256(entraClaims(), keyA, { crit: ['exp'] })))).ok).toBe(false);
    expect(await auth.authenticate(bearer(mintRs256(entraClaims(), keyA, { kid: undefined })))).toEqual({ ok: false, reason: 'JWT header has no kid' });
  });

  test('unknown kid, then key rollover: the new key is fetched, at most once a minute', async () => {
    const auth = authenticator();
    expect((await auth.authenticate(bearer(mintRs256(entraClaims(), keyA)))).ok).toBe(true);
    const afterFirstFetch = server.requestCount();

    // Entra starts signing with key B before this service has seen it, and the endpoint does not publish it yet.
    clock = new Date(START.getTime() + 61_000);
    expect(await auth.authenticate(bearer(mintRs256(entraClaims(), keyB)))).toEqual({ ok: false, reason: 'JWT kid is not in the signing key set' });
    expect(server.requestCount()).toBe(afterFirstFetch + 1);

    // Now it does; within the same minute the unknown kid does not cause another fetch.
    server.serve(jwkSet(keyA, keyB));
    clock = new Date(START.getTime() + 90_000);
    expect((await auth.authenticate(bearer(mintRs256(entraClaims(), keyB)))).ok).toBe(false);
    expect(server.requestCount()).toBe(afterFirstFetch + 1);

    // A minute after the last fetch, the rollover is followed.
    clock = new Date(START.getTime() + 121_000);
    expect((await auth.authenticate(bearer(mintRs256(entraClaims(), keyB)))).ok).toBe(true);
    expect((await auth.authenticate(bearer(mintRs256(entraClaims(), keyA)))).ok).toBe(true);
    expect(server.requestCount()).toBe(afterFirstFetch + 2);

    // Key A is retired; once the set is refetched, tokens under it are refused.
    server.serve(jwkSet(keyB));
    clock = new Date(START.getTime() + 24 * 3600_000 + 200_000);
    expect(await auth.authenticate(bearer(mintRs256(entraClaims(), keyA)))).toEqual({ ok: false, reason: 'JWT kid is not in the signing key set' });
    expect((await auth.authenticate(bearer(mintRs256(entraClaims(), keyB)))).ok).toBe(true);
  });

  test('JWKS endpoint down with a cached set: the cached keys keep working', async () => {
    const auth = authenticator();
    expect((await auth.authenticate(bearer(mintRs256(entraClaims(), keyA)))).ok).toBe(true);
    server.failWith(503);
    clock = new Date(START.getTime() + 120_000);
    expect((await auth.authenticate(bearer(mintRs256(entraClaims(), keyB)))).ok).toBe(false); // triggers a failing refetch
    expect((await auth.authenticate(bearer(mintRs256(entraClaims(), keyA)))).ok).toBe(true);
  });

  test('JWKS endpoint down with nothing cached: not authenticated, no throw', async () => {
    server.failWith(503);
    expect(await authenticator().authenticate(bearer(mintRs256(entraClaims(), keyA)))).toEqual({ ok: false, reason: 'signing key set is unavailable' });
    const refused = createScimAuthenticator(scimAuthSettings('jwt', await closedPortUri()), { now });
    expect(await refused.authenticate(bearer(mintRs256(entraClaims(), keyA)))).toEqual({ ok: false, reason: 'signing key set is unavailable' });
  });

  test('the shared secret is not accepted in jwt mode', async () => {
    expect((await authenticator().authenticate(bearer(SECRET_TOKEN))).ok).toBe(false);
  });

  test('failure reasons never contain the presented token', async () => {
    const token = mintRs256(entraClaims({ iss: 'https://evil.example/' }), keyA);
    const result = await authenticator().authenticate(bearer(token));
    expect(result.ok).toBe(false);
    if (!result.ok) for (const part of token.split('.')) expect(result.reason).not.toContain(part);
  });
});

describe('createScimAuthenticator, token mode', () => {
  const authenticator = createScimAuthenticator(scimAuthSettings('token'));

  test.each<[string, string | null, boolean]>([
    ['the right token', `Bearer ${SECRET_TOKEN}`, true],
    ['the scheme in lower case', `bearer ${SECRET_TOKEN}`, true],
    ['a wrong token', 'Bearer not-the-token-0123456789', false],
    ['a prefix of the token', `Bearer ${SECRET_TOKEN.slice(0, -1)}`, false],
    ['Basic scheme', `Basic ${Buffer.from(`x:${SECRET_TOKEN}`).toString('base64')}`, false],
    ['no header', null, false],
    ['an empty header', '', false],
  ])('%s', async (_name, header, ok) => {
    const result = await authenticator.authenticate(header);
    expect(result.ok).toBe(ok);
    if (ok) expect(result).toEqual({ ok: true, principal: { kind: 'token' } });
  });

  test('a valid JWT is not accepted in token mode and no keys are fetched', async () => {
    const before = server.requestCount();
    expect((await authenticator.authenticate(bearer(mintRs256(entraClaims(), keyA)))).ok).toBe(false);
    expect(server.requestCount()).toBe(before);
  });
});

describe('createScimAuthenticator, tokenOrJwt mode', () => {
  const authenticator = () => createScimAuthenticator(scimAuthSettings('tokenOrJwt', server.uri), { now });

  test('the shared secret is accepted as a token principal without fetching keys', async () => {
    const before = server.requestCount();
    expect(await authenticator().authenticate(bearer(SECRET_TOKEN))).toEqual({ ok: true, principal: { kind: 'token' } });
    expect(server.requestCount()).toBe(before);
  });

  test('a valid Entra JWT is accepted as a jwt principal', async () => {
    expect(await authenticator().authenticate(bearer(mintRs256(entraClaims(), keyA)))).toMatchObject({ ok: true, principal: { kind: 'jwt' } });
  });

  test('an invalid JWT and a wrong secret are refused', async () => {
    const auth = authenticator();
    expect((await auth.authenticate(bearer(mintRs256(entraClaims({ aud: 'x' }), keyA)))).ok).toBe(false);
    expect(await auth.authenticate(bearer('wrong-secret-0123456789'))).toEqual({ ok: false, reason: 'bearer token does not match and is not a JWT' });
    expect((await auth.authenticate(bearer(mintUnsecured(entraClaims(), keyA.kid)))).ok).toBe(false);
  });
});

describe('createScimAuthenticator configuration', () => {
  test('jwt settings missing from hand-built settings are a ValidationError naming each one', () => {
    const settings = { ...scimAuthSettings('token'), IDBRIDGE_SCIM_AUTH: 'jwt' as const };
    expect(() => createScimAuthenticator(settings)).toThrow(ValidationError);
    expect(() => createScimAuthenticator(settings)).toThrow(/IDBRIDGE_SCIM_JWT_ISSUER.*IDBRIDGE_SCIM_JWT_AUDIENCE.*IDBRIDGE_SCIM_JWKS_URI/);
  });

  test('RSA keys shorter than 2048 bits in the set are ignored (RFC 7518 §3.3)', async () => {
    const weak = testSigningKey('weak', 1024);
    server.serve(jwkSet(weak));
    const auth = createScimAuthenticator(scimAuthSettings('jwt', server.uri), { now });
    expect(weak.publicKey.asymmetricKeyDetails?.modulusLength).toBe(1024);
    expect(await auth.authenticate(bearer(mintRs256(entraClaims(), weak)))).toEqual({ ok: false, reason: 'signing key set is unavailable' });
  });
});
