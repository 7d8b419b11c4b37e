import { readJsonBody } from '../../../http/readJsonBody';
import { scimBaseUrl } from '../../schema/scimBaseUrl';
import { scimJsonResponse } from '../../scimJsonResponse';
import { searchAllResources } from '../searchAllResources';
import { searchFromBody } from '../searchFromBody';
import { toScimSearch } from '../scimSearch';
import type { ScimHttpHandler } from './scimHttpHandler';
import { listResponseBody } from './listResponseBody';
import { resourceBody } from './resourceBody';

/** POST /.search at the root (RFC 7644 §3.4.3): Users and Groups in one ListResponse. */
export const searchAllHandler: ScimHttpHandler = async (deps, request) => {
  const search = toScimSearch(searchFromBody(await readJsonBody(request)));
  const result = await searchAllResources(deps, search);
  const base = scimBaseUrl(request.url);
  return scimJsonResponse(200, listResponseBody(result.totalResults, search.startIndex, result.items.map((i) => resourceBody(deps, i.type, i.record, base, search))));
};
