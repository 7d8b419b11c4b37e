import type { HttpMethod } from '@azure/functions';
import type { HttpHandler } from '../../http/httpHandler';
import { bulkHandler } from '../../scim/service/http/bulkHandler';
import { createResourceHandler } from '../../scim/service/http/createResourceHandler';
import { deleteResourceHandler } from '../../scim/service/http/deleteResourceHandler';
import { getResourceHandler } from '../../scim/service/http/getResourceHandler';
import { listResourcesHandler } from '../../scim/service/http/listResourcesHandler';
import { patchResourceHandler } from '../../scim/service/http/patchResourceHandler';
import { replaceResourceHandler } from '../../scim/service/http/replaceResourceHandler';
import { scimEndpoint } from '../../scim/service/http/scimEndpoint';
import type { ScimHttpHandler } from '../../scim/service/http/scimHttpHandler';
import { searchAllHandler } from '../../scim/service/http/searchAllHandler';
import { searchResourcesHandler } from '../../scim/service/http/searchResourcesHandler';
import type { ScimServiceDeps } from '../../scim/service/scimServiceDeps';
import { schemaRegistryFor } from '../../scim/schema/schemaRegistryFor';
import type { ScimResourceType } from '../../scim/store/scimResourceStore';
import type { HttpFunctionDefinition } from '../httpFunctionDefinition';
import type { Services } from '../services';

/*
 * The SCIM 2.0 service (RFC 7644) over the built-in directory: one Azure Function per route, dispatching on the
 * method to the handlers of src/scim/service/http. Every route authenticates with the SCIM authenticator
 * (token or Entra JWT, docs/scim-auth.md) and answers SCIM errors itself.
 */

const depsOf = (services: Services): ScimServiceDeps => ({
  store: services.directory,
  registry: schemaRegistryFor(services.settings),
  changes: services.directoryChanges,
  now: () => services.now(),
});

function scimRoute(name: string, route: string, byMethod: Partial<Record<HttpMethod, ScimHttpHandler>>): HttpFunctionDefinition {
  const methods = Object.keys(byMethod) as HttpMethod[];
  return {
    name,
    methods,
    route,
    authentication: 'self',
    create: (services): HttpHandler =>
      scimEndpoint(services.settings, () => depsOf(services), (deps, request, context) => {
        // The runtime only routes the listed methods here; the first is a safe default for anything else.
        const handler = byMethod[request.method as HttpMethod] ?? (byMethod[methods[0] as HttpMethod] as ScimHttpHandler);
        return handler(deps, request, context);
      }),
  };
}

const collection = (type: ScimResourceType) => ({ GET: listResourcesHandler(type), POST: createResourceHandler(type) });
const item = (type: ScimResourceType) => ({
  GET: getResourceHandler(type),
  PUT: replaceResourceHandler(type),
  PATCH: patchResourceHandler(type),
  DELETE: deleteResourceHandler(type),
});

export const scimUsersFunction = scimRoute('scimUsers', 'scim/v2/Users', collection('User'));
export const scimUsersSearchFunction = scimRoute('scimUsersSearch', 'scim/v2/Users/.search', { POST: searchResourcesHandler('User') });
export const scimUserFunction = scimRoute('scimUser', 'scim/v2/Users/{id}', item('User'));
export const scimGroupsFunction = scimRoute('scimGroups', 'scim/v2/Groups', collection('Group'));
export const scimGroupsSearchFunction = scimRoute('scimGroupsSearch', 'scim/v2/Groups/.search', { POST: searchResourcesHandler('Group') });
export const scimGroupFunction = scimRoute('scimGroup', 'scim/v2/Groups/{id}', item('Group'));
export const scimSearchFunction = scimRoute('scimSearch', 'scim/v2/.search', { POST: searchAllHandler });
export const scimBulkFunction = scimRoute('scimBulk', 'scim/v2/Bulk', { POST: bulkHandler });
