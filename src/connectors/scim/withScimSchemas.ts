import type { JsonObject } from '../../domain/identityObject';
import { isJsonObject } from '../../domain/identityObject';
import { SCIM_CORE_GROUP, SCIM_CORE_USER } from '../../scim/scimSchemas';
import type { ScimEndpoint } from './scimEndpointFor';

/**
 * RFC 7643 §3 requires `schemas` on every resource and strict targets reject a create without it, while
 * attribute mappings produce only attributes. When absent it is derived: the core schema plus every
 * extension the data carries as a URN-keyed object. A `schemas` the mapping did set is kept as is.
 */
export function withScimSchemas(endpoint: ScimEndpoint, data: JsonObject): JsonObject {
  if (Array.isArray(data.schemas) && data.schemas.length > 0) return data;
  const core = endpoint === '/Users' ? SCIM_CORE_USER : SCIM_CORE_GROUP;
  const extensions = Object.keys(data).filter((key) => key.toLowerCase().startsWith('urn:') && isJsonObject(data[key]));
  return { schemas: [core, ...extensions], ...data };
}
