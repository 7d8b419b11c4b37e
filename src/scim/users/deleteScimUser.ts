import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { SCIM_CONTENT_TYPE } from '../scimSchemas';
import { recordUserChange } from './recordUserChange';
import { requestIfMatch } from './requestIfMatch';
import { requestUserId } from './requestUserId';
import type { ResolvedScimUsersDeps } from './scimUsersDeps';

/** DELETE /Users/{id}: a hard delete, 204; the user is gone from GET afterwards (404). */
export async function deleteScimUser(deps: ResolvedScimUsersDeps, request: HttpRequest): Promise<HttpResponseInit> {
  const ifMatch = requestIfMatch(request);
  const id = requestUserId(request);
  // Read first only to be able to undo (recordUserChange); the delete stays conditional on what the client asked.
  const existing = await deps.users.getUser(id);
  await deps.users.deleteUser(id, ifMatch === undefined ? {} : { ifMatch });
  await recordUserChange(deps, id, null, async () => (existing ? deps.users.createUser(existing.resource) : undefined));
  return { status: 204, headers: { 'Content-Type': SCIM_CONTENT_TYPE } };
}
