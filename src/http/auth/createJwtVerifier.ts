import { verify } from 'node:crypto';
import type { AuthResult } from './authResult';
import type { JwksKeyStore } from './createJwksKeyStore';
import { parseCompactJws } from './parseCompactJws';
import { validateJwtClaims } from './validateJwtClaims';

export interface JwtVerifierOptions {
  issuer: string;
  audience: string;
  keys: JwksKeyStore;
  now: () => Date;
  /** Default 5 minutes. */
  clockSkewInMs?: number;
}

export interface JwtVerifier {
  /** Never throws; see AuthResult. */
  verify(token: string): Promise<AuthResult>;
}

/** Entra's access tokens are a few kilobytes; anything far larger is not one and is not parsed. */
const MAX_TOKEN_LENGTH = 16_384;

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Verifies an Entra-issued JWT (RFC 7519 §7.2): a JWS in compact serialization signed with RS256 by one of
 * the tenant's keys, then its issuer, audience and lifetime.
 *
 * The algorithm is fixed, not taken from the token (RFC 8725 §3.1). `alg` must be exactly "RS256" (RFC 7518
 * §3.1; names are case-sensitive), so `none` (RFC 7518 §3.6) is refused, and so is HS256 keyed with the
 * public key, the classic confusion attack: the key is always an RSA public key used with RSA-SHA256.
 * `crit` is refused because this verifier understands no extensions (RFC 7515 §4.1.11). A `kid` is
 * required (optional in RFC 7515 §4.1.4, always present in Microsoft's tokens) so one key is tried, not all.
 * The claims are read only after the signature is verified.
 */
export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const clockSkewInMs = options.clockSkewInMs ?? 5 * 60_000;
  return {
    async verify(token) {
      if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'JWT is too long' };
      const parsed = parseCompactJws(token);
      if (!parsed.ok) return parsed;
      const { header, payload, signature, signingInput } = parsed.value;
      if (header.alg !== 'RS256') return { ok: false, reason: 'JWT alg is not RS256' };
      if (header.crit !== undefined) return { ok: false, reason: 'JWT has critical header parameters' };
      if (typeof header.kid !== 'string' || header.kid === '') return { ok: false, reason: 'JWT header has no kid' };

      const found = await options.keys.findKey(header.kid);
      if (!found.ok) return found;
      let signatureValid = false;
      try {
        // RS256 is RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3) over the ASCII signing input (RFC 7515 §5.2).
        signatureValid = verify('RSA-SHA256', Buffer.from(signingInput, 'ascii'), found.key, signature);
      } catch {
        signatureValid = false;
      }
      if (!signatureValid) return { ok: false, reason: 'JWT signature does not verify' };

      const claims = validateJwtClaims(payload, { issuer: options.issuer, audience: options.audience, nowInMs: options.now().getTime(), clockSkewInMs });
      if (!claims.ok) return claims;
      // `appid` in v1.0 tokens, `azp` in v2.0 tokens; `tid` the tenant (Microsoft access token claims reference).
      const subject = optionalString(payload.sub);
      const appId = optionalString(payload.appid) ?? optionalString(payload.azp);
      const tenantId = optionalString(payload.tid);
      return {
        ok: true,
        principal: { kind: 'jwt', ...(subject && { subject }), ...(appId && { appId }), ...(tenantId && { tenantId }) },
      };
    },
  };
}
