import { createPublicKey, type KeyObject } from 'node:crypto';

/** RFC 7518 §3.3: "A key of size 2048 bits or larger MUST be used with these algorithms." */
const MIN_RSA_MODULUS_BITS = 2048;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toVerificationKey(jwk: Record<string, unknown>): KeyObject | undefined {
  // Only RSA signing keys that may be used with RS256: `kty` (RFC 7517 §4.1, RFC 7518 §6.3), `use` when
  // present must be "sig" (RFC 7517 §4.2), `alg` when present must be "RS256" (RFC 7517 §4.4). Entra's
  // keys carry kty, use, kid, x5t, n, e and x5c; no alg.
  if (jwk.kty !== 'RSA') return undefined;
  if (jwk.use !== undefined && jwk.use !== 'sig') return undefined;
  if (jwk.alg !== undefined && jwk.alg !== 'RS256') return undefined;
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') return undefined;
  try {
    // The key is built from the modulus and exponent alone (RFC 7518 §6.3.1). The x5c certificate chain is
    // not consulted: the trust anchor is the tenant's key set fetched over TLS, as Microsoft's validation
    // guidance describes, and other members cannot change what the key is.
    const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    return key.asymmetricKeyType === 'rsa' && bits >= MIN_RSA_MODULUS_BITS ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The RS256 verification keys of a JWK Set (RFC 7517 §5: an object whose `keys` member is an array of
 * JWKs), by `kid` (RFC 7517 §4.5). Keys without a `kid`, of another type or too short are left out; when a
 * `kid` appears twice the first key wins. Never throws: anything unusable yields an empty map.
 */
export function parseJwks(document: unknown): ReadonlyMap<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  if (!isRecord(document) || !Array.isArray(document.keys)) return keys;
  for (const jwk of document.keys) {
    if (!isRecord(jwk) || typeof jwk.kid !== 'string' || jwk.kid === '' || keys.has(jwk.kid)) continue;
    const key = toVerificationKey(jwk);
    if (key) keys.set(jwk.kid, key);
  }
  return keys;
}
