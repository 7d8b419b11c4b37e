import type { HttpHandler } from '../http/httpHandler';
import { withAuthAndErrors } from '../http/withAuthAndErrors';
import type { HttpFunctionDefinition } from './httpFunctionDefinition';
import type { Services } from './services';

/**
 * The handler exactly as Azure Functions and the local host serve it: authenticated, errors mapped. The tokens
 * come from the services' settings, so the check can never disagree with what parseAppSettings validated.
 * Each token opens only its own routes (least privilege): the inbound token is refused on the management API
 * and the admin token on bulk upload and SCIM. A refusal is the same plain 401 either way, naming no token.
 */
export function servedHttpHandler(definition: HttpFunctionDefinition, services: Services): HttpHandler {
  const handler = definition.create(services);
  switch (definition.authentication ?? 'admin') {
    case 'self':
      return handler;
    case 'inbound':
      return withAuthAndErrors(services.settings.IDBRIDGE_TOKEN, handler);
    case 'admin':
      return withAuthAndErrors(services.settings.IDBRIDGE_ADMIN_TOKEN, handler);
  }
}
