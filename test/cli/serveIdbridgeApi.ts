import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpFunctions } from '../../src/app/httpFunctions';
import { servedHttpHandler } from '../../src/app/servedHttpHandler';
import type { Services } from '../../src/app/services';
import { matchRoute } from '../../src/local/matchRoute';
import { invokeHttpHandler, toFunctionsRequest, writeFunctionsResponse } from '../../src/local/nodeHttpBridge';
import { scimErrorResponse } from '../../src/scim/scimErrorResponse';

export interface ServedApi {
  url: string;
  close(): Promise<void>;
}

/**
 * Every production HTTP function over real HTTP on loopback, as the local host serves them (same route
 * matching, request bridge and authentication), but on services a test built (Azurite tables and queue of
 * its own), so that CLI commands can be run against it without starting a second Azurite.
 */
export async function serveIdbridgeApi(services: Services): Promise<ServedApi> {
  const routes = httpFunctions.map((definition) => ({ definition, handler: servedHttpHandler(definition, services) }));
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = (req.method ?? 'GET').toUpperCase();
      for (const route of routes) {
        const params = matchRoute(route.definition.route, url.pathname);
        if (!params || !route.definition.methods.includes(method as (typeof route.definition.methods)[number])) continue;
        const request = await toFunctionsRequest(req, url, params);
        if (request === 'tooLarge') return writeFunctionsResponse(res, scimErrorResponse(413, 'too large'));
        return writeFunctionsResponse(res, await invokeHttpHandler(route.handler, request, route.definition.name, () => {}));
      }
      return writeFunctionsResponse(res, scimErrorResponse(404, `No endpoint at ${method} ${url.pathname}`));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
