import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { NotFoundError } from '../../domain/errors';
import { isJsonObject } from '../../domain/identityObject';
import { readJsonBody } from '../../http/readJsonBody';
import { scimJsonResponse } from '../scimJsonResponse';
import { presentScimUser } from './presentScimUser';
import { recordUserChange } from './recordUserChange';
import { requestIfMatch } from './requestIfMatch';
import { requestUserId } from './requestUserId';
import { scimUserLocation } from './scimUserLocation';
import type { ResolvedScimUsersDeps } from './scimUsersDeps';
import { userResourceFromBody } from './userResourceFromBody';

/** PUT /Users/{id}: the body replaces every client-owned attribute; `meta.created` is kept. */
export async function replaceScimUser(deps: ResolvedScimUsersDeps, request: HttpRequest): Promise<HttpResponseInit> {
  const id = requestUserId(request);
  const resource = userResourceFromBody(await readJsonBody(request));
  const existing = await deps.users.getUser(id);
  if (!existing) throw new NotFoundError(`user ${id} not found`);
  const meta = isJsonObject(existing.resource.meta) ? existing.resource.meta : {};
  const now = deps.now().toISOString();
  const ifMatch = requestIfMatch(request) ?? existing.version;
  const record = await deps.users.replaceUser({ ...resource, id, meta: { ...meta, resourceType: 'User', lastModified: now } }, { ifMatch });
  await recordUserChange(deps, id, record.resource, () => deps.users.replaceUser(existing.resource, { ifMatch: record.version }));
  return scimJsonResponse(200, presentScimUser(record, scimUserLocation(request.url, id)), { ETag: record.version });
}
