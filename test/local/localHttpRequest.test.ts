import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpResponseInit } from '@azure/functions';
import { HttpRequest } from '@azure/functions';
import { LocalHttpRequest } from '../../src/local/localHttpRequest';
import { toFunctionsRequest, writeFunctionsResponse } from '../../src/local/nodeHttpBridge';

const url = new URL('http://localhost:7071/scim/v2/Users?filter=userName%20eq%20%22a%22&count=1&count=5');

function local(body?: string, headers: Record<string, string | string[]> = {}): LocalHttpRequest {
  return new LocalHttpRequest({ method: 'POST', url, headers: { 'content-type': 'application/scim+json', ...headers }, params: { id: '42' }, body: body === undefined ? undefined : Buffer.from(body) });
}

describe('LocalHttpRequest', () => {
  it('offers what the @azure/functions HttpRequest offers for the same request', async () => {
    const body = JSON.stringify({ userName: 'zoë@contoso.example' });
    const ours = local(body, { authorization: 'Bearer x', 'x-multi': ['a', 'b'] });
    const theirs = new HttpRequest({ method: 'POST', url: url.toString(), headers: { 'content-type': 'application/scim+json', authorization: 'Bearer x', 'x-multi': 'a, b' }, query: Object.fromEntries(url.searchParams.entries()), params: { id: '42' }, body: { string: body } });
    expect([ours.method, ours.url, ours.params]).toEqual([theirs.method, theirs.url, theirs.params]);
    expect([...ours.headers.entries()]).toEqual([...theirs.headers.entries()]);
    expect([...ours.query.entries()]).toEqual([...theirs.query.entries()]);
    expect(ours.query.get('count')).toBe('5');
    expect(ours.bodyUsed).toBe(false);
    expect(await ours.json()).toEqual(await theirs.json());
    expect(ours.bodyUsed).toBe(true);
    expect(ours.user).toBeNull();
  });

  it('lets the body be read once, as fetch does', async () => {
    const request = local('{"a":1}');
    const copy = request.clone();
    expect(await request.text()).toBe('{"a":1}');
    await expect(request.text()).rejects.toThrow(TypeError);
    expect(() => request.clone()).toThrow(TypeError);
    expect(await copy.json()).toEqual({ a: 1 });
  });

  it('drops a byte order mark from text, and reads bytes, blobs, streams and form data from the same body', async () => {
    expect(await local('\ufeff{"a":1}').json()).toEqual({ a: 1 });
    expect(Buffer.from(await local('abc').arrayBuffer()).toString()).toBe('abc');
    const blob = await local('abc').blob();
    expect([blob.type, await blob.text()]).toEqual(['application/scim+json', 'abc']);
    expect(await new Response(local('streamed').body).text()).toBe('streamed');
    const form = await local('a=1&b=two', { 'content-type': 'application/x-www-form-urlencoded' }).formData();
    expect([form.get('a'), form.get('b')]).toEqual(['1', 'two']);
  });

  it('has no body for a request without one; text is then empty', async () => {
    const request = local();
    expect(request.body).toBeNull();
    expect(await request.text()).toBe('');
  });
});

describe('the local host bridge', () => {
  /** One request through a real Node server: toFunctionsRequest in, the handler's response out. */
  async function roundTrip(body: string, respond: (request: HttpRequest) => Promise<HttpResponseInit>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      void (async () => {
        const request = await toFunctionsRequest(req, new URL(req.url ?? '/', 'http://localhost'), {});
        if (request === 'tooLarge') throw new Error('unexpected');
        await writeFunctionsResponse(res, await respond(request));
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      return await new Promise((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/x?q=1', headers: { 'Content-Type': 'application/json' } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        });
        req.on('error', reject);
        // Sent in two writes, so that the body arrives as more than one chunk.
        req.write(body.slice(0, 3));
        req.end(body.slice(3));
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it('hands the handler the whole body and writes its status, headers and JSON body', async () => {
    const result = await roundTrip('{"userName":"a"}', async (request) => ({
      status: 201,
      headers: { 'Content-Type': 'application/scim+json', Location: `/Users/${String((await request.json()) && request.query.get('q'))}` },
      jsonBody: { ok: true },
    }));
    expect(result.status).toBe(201);
    expect(result.headers['content-type']).toBe('application/scim+json');
    expect(result.headers.location).toBe('/Users/1');
    expect(JSON.parse(result.text)).toEqual({ ok: true });
  });

  it('defaults the content type of a JSON body, and accepts Headers and pairs', async () => {
    expect((await roundTrip('{}', async () => ({ status: 200, jsonBody: [] }))).headers['content-type']).toBe('application/json');
    const fromHeaders = await roundTrip('{}', async () => ({ status: 200, headers: new Headers({ 'X-A': '1' }), body: 'plain' }));
    expect([fromHeaders.headers['x-a'], fromHeaders.text]).toEqual(['1', 'plain']);
    const fromPairs = await roundTrip('{}', async () => ({ status: 204, headers: [['X-B', '2']] }));
    expect([fromPairs.status, fromPairs.headers['x-b']]).toEqual([204, '2']);
  });
});
