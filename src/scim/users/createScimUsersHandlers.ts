import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { bearerTokenMatches } from '../../http/bearerToken';
import { scimErrorFromThrown } from '../scimErrorFromThrown';
import { scimErrorResponse } from '../scimErrorResponse';
import { createScimUser } from './createScimUser';
import { deleteScimUser } from './deleteScimUser';
import { getScimUser } from './getScimUser';
import { listScimUsers } from './listScimUsers';
import { patchScimUser } from './patchScimUser';
import { replaceScimUser } from './replaceScimUser';
import type { ResolvedScimUsersDeps, ScimUsersDeps } from './scimUsersDeps';

export type { ScimUsersDeps } from './scimUsersDeps';
export { scimUsersRoutes } from './scimUsersRoutes';

export type ScimHttpHandler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

export interface ScimUsersHandlers {
  list: ScimHttpHandler;
  create: ScimHttpHandler;
  get: ScimHttpHandler;
  replace: ScimHttpHandler;
  patch: ScimHttpHandler;
  remove: ScimHttpHandler;
}

/**
 * The /scim/v2/Users handlers. Each checks the bearer token first, and turns anything thrown into a SCIM
 * error body, so that no input, however malformed, produces an unexplained 500.
 */
export function createScimUsersHandlers(deps: ScimUsersDeps): ScimUsersHandlers {
  const resolved: ResolvedScimUsersDeps = { ...deps, now: deps.now ?? (() => new Date()), changes: deps.changes ?? { recordChanges: async () => undefined } };
  const guard =
    (operation: (deps: ResolvedScimUsersDeps, request: HttpRequest) => Promise<HttpResponseInit>): ScimHttpHandler =>
    async (request, context) => {
      if (!bearerTokenMatches(request.headers.get('authorization'), resolved.token)) {
        return scimErrorResponse(401, 'a valid bearer token is required', undefined, { 'WWW-Authenticate': 'Bearer' });
      }
      try {
        return await operation(resolved, request);
      } catch (error) {
        return scimErrorFromThrown(error, context);
      }
    };
  return {
    list: guard(listScimUsers),
    create: guard(createScimUser),
    get: guard(getScimUser),
    replace: guard(replaceScimUser),
    patch: guard(patchScimUser),
    remove: guard(deleteScimUser),
  };
}
