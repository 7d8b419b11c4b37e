import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { SCIM_CONTENT_TYPE } from '../scimSchemas';
import { requestIfMatch } from './requestIfMatch';
import { requestUserId } from './requestUserId';
import type { ResolvedScimUsersDeps } from './scimUsersDeps';

/** DELETE /Users/{id}: a hard delete, 204; the user is gone from GET afterwards (404). */
export async function deleteScimUser(deps: ResolvedScimUsersDeps, request: HttpRequest): Promise<HttpResponseInit> {
  const ifMatch = requestIfMatch(request);
  await deps.users.deleteUser(requestUserId(request), ifMatch === undefined ? {} : { ifMatch });
  return { status: 204, headers: { 'Content-Type': SCIM_CONTENT_TYPE } };
}
