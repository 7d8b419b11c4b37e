import type { AppSettings } from '../../../config/appSettings';
import { createScimAuthenticator, type ScimAuthenticator } from '../../../http/auth/createScimAuthenticator';

// Settings are parsed once per process and frozen, so the object itself is the cache key.
const authenticators = new WeakMap<AppSettings, ScimAuthenticator>();

/**
 * The process's one SCIM authenticator for these settings (docs/scim-auth.md): every SCIM route shares it,
 * and with it the JWK Set cache and its refetch throttle.
 */
export function scimAuthenticatorFor(settings: AppSettings): ScimAuthenticator {
  let authenticator = authenticators.get(settings);
  if (!authenticator) {
    authenticator = createScimAuthenticator(settings);
    authenticators.set(settings, authenticator);
  }
  return authenticator;
}
