import type { AppSettings } from '../../config/appSettings';
import { ValidationError } from '../../domain/errors';
import { bearerTokenMatches } from '../bearerToken';
import type { AuthResult } from './authResult';
import { createJwksKeyStore, type FetchJwks } from './createJwksKeyStore';
import { createJwtVerifier, type JwtVerifier } from './createJwtVerifier';
import { fetchJwksOverHttp } from './fetchJwksOverHttp';
import { looksLikeJwt } from './looksLikeJwt';
import { readBearerToken } from './readBearerToken';

export type { AuthResult, ScimPrincipal } from './authResult';

export interface ScimAuthenticatorOptions {
  /** Default: fetchJwksOverHttp (HTTPS, 5 s). */
  fetchJwks?: FetchJwks;
  /** Default: the system clock. */
  now?: () => Date;
}

export interface ScimAuthenticator {
  /** Takes the request's Authorization header as it came. Never throws; a failure is answered with a plain 401. */
  authenticate(authorizationHeader: string | null | undefined): Promise<AuthResult>;
}

type ScimAuthSettings = Pick<
  AppSettings,
  'IDBRIDGE_TOKEN' | 'IDBRIDGE_SCIM_AUTH' | 'IDBRIDGE_SCIM_JWT_ISSUER' | 'IDBRIDGE_SCIM_JWT_AUDIENCE' | 'IDBRIDGE_SCIM_JWKS_URI'
>;

function createVerifier(settings: ScimAuthSettings, options: ScimAuthenticatorOptions, now: () => Date): JwtVerifier {
  const issuer = settings.IDBRIDGE_SCIM_JWT_ISSUER;
  const audience = settings.IDBRIDGE_SCIM_JWT_AUDIENCE;
  const jwksUri = settings.IDBRIDGE_SCIM_JWKS_URI;
  if (!issuer || !audience || !jwksUri) {
    // parseAppSettings already refuses this; settings built by hand get the same answer.
    throw new ValidationError(
      (['IDBRIDGE_SCIM_JWT_ISSUER', 'IDBRIDGE_SCIM_JWT_AUDIENCE', 'IDBRIDGE_SCIM_JWKS_URI'] as const)
        .filter((name) => !settings[name])
        .map((name) => ({ path: name, message: `is required when IDBRIDGE_SCIM_AUTH is ${settings.IDBRIDGE_SCIM_AUTH}` })),
    );
  }
  const keys = createJwksKeyStore({ jwksUri, fetchJwks: options.fetchJwks ?? ((uri) => fetchJwksOverHttp(uri)), now });
  return createJwtVerifier({ issuer, audience, keys, now });
}

/**
 * How SCIM clients prove who they are, chosen by IDBRIDGE_SCIM_AUTH (docs/scim-auth.md):
 *
 * - `token`: the shared secret IDBRIDGE_TOKEN, which an admin pastes into Entra's "Secret Token" field,
 *   compared in constant time.
 * - `jwt`: a JWT that Entra issues when that field is left blank, verified against the tenant's keys.
 * - `tokenOrJwt`: either. The shared secret is compared first (constant time, no I/O); otherwise a
 *   credential shaped like a JWT is verified as one. Comparing first keeps a secret that itself has the
 *   shape of a JWT (an OAuth token from another issuer, which Microsoft allows in "Secret Token") usable.
 *
 * One authenticator per SCIM endpoint: it holds that endpoint's key cache.
 */
export function createScimAuthenticator(settings: AppSettings, options: ScimAuthenticatorOptions = {}): ScimAuthenticator {
  const now = options.now ?? (() => new Date());
  const mode = settings.IDBRIDGE_SCIM_AUTH;
  const verifier = mode === 'token' ? undefined : createVerifier(settings, options, now);
  const expectedToken = settings.IDBRIDGE_TOKEN;

  async function authenticate(authorizationHeader: string | null | undefined): Promise<AuthResult> {
    const credential = readBearerToken(authorizationHeader);
    if (!credential) return { ok: false, reason: 'no bearer token in the Authorization header' };
    if (mode !== 'jwt' && bearerTokenMatches(authorizationHeader, expectedToken)) return { ok: true, principal: { kind: 'token' } };
    if (!verifier) return { ok: false, reason: 'bearer token does not match' };
    if (mode === 'tokenOrJwt' && !looksLikeJwt(credential)) return { ok: false, reason: 'bearer token does not match and is not a JWT' };
    return verifier.verify(credential);
  }

  return {
    async authenticate(authorizationHeader) {
      try {
        return await authenticate(authorizationHeader);
      } catch {
        // Every step is written not to throw; this is the last guard so that a bug denies rather than 500s.
        return { ok: false, reason: 'unexpected error while authenticating' };
      }
    },
  };
}
