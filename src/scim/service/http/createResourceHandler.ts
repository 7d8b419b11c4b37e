import { readJsonBody } from '../../../http/readJsonBody';
import type { ScimResourceType } from '../../store/scimResourceStore';
import { scimBaseUrl } from '../../schema/scimBaseUrl';
import { scimJsonResponse } from '../../scimJsonResponse';
import { createResource } from '../createResource';
import { resourceLocation } from '../resourceLocation';
import type { ScimHttpHandler } from './scimHttpHandler';
import { projectionOf } from './projectionOf';
import { resourceBody } from './resourceBody';

/** POST /Users, /Groups (RFC 7644 §3.3): 201 with the resource, `Location` and `ETag` (§3.14). */
export function createResourceHandler(type: ScimResourceType): ScimHttpHandler {
  return async (deps, request) => {
    const record = await createResource(deps, type, await readJsonBody(request));
    const base = scimBaseUrl(request.url);
    return scimJsonResponse(201, resourceBody(deps, type, record, base, projectionOf(request)), { Location: resourceLocation(base, type, record.id), ETag: record.version });
  };
}
