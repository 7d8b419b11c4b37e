import { scimBaseUrl } from '../../schema/scimBaseUrl';
import { scimJsonResponse } from '../../scimJsonResponse';
import { readScimBulkRequest } from '../bulk/scimBulkRequest';
import { runBulk } from '../bulk/runBulk';
import type { ScimHttpHandler } from './scimHttpHandler';

/** POST /Bulk (RFC 7644 §3.7): 200 with a BulkResponse; 413 over the advertised limits; 400 for a body that is not a BulkRequest. */
export const bulkHandler: ScimHttpHandler = async (deps, request, context) => {
  const bulk = readScimBulkRequest(await request.text());
  const response = await runBulk(deps, bulk, scimBaseUrl(request.url), (error) => context.error('Unexpected error in a SCIM Bulk operation', error));
  return scimJsonResponse(200, response);
};
