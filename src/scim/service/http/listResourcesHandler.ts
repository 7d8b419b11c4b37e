import type { ScimResourceType } from '../../store/scimResourceStore';
import { scimBaseUrl } from '../../schema/scimBaseUrl';
import { scimJsonResponse } from '../../scimJsonResponse';
import { searchFromQuery } from '../searchFromQuery';
import { searchResources } from '../searchResources';
import { toScimSearch } from '../scimSearch';
import type { ScimHttpHandler } from './scimHttpHandler';
import { listResponseBody } from './listResponseBody';
import { resourceBody } from './resourceBody';

/** GET /Users, /Groups (RFC 7644 §3.4.2): filter, sortBy/sortOrder, startIndex/count, attributes/excludedAttributes. */
export function listResourcesHandler(type: ScimResourceType): ScimHttpHandler {
  return async (deps, request) => {
    const search = toScimSearch(searchFromQuery(request.query));
    const page = await searchResources(deps, type, search);
    const base = scimBaseUrl(request.url);
    return scimJsonResponse(200, listResponseBody(page.totalResults, search.startIndex, page.resources.map((r) => resourceBody(deps, type, r, base, search))));
  };
}
