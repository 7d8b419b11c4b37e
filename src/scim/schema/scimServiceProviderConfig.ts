import type { JsonObject } from '../../domain/identityObject';
import { SCIM_SERVICE_PROVIDER_CONFIG_SCHEMA } from './scimSchemaUrns';

/**
 * The limits the SCIM service enforces; the Bulk and list handlers should read them from here so that
 * /ServiceProviderConfig (RFC 7643 §5) stays true.
 */
export const SCIM_BULK_MAX_OPERATIONS = 1000;
export const SCIM_BULK_MAX_PAYLOAD_BYTES = 1_048_576;
export const SCIM_FILTER_MAX_RESULTS = 1000;

/** GET /ServiceProviderConfig (RFC 7643 §5, §8.5): what the SCIM service supports. */
export function scimServiceProviderConfig(location: string): JsonObject {
  return {
    schemas: [SCIM_SERVICE_PROVIDER_CONFIG_SCHEMA],
    patch: { supported: true },
    bulk: { supported: true, maxOperations: SCIM_BULK_MAX_OPERATIONS, maxPayloadSize: SCIM_BULK_MAX_PAYLOAD_BYTES },
    filter: { supported: true, maxResults: SCIM_FILTER_MAX_RESULTS },
    // Passwords are accepted on create and replace, but there is no dedicated change-password flow (RFC 7643 §5).
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'A bearer token in the Authorization header (RFC 6750): the configured secret token, or an Entra-issued JWT when enabled.',
        specUri: 'https://www.rfc-editor.org/rfc/rfc6750',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location },
  };
}
