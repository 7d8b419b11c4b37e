import type { HttpHandler } from '../http/httpHandler';
import { scimErrorResponse } from '../scim/scimErrorResponse';
import { parseAppSettings } from '../config/appSettings';
import { createServices } from './createServices';
import type { HttpFunctionDefinition } from './httpFunctionDefinition';
import { servedHttpHandler } from './servedHttpHandler';
import type { Services } from './services';

/*
 * In Azure, one Functions worker process builds its services once, from its app settings, on first use
 * (not at import, so a misconfigured app still starts and says what is wrong in every response and log).
 */
let services: Promise<Services> | undefined;

export function processServices(): Promise<Services> {
  services ??= (async () => {
    const settings = parseAppSettings(process.env);
    return createServices(settings, process.env);
  })();
  // A failed start is not cached: the next invocation tries again (settings may have been fixed).
  services.catch(() => {
    services = undefined;
  });
  return services;
}

/** An HTTP function for the Azure runtime: the same handler the local host serves. */
export function azureHttpHandler(definition: HttpFunctionDefinition): HttpHandler {
  let handler: HttpHandler | undefined;
  return async (request, context) => {
    if (!handler) {
      try {
        const built = await processServices();
        handler = servedHttpHandler(definition, built);
      } catch (error) {
        context.error('idbridge could not start; check the app settings', error);
        return scimErrorResponse(500, 'The service is not configured correctly; the details are in the service log.');
      }
    }
    return handler(request, context);
  };
}
