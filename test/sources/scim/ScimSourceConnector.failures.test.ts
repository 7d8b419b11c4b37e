import { SCIM_ERROR_CODES } from '../../../src/connectors/scim/scimErrorCodes';
import { PermanentError, ThrottledError, TransientError } from '../../../src/domain/errors';
import { freePort } from '../../../src/local/freePort';
import { SCIM_CORE_USER } from '../../../src/scim/scimSchemas';
import { ScimSourceConnector } from '../../../src/sources/scim/ScimSourceConnector';
import { type ScriptedHttpServer, sendScim, startScriptedHttpServer } from '../scriptedHttpServer';
import { rejectionOf } from '../rejectionOf';

const TOKEN = 'source-token-0123456789abcdef';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

function sourceAt(baseUrl: string, timeoutInMs = 5000): ScimSourceConnector {
  return new ScimSourceConnector({ baseUrl, token: TOKEN, timeoutInMs, pageSize: 5, objectTypes: ['User'] });
}

function codeOf(error: Error): string | undefined {
  return (error as { code?: string }).code;
}

/*
 * Failures no real SCIM server can be asked to produce on cue, against a loopback HTTP server whose answers the
 * test writes; the requests still go through the real node:http transport.
 */
describe('ScimSourceConnector failures', () => {
  let server: ScriptedHttpServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('says unreachable (quarantine-worthy) when nothing listens', async () => {
    const error = await rejectionOf(sourceAt(`http://127.0.0.1:${await freePort()}/scim/v2`).readPage({ mode: 'full' }));
    expect(error).toBeInstanceOf(TransientError);
    expect(codeOf(error)).toBe(SCIM_ERROR_CODES.unreachable);
    expect(error.message).toMatch(/^SCIM source could not connect/);
  });

  it.each([
    [429, '7', 7000],
    [503, '2', 2000],
    [429, undefined, 5000],
  ])('turns %i with Retry-After %p into a wait of %i ms', async (status, retryAfter, waitMs) => {
    server = await startScriptedHttpServer((_request, response) => sendScim(response, status, { detail: 'slow down' }, retryAfter === undefined ? {} : { 'Retry-After': retryAfter }));
    const error = await rejectionOf(sourceAt(server.baseUrl).readPage({ mode: 'full' }));
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).retryAfterMs).toBe(waitMs);
    expect(codeOf(error)).toBe(SCIM_ERROR_CODES.throttled);
  });

  it('gives up after timeoutInMs and says timeout', async () => {
    server = await startScriptedHttpServer(() => undefined);
    const started = Date.now();
    const error = await rejectionOf(sourceAt(server.baseUrl, 300).readPage({ mode: 'full' }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toBeInstanceOf(TransientError);
    expect(codeOf(error)).toBe(SCIM_ERROR_CODES.timeout);
  });

  it('sends the token only as a bearer header, and never repeats it from an echoing error body', async () => {
    server = await startScriptedHttpServer((request, response) => sendScim(response, 500, { detail: `failed for ${request.headers.authorization ?? ''}` }));
    const error = await rejectionOf(sourceAt(server.baseUrl).readPage({ mode: 'full' }));
    expect(server.requests.map((r) => r.authorization)).toEqual([`Bearer ${TOKEN}`]);
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toContain('[redacted]');
    expect(error.message).not.toContain(TOKEN);
  });

  it('refuses to page through a source that ignores startIndex, instead of taking the rest for deleted', async () => {
    const page = Array.from({ length: 5 }, (_, i) => ({ schemas: [SCIM_CORE_USER], id: `u${i}`, userName: `u${i}` }));
    server = await startScriptedHttpServer((_request, response) => sendScim(response, 200, { schemas: [LIST], totalResults: 12, startIndex: 1, itemsPerPage: 5, Resources: page }));
    const source = sourceAt(server.baseUrl);
    const first = await source.readPage({ mode: 'full' });
    expect(first.objects).toHaveLength(5);
    const error = await rejectionOf(source.readPage({ mode: 'full', cursor: first.nextCursor ?? '' }));
    expect(error).toBeInstanceOf(PermanentError);
    expect(codeOf(error)).toBe(SCIM_ERROR_CODES.incompatible);
    expect(error.message).toContain('ignores startIndex');
  });

  it('tolerates numbers sent as strings and a missing Resources on an empty list', async () => {
    server = await startScriptedHttpServer((_request, response) => sendScim(response, 200, { schemas: [LIST], totalResults: '0' }));
    const page = await sourceAt(server.baseUrl).readPage({ mode: 'full' });
    expect(page).toMatchObject({ objects: [], fullRead: true });
    expect(page.watermark).toBeDefined();
  });

  it('calls an HTML error page from a proxy a bad response', async () => {
    server = await startScriptedHttpServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<html>Sign in</html>');
    });
    const error = await rejectionOf(sourceAt(server.baseUrl).readPage({ mode: 'full' }));
    expect(codeOf(error)).toBe(SCIM_ERROR_CODES.badResponse);
    expect(error.message).toMatch(/^SCIM source sent a bad response/);
  });
});
