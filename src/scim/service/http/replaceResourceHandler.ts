import { readJsonBody } from '../../../http/readJsonBody';
import type { ScimResourceType } from '../../store/scimResourceStore';
import { scimBaseUrl } from '../../schema/scimBaseUrl';
import { scimJsonResponse } from '../../scimJsonResponse';
import { replaceResource } from '../replaceResource';
import type { ScimHttpHandler } from './scimHttpHandler';
import { projectionOf } from './projectionOf';
import { resourceBody } from './resourceBody';
import { resourceIdOf } from './resourceIdOf';

/** PUT /Users/{id}, /Groups/{id} (RFC 7644 §3.5.1): 200 with the resource and its new `ETag`; `If-Match` honoured. */
export function replaceResourceHandler(type: ScimResourceType): ScimHttpHandler {
  return async (deps, request) => {
    const id = resourceIdOf(request);
    const record = await replaceResource(deps, type, id, await readJsonBody(request), request.headers.get('if-match') ?? undefined);
    return scimJsonResponse(200, resourceBody(deps, type, record, scimBaseUrl(request.url), projectionOf(request)), { ETag: record.version });
  };
}
