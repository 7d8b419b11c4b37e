/**
 * True when a bearer credential has the shape of a JWS in compact serialization (RFC 7515 §7.1,
 * RFC 7519 §3): three base64url parts separated by dots. The signature part may be empty so that an
 * unsecured (`alg: none`) JWT is routed to the JWT verifier, which rejects it, rather than to the
 * shared-secret comparison.
 */
export function looksLikeJwt(credential: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(credential);
}
