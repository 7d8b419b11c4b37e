import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { NotFoundError } from '../../domain/errors';
import { scimJsonResponse } from '../scimJsonResponse';
import { presentScimUser } from './presentScimUser';
import { requestUserId } from './requestUserId';
import { scimUserLocation } from './scimUserLocation';
import type { ResolvedScimUsersDeps } from './scimUsersDeps';

/** GET /Users/{id}: inactive users are returned too (reference 2.1: soft delete). */
export async function getScimUser(deps: ResolvedScimUsersDeps, request: HttpRequest): Promise<HttpResponseInit> {
  const id = requestUserId(request);
  const record = await deps.users.getUser(id);
  if (!record) throw new NotFoundError(`user ${id} not found`);
  return scimJsonResponse(200, presentScimUser(record, scimUserLocation(request.url, id)), { ETag: record.version });
}
