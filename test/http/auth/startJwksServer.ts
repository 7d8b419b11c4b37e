import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JwksServer {
  uri: string;
  /** What GET answers from now on: a JWK Set, or an HTTP status with no body (the server "down"). */
  serve(answer: unknown): void;
  failWith(status: number): void;
  requestCount(): number;
  close(): Promise<void>;
}

/** A JWK Set endpoint on 127.0.0.1 and an ephemeral port, standing in for login.microsoftonline.com. */
export async function startJwksServer(initial: unknown): Promise<JwksServer> {
  let answer: { status: number; body?: unknown } = { status: 200, body: initial };
  let count = 0;
  const server = createServer((_request, response) => {
    count += 1;
    if (answer.status !== 200) {
      response.writeHead(answer.status).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    uri: `http://127.0.0.1:${port}/tenant/discovery/v2.0/keys`,
    serve: (body) => {
      answer = { status: 200, body };
    },
    failWith: (status) => {
      answer = { status };
    },
    requestCount: () => count,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A loopback URI nobody listens on (connection refused). */
export async function closedPortUri(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/keys`;
}
