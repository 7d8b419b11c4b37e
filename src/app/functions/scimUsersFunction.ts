import type { HttpRequest, InvocationContext } from '@azure/functions';
import { createScimUsersHandlers, type ScimUsersHandlers } from '../../scim/users/createScimUsersHandlers';
import { scimUsersRoutes } from '../../scim/users/scimUsersRoutes';
import type { HttpFunctionDefinition } from '../httpFunctionDefinition';
import type { Services } from '../services';

/*
 * The built-in directory's SCIM Users endpoint. One Azure Function per route, dispatching on the method
 * to the handlers of src/scim/users (the route table lives there).
 */
const handlersFor = (services: Services): ScimUsersHandlers => createScimUsersHandlers({ users: services.directory, token: services.settings.IDBRIDGE_TOKEN, now: () => services.now(), changes: services.directoryChanges });

const [collection, item] = scimUsersRoutes;

export const scimUsersFunction: HttpFunctionDefinition = {
  name: collection.name,
  methods: [...collection.methods],
  route: collection.route,
  create: (services) => {
    const handlers = handlersFor(services);
    return (request: HttpRequest, context: InvocationContext) => (request.method === 'POST' ? handlers.create : handlers.list)(request, context);
  },
};

export const scimUserFunction: HttpFunctionDefinition = {
  name: item.name,
  methods: [...item.methods],
  route: item.route,
  create: (services) => {
    const handlers = handlersFor(services);
    const byMethod = { GET: handlers.get, PUT: handlers.replace, PATCH: handlers.patch, DELETE: handlers.remove } as const;
    return (request, context) => (byMethod[request.method as keyof typeof byMethod] ?? handlers.get)(request, context);
  },
};
