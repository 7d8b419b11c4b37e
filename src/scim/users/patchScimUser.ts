import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { ConflictError, NotFoundError } from '../../domain/errors';
import { isJsonObject, type JsonObject } from '../../domain/identityObject';
import { applyPatch } from '../applyPatch';
import { readJsonBody } from '../../http/readJsonBody';
import { scimJsonResponse } from '../scimJsonResponse';
import type { ScimUserRecord } from '../scimUserStore';
import { presentScimUser } from './presentScimUser';
import { recordUserChange } from './recordUserChange';
import { requestIfMatch } from './requestIfMatch';
import { requestUserId } from './requestUserId';
import { scimUserLocation } from './scimUserLocation';
import type { ResolvedScimUsersDeps } from './scimUsersDeps';
import { assertValidUser, canonicalizeUserKeys } from './userResourceFromBody';

/**
 * Entra may send several PATCHes for one user close together; a lost race on the version is retried from a
 * fresh read, unless the client pinned a version with If-Match.
 */
const ATTEMPTS = 3;

/** PATCH /Users/{id}: read, apply (pure), write conditionally on the version read; 200 with the user. */
export async function patchScimUser(deps: ResolvedScimUsersDeps, request: HttpRequest): Promise<HttpResponseInit> {
  const id = requestUserId(request);
  const body = await readJsonBody(request);
  const clientIfMatch = requestIfMatch(request);
  for (let attempt = 1; ; attempt++) {
    try {
      const { record, previous } = await patchOnce(deps, id, body, clientIfMatch);
      await recordUserChange(deps, id, record.resource, () => deps.users.replaceUser(previous, { ifMatch: record.version }));
      return scimJsonResponse(200, presentScimUser(record, scimUserLocation(request.url, id)), { ETag: record.version });
    } catch (error) {
      const lostRace = error instanceof ConflictError && error.scimType === 'invalidVers' && clientIfMatch === undefined;
      if (!lostRace || attempt >= ATTEMPTS) throw error;
    }
  }
}

async function patchOnce(deps: ResolvedScimUsersDeps, id: string, body: Parameters<typeof applyPatch>[1], clientIfMatch: string | undefined): Promise<{ record: ScimUserRecord; previous: JsonObject }> {
  const existing = await deps.users.getUser(id);
  if (!existing) throw new NotFoundError(`user ${id} not found`);
  if (clientIfMatch !== undefined && clientIfMatch !== existing.version) {
    throw new ConflictError(`user ${id} has changed since version ${clientIfMatch}`, 'invalidVers');
  }
  const patched = applyPatch(existing.resource, body);
  canonicalizeUserKeys(patched);
  assertValidUser(patched);
  const meta = isJsonObject(existing.resource.meta) ? existing.resource.meta : {};
  const record = await deps.users.replaceUser({ ...patched, id, meta: { ...meta, resourceType: 'User', lastModified: deps.now().toISOString() } }, { ifMatch: existing.version });
  return { record, previous: existing.resource };
}
