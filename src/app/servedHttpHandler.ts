import type { HttpHandler } from '../http/httpHandler';
import { withAuthAndErrors } from '../http/withAuthAndErrors';
import type { HttpFunctionDefinition } from './httpFunctionDefinition';
import type { Services } from './services';

/** The handler exactly as Azure Functions and the local host serve it: authenticated, errors mapped. */
export function servedHttpHandler(definition: HttpFunctionDefinition, services: Services, token: string): HttpHandler {
  const handler = definition.create(services);
  return definition.authentication === 'self' ? handler : withAuthAndErrors(token, handler);
}
