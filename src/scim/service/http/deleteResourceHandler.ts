import { SCIM_CONTENT_TYPE } from '../../scimSchemas';
import type { ScimResourceType } from '../../store/scimResourceStore';
import { deleteResource } from '../deleteResource';
import type { ScimHttpHandler } from './scimHttpHandler';
import { resourceIdOf } from './resourceIdOf';

/** DELETE /Users/{id}, /Groups/{id} (RFC 7644 §3.6): 204; `If-Match` honoured (412 invalidVers). */
export function deleteResourceHandler(type: ScimResourceType): ScimHttpHandler {
  return async (deps, request) => {
    await deleteResource(deps, type, resourceIdOf(request), request.headers.get('if-match') ?? undefined);
    return { status: 204, headers: { 'Content-Type': SCIM_CONTENT_TYPE } };
  };
}
