import type { HttpMethod } from '@azure/functions';
import type { HttpHandler } from '../http/httpHandler';
import type { Services } from './services';

export type HttpAuthentication = 'admin' | 'inbound' | 'self';

/**
 * One HTTP function, as data: functions/ registers it with the Azure Functions runtime and the local host
 * serves it, so both run exactly the same handler. Routes are full paths (host.json sets an empty prefix).
 */
export interface HttpFunctionDefinition {
  name: string;
  methods: HttpMethod[];
  route: string;
  /**
   * Which credential the route requires (docs/api.md#authentication):
   * - `admin` (the default): IDBRIDGE_ADMIN_TOKEN. The management API: defining jobs (which say where target
   *   secrets are sent), operating them, reading their logs. A new route is admin unless it says otherwise.
   * - `inbound`: IDBRIDGE_TOKEN, the credential the HR platform holds (bulk upload only).
   * - `self`: the handler authenticates and maps errors itself (the SCIM routes, which accept an Entra JWT as
   *   well as IDBRIDGE_TOKEN, docs/scim-auth.md).
   * For `admin` and `inbound` the caller adds the token check and error mapping (servedHttpHandler).
   */
  authentication?: HttpAuthentication;
  /** Builds the handler; see `authentication` for who adds authentication and error mapping. */
  create(services: Services): HttpHandler;
}
