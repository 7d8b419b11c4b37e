import { parseAppSettings, type AppSettings } from '../../../src/config/appSettings';

export const TENANT_ID = '11111111-2222-3333-4444-555555555555';
export const ISSUER = `https://sts.windows.net/${TENANT_ID}/`;
/** The audience of the token Entra sends to every non-gallery app (Microsoft's SCIM tutorial). */
export const AUDIENCE = '8adf8e6e-67b2-4cf2-a259-e3dc5476c621';
export const SECRET_TOKEN = 'a-long-lived-secret-token-0123456789';
/** The management API's token: never accepted by the SCIM service. */
export const ADMIN_TOKEN = 'the-admin-token-for-api-jobs-0123456789';

export function scimAuthSettings(mode: 'token' | 'jwt' | 'tokenOrJwt', jwksUri = 'https://login.microsoftonline.com/x/discovery/v2.0/keys'): AppSettings {
  return parseAppSettings({
    IDBRIDGE_TOKEN: SECRET_TOKEN,
    IDBRIDGE_ADMIN_TOKEN: ADMIN_TOKEN,
    IDBRIDGE_QUEUE_KIND: 'storageQueue',
    IDBRIDGE_STORAGE_CONNECTION: 'UseDevelopmentStorage=true',
    IDBRIDGE_SCIM_AUTH: mode,
    ...(mode !== 'token' && { IDBRIDGE_SCIM_JWT_ISSUER: ISSUER, IDBRIDGE_SCIM_JWT_AUDIENCE: AUDIENCE, IDBRIDGE_SCIM_JWKS_URI: jwksUri }),
  });
}
