import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { SCIM_LIST_RESPONSE } from '../scimSchemas';
import { scimJsonResponse } from '../scimJsonResponse';
import { parseListParams } from './parseListParams';
import { presentScimUser } from './presentScimUser';
import { scimUserLocation } from './scimUserLocation';
import type { ResolvedScimUsersDeps } from './scimUsersDeps';

/** GET /Users: always a ListResponse, empty when nothing matches (Entra's test connection relies on it). */
export async function listScimUsers(deps: ResolvedScimUsersDeps, request: HttpRequest): Promise<HttpResponseInit> {
  const params = parseListParams(request.query);
  const page = await deps.users.listUsers(params);
  return scimJsonResponse(200, {
    schemas: [SCIM_LIST_RESPONSE],
    totalResults: page.totalResults,
    startIndex: params.startIndex,
    itemsPerPage: page.users.length,
    Resources: page.users.map((record) => presentScimUser(record, scimUserLocation(request.url, record.id))),
  });
}
