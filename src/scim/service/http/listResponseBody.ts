import type { JsonObject } from '../../../domain/identityObject';
import { SCIM_LIST_RESPONSE } from '../../scimSchemas';

/**
 * A ListResponse (RFC 7644 §3.4.2): always one, also when nothing matches (Entra's Test Connection expects
 * `200` with `totalResults: 0` and `Resources: []`, reference §2.2). `itemsPerPage` is the page's size.
 */
export function listResponseBody(totalResults: number, startIndex: number, resources: JsonObject[]): JsonObject {
  return { schemas: [SCIM_LIST_RESPONSE], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}
