import { SCIM_CONTENT_TYPE } from '../../scimSchemas';
import type { ScimResourceType } from '../../store/scimResourceStore';
import { scimBaseUrl } from '../../schema/scimBaseUrl';
import { scimJsonResponse } from '../../scimJsonResponse';
import { entityTagsMatch } from '../entityTagsMatch';
import { getResource } from '../getResource';
import { wantsAttribute } from '../wantsAttribute';
import type { ScimHttpHandler } from './scimHttpHandler';
import { projectionOf } from './projectionOf';
import { resourceBody } from './resourceBody';
import { resourceIdOf } from './resourceIdOf';

/**
 * GET /Users/{id}, /Groups/{id} (RFC 7644 §3.4.1) with `ETag`; `If-None-Match` naming the current version
 * answers 304 without a body (§3.14). The version covers what the resource row holds, and a group's member
 * changes move it too (patchResource, replaceResource). But a group's member rows are written just after
 * its version moves, and a user's `groups` come from other groups' member rows, so a response showing
 * `members` or `groups` may differ under the same version: such reads always answer 200 with the body, and
 * 304 is sent only for reads without them (what Entra sends: `excludedAttributes=members`, reference §2.7).
 */
export function getResourceHandler(type: ScimResourceType): ScimHttpHandler {
  return async (deps, request) => {
    const projection = projectionOf(request);
    const record = await getResource(deps, type, resourceIdOf(request), projection);
    const ifNoneMatch = request.headers.get('if-none-match');
    // Asked for, not present: a user whose last group let go of it shows no `groups` where it showed some.
    const membershipShown = type === 'Group' ? record.resource.members !== undefined : wantsAttribute(projection, 'groups', false);
    if (ifNoneMatch && !membershipShown && entityTagsMatch(ifNoneMatch, record.version)) {
      return { status: 304, headers: { 'Content-Type': SCIM_CONTENT_TYPE, ETag: record.version } };
    }
    return scimJsonResponse(200, resourceBody(deps, type, record, scimBaseUrl(request.url), projection), { ETag: record.version });
  };
}
