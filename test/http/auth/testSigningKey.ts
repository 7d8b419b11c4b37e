import { generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface TestSigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as a JWK, shaped like an entry of Entra's key set (kty, use, kid, n, e). */
  jwk: Record<string, unknown>;
}

export function testSigningKey(kid: string, modulusLength = 2048): TestSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength });
  const { n, e } = publicKey.export({ format: 'jwk' });
  return { kid, privateKey, publicKey, jwk: { kty: 'RSA', use: 'sig', kid, n, e } };
}

export function jwkSet(...keys: TestSigningKey[]): { keys: Record<string, unknown>[] } {
  return { keys: keys.map((key) => key.jwk) };
}
