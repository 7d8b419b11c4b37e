import type { HttpMethod } from '@azure/functions';
import type { HttpHandler } from '../http/httpHandler';
import type { Services } from './services';

/**
 * One HTTP function, as data: functions/ registers it with the Azure Functions runtime and the local host
 * serves it, so both run exactly the same handler. Routes are full paths (host.json sets an empty prefix).
 */
export interface HttpFunctionDefinition {
  name: string;
  methods: HttpMethod[];
  route: string;
  /**
   * `self`: the handler authenticates and maps errors itself (the SCIM routes, which accept an Entra JWT as
   * well as the token, docs/scim-auth.md). Default: the caller adds both (withAuthAndErrors, IDBRIDGE_TOKEN).
   */
  authentication?: 'self';
  /** Builds the handler; see `authentication` for who adds authentication and error mapping. */
  create(services: Services): HttpHandler;
}
