import { readJsonBody } from '../../../http/readJsonBody';
import { SCIM_CONTENT_TYPE } from '../../scimSchemas';
import type { ScimResourceType } from '../../store/scimResourceStore';
import { scimBaseUrl } from '../../schema/scimBaseUrl';
import { scimJsonResponse } from '../../scimJsonResponse';
import { patchResource } from '../patchResource';
import type { ScimHttpHandler } from './scimHttpHandler';
import { projectionOf } from './projectionOf';
import { resourceBody } from './resourceBody';
import { resourceIdOf } from './resourceIdOf';

/**
 * PATCH /Users/{id}, /Groups/{id} (RFC 7644 §3.5.2). Users: 200 with the resource. Groups: 204 (Entra asks for
 * it and discourages returning the member list, reference §2.1, §2.7; RFC 7644 §3.5.2 allows 204), or 200 with
 * the projected group when the request names `attributes`. Both carry the new `ETag`.
 */
export function patchResourceHandler(type: ScimResourceType): ScimHttpHandler {
  return async (deps, request) => {
    const id = resourceIdOf(request);
    const { record } = await patchResource(deps, type, id, await readJsonBody(request), request.headers.get('if-match') ?? undefined);
    const projection = projectionOf(request);
    if (type === 'Group' && projection.attributes.length === 0) return { status: 204, headers: { 'Content-Type': SCIM_CONTENT_TYPE, ETag: record.version } };
    return scimJsonResponse(200, resourceBody(deps, type, record, scimBaseUrl(request.url), projection), { ETag: record.version });
  };
}
