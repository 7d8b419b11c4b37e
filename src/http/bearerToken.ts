import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks an `Authorization: Bearer <token>` header against the expected token in constant time.
 * Both sides are hashed first so that the comparison takes the same time whatever their lengths.
 */
export function bearerTokenMatches(authorizationHeader: string | null | undefined, expectedToken: string): boolean {
  if (!authorizationHeader) return false;
  const match = /^Bearer\s+(.+)$/i.exec(authorizationHeader.trim());
  if (!match?.[1]) return false;
  const presented = createHash('sha256').update(match[1]).digest();
  return timingSafeEqual(presented, digestOf(expectedToken));
}

/** The expected token's digest, computed once per token (it is the same on every request). */
let lastExpected: { token: string; digest: Buffer } | undefined;

function digestOf(expectedToken: string): Buffer {
  if (lastExpected?.token !== expectedToken) lastExpected = { token: expectedToken, digest: createHash('sha256').update(expectedToken).digest() };
  return lastExpected.digest;
}
