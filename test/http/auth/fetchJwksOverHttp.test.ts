import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchJwksOverHttp } from '../../../src/http/auth/fetchJwksOverHttp';
import { closedPortUri, startJwksServer } from './startJwksServer';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/keys`;
}

describe('fetchJwksOverHttp', () => {
  test('GETs and parses the JWK Set; non-200 answers reject', async () => {
    const server = await startJwksServer({ keys: [{ kid: 'x' }] });
    try {
      await expect(fetchJwksOverHttp(server.uri)).resolves.toEqual({ keys: [{ kid: 'x' }] });
      server.failWith(503);
      await expect(fetchJwksOverHttp(server.uri)).rejects.toThrow('answered 503');
      server.failWith(302);
      await expect(fetchJwksOverHttp(server.uri)).rejects.toThrow('answered 302');
    } finally {
      await server.close();
    }
  });

  test('plain http is refused except to loopback; bad URIs reject', async () => {
    await expect(fetchJwksOverHttp('http://login.microsoftonline.com/t/discovery/v2.0/keys')).rejects.toThrow('must use https');
    await expect(fetchJwksOverHttp('ftp://127.0.0.1/keys')).rejects.toThrow('must use https');
    await expect(fetchJwksOverHttp('not a url')).rejects.toThrow('not a URL');
  });

  test('connection refused, a hanging server, oversize and non-JSON bodies reject', async () => {
    await expect(fetchJwksOverHttp(await closedPortUri())).rejects.toThrow();

    const hanging = createServer(() => undefined);
    const big = createServer((_q, r) => r.end(JSON.stringify({ keys: 'x'.repeat(2048) })));
    const notJson = createServer((_q, r) => r.end('<html>'));
    try {
      await expect(fetchJwksOverHttp(await listen(hanging), { timeoutInMs: 200 })).rejects.toThrow();
      await expect(fetchJwksOverHttp(await listen(big), { maxBytes: 1024 })).rejects.toThrow();
      await expect(fetchJwksOverHttp(await listen(notJson))).rejects.toThrow('not JSON');
    } finally {
      for (const server of [hanging, big, notJson]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    }
  });
});
