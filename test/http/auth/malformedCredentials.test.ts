import fc from 'fast-check';
import { createScimAuthenticator } from '../../../src/http/auth/createScimAuthenticator';
import { looksLikeJwt } from '../../../src/http/auth/looksLikeJwt';
import { encodeSegment, mintRs256 } from './mintJwt';
import { AUDIENCE, ISSUER, scimAuthSettings } from './scimAuthSettings';
import { jwkSet, testSigningKey } from './testSigningKey';

const key = testSigningKey('k1');
const now = () => new Date('2026-11-02T10:00:00Z');
const t = Math.floor(now().getTime() / 1000);
const valid = mintRs256({ iss: ISSUER, aud: AUDIENCE, exp: t + 3600, nbf: t - 60, iat: t - 60 }, key);
const [validHeader = '', validPayload = '', validSignature = ''] = valid.split('.');

// The same signature bytes spelled differently: the last character of an RS256 signature carries 4 unused
// bits, and a lenient decoder reads these spellings as the valid token (a CI run found one at random).
const respelledSignatures = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_']
  .map((c) => `${valid.slice(0, -1)}${c}`)
  .filter((token) => token !== valid && Buffer.from(token.split('.')[2] ?? '', 'base64url').equals(Buffer.from(validSignature, 'base64url')));

const base64UrlChars = fc.string({ unit: fc.constantFrom(...'ABCXYZabcxyz0189-_=+/. '.split('')) });
const jwtShaped = fc.tuple(base64UrlChars, base64UrlChars, base64UrlChars).map(([h, p, s]) => `${h}.${p}.${s}`);
const jsonSegments = fc
  .tuple(fc.jsonValue(), fc.jsonValue(), fc.constantFrom('', validSignature, 'AAAA'))
  .map(([h, p, s]) => `${encodeSegment(h)}.${encodeSegment(p)}.${s}`);
const headerSwaps = fc
  .record({ alg: fc.oneof(fc.constantFrom('RS256', 'none', 'HS256', 'NONE'), fc.jsonValue()), kid: fc.oneof(fc.constant('k1'), fc.jsonValue()), crit: fc.option(fc.jsonValue(), { nil: undefined }) })
  .map((header) => `${encodeSegment(header)}.${validPayload}.${validSignature}`);
const mutated = fc
  .tuple(fc.nat({ max: valid.length - 1 }), fc.constantFrom(...'Aa0-_.='.split('')))
  .filter(([i, c]) => valid[i] !== c)
  .map(([i, c]) => `${valid.slice(0, i)}${c}${valid.slice(i + 1)}`);

const credentials = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), jwtShaped, jsonSegments, headerSwaps, mutated);
const headers = fc.oneof(
  credentials.map((c) => `Bearer ${c}`),
  fc.constantFrom(...respelledSignatures).map((c) => `Bearer ${c}`),
  credentials,
  fc.constantFrom('Bearer', 'Bearer ', 'Bearer  ', 'Bearer ..', `Bearer ${validHeader}..${validSignature}`, `Bearer ${valid}.extra`),
);

describe('malformed credentials (property): never a throw, never authenticated', () => {
  test.each(['jwt', 'tokenOrJwt', 'token'] as const)('%s mode', async (mode) => {
    const authenticator = createScimAuthenticator(scimAuthSettings(mode, 'https://keys.example/jwks'), { now, fetchJwks: async () => jwkSet(key) });
    if (mode !== 'token') expect((await authenticator.authenticate(`Bearer ${valid}`)).ok).toBe(true);
    expect(respelledSignatures.length).toBeGreaterThan(0);
    for (const token of respelledSignatures) expect((await authenticator.authenticate(`Bearer ${token}`)).ok).toBe(false);
    await fc.assert(
      fc.asyncProperty(headers, async (header) => {
        const result = await authenticator.authenticate(header);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});

describe('looksLikeJwt', () => {
  test.each<[string, boolean]>([
    [valid, true],
    [`${validHeader}.${validPayload}.`, true],
    ['a.b.c', true],
    ['a.b', false],
    ['a.b.c.d.e', false],
    ['a-long-lived-secret-token-0123456789', false],
    ['a=.b.c', false],
    ['.b.c', false],
  ])('%s', (credential, expected) => {
    expect(looksLikeJwt(credential)).toBe(expected);
  });
});
