import { SCIM_CONTENT_TYPE } from '../../scimSchemas';
import type { ScimResourceType } from '../../store/scimResourceStore';
import { scimBaseUrl } from '../../schema/scimBaseUrl';
import { scimJsonResponse } from '../../scimJsonResponse';
import { entityTagsMatch } from '../entityTagsMatch';
import { getResource } from '../getResource';
import type { ScimHttpHandler } from './scimHttpHandler';
import { projectionOf } from './projectionOf';
import { resourceBody } from './resourceBody';
import { resourceIdOf } from './resourceIdOf';

/**
 * GET /Users/{id}, /Groups/{id} (RFC 7644 §3.4.1) with `ETag`; `If-None-Match` naming the current version
 * answers 304 without a body (§3.14). A group's version does not move when only its members change (the store
 * writes member rows apart), so a 304 is only ever sent for a read without members.
 */
export function getResourceHandler(type: ScimResourceType): ScimHttpHandler {
  return async (deps, request) => {
    const projection = projectionOf(request);
    const record = await getResource(deps, type, resourceIdOf(request), projection);
    const ifNoneMatch = request.headers.get('if-none-match');
    const membersShown = type === 'Group' && record.resource.members !== undefined;
    if (ifNoneMatch && !membersShown && entityTagsMatch(ifNoneMatch, record.version)) {
      return { status: 304, headers: { 'Content-Type': SCIM_CONTENT_TYPE, ETag: record.version } };
    }
    return scimJsonResponse(200, resourceBody(deps, type, record, scimBaseUrl(request.url), projection), { ETag: record.version });
  };
}
