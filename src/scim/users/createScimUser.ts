import { randomUUID } from 'node:crypto';
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { readJsonBody } from '../../http/readJsonBody';
import { scimJsonResponse } from '../scimJsonResponse';
import { presentScimUser } from './presentScimUser';
import { recordUserChange } from './recordUserChange';
import { scimUserLocation } from './scimUserLocation';
import type { ResolvedScimUsersDeps } from './scimUsersDeps';
import { userResourceFromBody } from './userResourceFromBody';

/** POST /Users: 201 with the server-assigned id; 409 uniqueness when the userName is taken. */
export async function createScimUser(deps: ResolvedScimUsersDeps, request: HttpRequest): Promise<HttpResponseInit> {
  const resource = userResourceFromBody(await readJsonBody(request));
  const id = randomUUID();
  const now = deps.now().toISOString();
  const record = await deps.users.createUser({ ...resource, id, meta: { resourceType: 'User', created: now, lastModified: now } });
  await recordUserChange(deps, id, record.resource, () => deps.users.deleteUser(id, { ifMatch: record.version }));
  const location = scimUserLocation(request.url, id);
  return scimJsonResponse(201, presentScimUser(record, location), { Location: location, ETag: record.version });
}
