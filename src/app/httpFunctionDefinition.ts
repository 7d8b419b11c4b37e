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
  /** Builds the handler; authentication and error mapping are added by the caller (withAuthAndErrors). */
  create(services: Services): HttpHandler;
}
