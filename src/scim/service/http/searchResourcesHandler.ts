import { readJsonBody } from '../../../http/readJsonBody';
import type { ScimResourceType } from '../../store/scimResourceStore';
import { scimBaseUrl } from '../../schema/scimBaseUrl';
import { scimJsonResponse } from '../../scimJsonResponse';
import { searchFromBody } from '../searchFromBody';
import { searchResources } from '../searchResources';
import { toScimSearch } from '../scimSearch';
import type { ScimHttpHandler } from './scimHttpHandler';
import { listResponseBody } from './listResponseBody';
import { resourceBody } from './resourceBody';

/** POST /Users/.search, /Groups/.search (RFC 7644 §3.4.3): a SearchRequest body, answered like GET. */
export function searchResourcesHandler(type: ScimResourceType): ScimHttpHandler {
  return async (deps, request) => {
    const search = toScimSearch(searchFromBody(await readJsonBody(request)));
    const page = await searchResources(deps, type, search);
    const base = scimBaseUrl(request.url);
    return scimJsonResponse(200, listResponseBody(page.totalResults, search.startIndex, page.resources.map((r) => resourceBody(deps, type, r, base, search))));
  };
}
