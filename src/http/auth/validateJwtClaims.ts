import type { AuthFailure } from './authResult';

export interface JwtClaimExpectations {
  /** The exact `iss`, e.g. `https://sts.windows.net/<tenant-id>/` (with its trailing slash). */
  issuer: string;
  /** The `aud` this service accepts, e.g. Entra's `8adf8e6e-67b2-4cf2-a259-e3dc5476c621` for non-gallery apps. */
  audience: string;
  nowInMs: number;
  clockSkewInMs: number;
}

/** A NumericDate (RFC 7519 §2): seconds since the epoch, possibly fractional. */
function numericDateInMs(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value * 1000 : undefined;
}

/**
 * Checks the registered claims of an already signature-verified JWT (RFC 7519 §4.1, §7.2 step 10):
 *
 * - `iss` must equal the configured issuer exactly: it is a case-sensitive StringOrURI (§4.1.1) and Microsoft
 *   says to validate it against the expected tenant (Entra's `https://sts.windows.net/<tenant-id>/` for the
 *   provisioning service's token, "Handling endpoint authentication" in Microsoft's SCIM tutorial).
 * - `aud` is a string or an array of strings, and the token is rejected unless one of them is ours (§4.1.3;
 *   Microsoft's access token claims reference: "reject the token if the value doesn't match").
 * - `exp` is required here although §4.1.4 makes it optional: a token without one would be valid forever,
 *   and Microsoft's tokens always carry it. It is rejected on or after `exp`; `nbf` (§4.1.5) and `iat`
 *   (§4.1.6) must not be in the future. Each comparison allows the configured skew, the "small leeway"
 *   §4.1.4 and §4.1.5 permit.
 */
export function validateJwtClaims(claims: Readonly<Record<string, unknown>>, expect: JwtClaimExpectations): { ok: true } | AuthFailure {
  const { nowInMs, clockSkewInMs } = expect;
  if (claims.iss !== expect.issuer) return { ok: false, reason: 'JWT issuer is not the configured one' };

  const audiences = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
  if (!audiences.some((aud) => aud === expect.audience)) return { ok: false, reason: 'JWT audience is not the configured one' };

  const exp = numericDateInMs(claims.exp);
  if (exp === undefined) return { ok: false, reason: 'JWT has no valid exp claim' };
  if (nowInMs >= exp + clockSkewInMs) return { ok: false, reason: 'JWT has expired' };

  if (claims.nbf !== undefined) {
    const nbf = numericDateInMs(claims.nbf);
    if (nbf === undefined) return { ok: false, reason: 'JWT nbf claim is not a NumericDate' };
    if (nowInMs < nbf - clockSkewInMs) return { ok: false, reason: 'JWT is not yet valid (nbf)' };
  }
  if (claims.iat !== undefined) {
    const iat = numericDateInMs(claims.iat);
    if (iat === undefined) return { ok: false, reason: 'JWT iat claim is not a NumericDate' };
    if (iat > nowInMs + clockSkewInMs) return { ok: false, reason: 'JWT was issued in the future (iat)' };
  }
  return { ok: true };
}
