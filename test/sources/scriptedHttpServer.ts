import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedHttpServer {
  baseUrl: string;
  /** Every request received, in order. */
  requests: { url: string; authorization: string | undefined }[];
  stop(): Promise<void>;
}

/** A loopback HTTP server whose every answer the test writes: for failures no real SCIM server can be asked for. */
export async function startScriptedHttpServer(answer: (request: IncomingMessage, response: ServerResponse) => void): Promise<ScriptedHttpServer> {
  const requests: ScriptedHttpServer['requests'] = [];
  const server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', authorization: request.headers.authorization });
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/scim/v2`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with a SCIM JSON body. */
export function sendScim(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/scim+json', ...headers });
  response.end(JSON.stringify(body));
}
