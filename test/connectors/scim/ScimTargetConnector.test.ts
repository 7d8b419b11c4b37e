import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScimTargetConnector } from '../../../src/connectors/scim/ScimTargetConnector';
import {
  ConflictError,
  OutcomeUnknownError,
  PermanentError,
  ThrottledError,
  TransientError,
} from '../../../src/domain/errors';
import { isJsonObject, type JsonObject, type JsonValue } from '../../../src/domain/identityObject';
import { freePort } from '../../../src/local/freePort';
import { SCIM_CORE_USER, SCIM_ENTERPRISE_USER } from '../../../src/scim/scimSchemas';
import { type ScimmyPeer, startScimmyPeer } from '../../support/scimmyPeer';

const ENTERPRISE_DEPARTMENT = `${SCIM_ENTERPRISE_USER}:department`;

function newUser(userName: string, extra: JsonObject = {}): JsonObject {
  return {
    userName,
    externalId: `ext-${userName}`,
    active: true,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [{ type: 'work', value: `${userName}@example.com`, primary: true }],
    [SCIM_ENTERPRISE_USER]: { department: 'Engineering' },
    ...extra,
  };
}

function field(object: JsonObject | undefined, ...path: string[]): JsonValue | undefined {
  let current: JsonValue | undefined = object;
  for (const key of path) current = isJsonObject(current) ? current[key] : undefined;
  return current;
}

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected a rejection');
}

describe('ScimTargetConnector against an independent SCIM service (scimmy)', () => {
  let peer: ScimmyPeer;
  let connector: ScimTargetConnector;

  beforeAll(async () => {
    peer = await startScimmyPeer();
    connector = new ScimTargetConnector({ baseUrl: peer.baseUrl, token: peer.token, timeoutInMs: 5000 });
  });
  afterAll(async () => {
    await peer.stop();
  });

  it('creates a user and returns the id the target assigned', async () => {
    const created = await connector.create('User', newUser('create.me'));
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.data.userName).toBe('create.me');
    // schemas were derived from the data: core plus the enterprise extension it carries
    expect(created.data.schemas).toEqual([SCIM_CORE_USER, SCIM_ENTERPRISE_USER]);
    expect(peer.users().map((u) => u.id)).toContain(created.id);
  });

  it('accepts the core schema URN as object type', async () => {
    const created = await connector.create(SCIM_CORE_USER, newUser('by.urn'));
    expect((await connector.getById(SCIM_CORE_USER, created.id))?.data.userName).toBe('by.urn');
  });

  it('finds by userName and by externalId', async () => {
    const created = await connector.create('User', newUser('find.me'));
    const byUserName = await connector.findByAttribute('User', 'userName', 'find.me');
    expect(byUserName.map((u) => u.id)).toEqual([created.id]);
    const byExternalId = await connector.findByAttribute('User', 'externalId', 'ext-find.me');
    expect(byExternalId.map((u) => u.id)).toEqual([created.id]);
    expect(await connector.findByAttribute('User', 'userName', 'nobody')).toEqual([]);
  });

  it("finds a value with an apostrophe in it (O'Brien)", async () => {
    const created = await connector.create('User', newUser("o'brien"));
    expect((await connector.findByAttribute('User', 'userName', "o'brien")).map((u) => u.id)).toEqual([created.id]);
  });

  it('reports the peer rejecting an escaped double quote as a permanent error carrying its scimType', async () => {
    // scimmy's filter lexer ends a string at the first quote, escaped or not; that is the peer's limit, not
    // ours: the escaping itself is checked byte for byte against the fault-injecting server below.
    const error = await rejectionOf(connector.findByAttribute('User', 'userName', 'say "hi"'));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toContain('invalidFilter');
  });

  it('pages through a result larger than one page', async () => {
    for (let i = 0; i < 25; i++) await connector.create('User', newUser(`pager${i}`, { title: 'Pager' }));
    const found = await connector.findByAttribute('User', 'title', 'Pager');
    expect(found).toHaveLength(25);
    expect(new Set(found.map((u) => u.id)).size).toBe(25);
  });

  it('gets by id, and answers undefined for an id the target does not have', async () => {
    const created = await connector.create('User', newUser('get.me'));
    const read = await connector.getById('User', created.id);
    expect(read?.id).toBe(created.id);
    expect(field(read?.data, 'name', 'givenName')).toBe('Ada');
    expect(await connector.getById('User', '00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  it('updates with one PATCH: replace by simple, sub-attribute, filtered and extension paths, and remove', async () => {
    const created = await connector.create('User', newUser('patch.me', { title: 'Analyst' }));
    await connector.update('User', created.id, [
      { path: 'name.givenName', value: 'Augusta' },
      { path: 'active', value: false },
      { path: 'emails[type eq "work"].value', value: 'augusta@example.com' },
      { path: ENTERPRISE_DEPARTMENT, value: 'Mathematics' },
      { path: 'title', value: null },
    ]);
    const read = await connector.getById('User', created.id);
    expect(field(read?.data, 'name', 'givenName')).toBe('Augusta');
    expect(field(read?.data, 'name', 'familyName')).toBe('Lovelace');
    expect(read?.data.active).toBe(false);
    expect(read?.data.emails).toEqual([{ type: 'work', value: 'augusta@example.com', primary: true }]);
    expect(field(read?.data, SCIM_ENTERPRISE_USER, 'department')).toBe('Mathematics');
    expect(read?.data.title).toBeUndefined();
  });

  it('throws ConflictError when the userName is taken in another case', async () => {
    await connector.create('User', newUser('Unique.Name'));
    const error = await rejectionOf(connector.create('User', newUser('unique.name')));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).scimType).toBe('uniqueness');
  });

  it('throws a permanent Unauthorized error for a wrong token, without the token in it', async () => {
    const wrongToken = 'wrong-token-0123456789';
    const intruder = new ScimTargetConnector({ baseUrl: peer.baseUrl, token: wrongToken, timeoutInMs: 5000 });
    const error = await rejectionOf(intruder.findByAttribute('User', 'userName', 'x'));
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).code).toBe('SystemForCrossDomainIdentityManagementUnauthorized');
    expect(error.message).not.toContain(wrongToken);
  });
});

interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type FaultHandler = (request: RecordedRequest, response: ServerResponse) => void;

/** A node:http server whose answer each test scripts, recording what the client sent. */
class FaultServer {
  readonly requests: RecordedRequest[] = [];
  handler: FaultHandler = (_request, response) => response.writeHead(500).end();
  readonly #server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      this.requests.push(recorded);
      this.handler(recorded, res);
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/scim/`;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

function scimJson(response: ServerResponse, status: number, body: JsonValue, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/scim+json', ...headers }).end(JSON.stringify(body));
}

describe('ScimTargetConnector against a fault-injecting server', () => {
  const token = 'secret-token-abcdef0123456789';
  let server: FaultServer;
  let connector: ScimTargetConnector;

  beforeEach(async () => {
    server = new FaultServer();
    connector = new ScimTargetConnector({ baseUrl: await server.start(), token, timeoutInMs: 300 });
  });
  afterEach(async () => {
    await server.stop();
  });

  it('sends the SCIM headers and the bearer token', async () => {
    server.handler = (_req, res) => scimJson(res, 201, { id: 'u1', userName: 'a' });
    await connector.create('User', { schemas: [SCIM_CORE_USER], userName: 'a' });
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/scim/Users');
    expect(request?.headers.authorization).toBe(`Bearer ${token}`);
    expect(request?.headers.accept).toBe('application/scim+json');
    expect(request?.headers['content-type']).toBe('application/scim+json');
    expect(JSON.parse(request?.body ?? '')).toEqual({ schemas: [SCIM_CORE_USER], userName: 'a' });
  });

  it('escapes backslash and double quote in the filter value and URL-encodes the filter', async () => {
    server.handler = (_req, res) => scimJson(res, 200, { schemas: [], totalResults: 0, Resources: [] });
    await connector.findByAttribute('User', 'userName', 'say "hi" \\ bye');
    const url = new URL(server.requests[0]?.url ?? '', 'http://x');
    expect(url.pathname).toBe('/scim/Users');
    expect(url.searchParams.get('filter')).toBe('userName eq "say \\"hi\\" \\\\ bye"');
    expect(server.requests[0]?.url).not.toMatch(/[" ]/);
  });

  it('stops paging when a target ignores startIndex', async () => {
    server.handler = (_req, res) => scimJson(res, 200, { totalResults: 3, startIndex: 1, Resources: [{ id: 'a' }, { id: 'b' }] });
    const found = await connector.findByAttribute('User', 'title', 'x');
    expect(found.map((u) => u.id)).toEqual(['a', 'b']);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.url).toContain('startIndex=3');
  });

  it('sends one PatchOp with replace and remove operations, and nothing for no changes', async () => {
    server.handler = (_req, res) => res.writeHead(204).end();
    await connector.update('User', 'u 1', []);
    expect(server.requests).toHaveLength(0);
    await connector.update('User', 'u 1', [
      { path: 'name.givenName', value: 'B' },
      { path: 'title', value: null },
    ]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.method).toBe('PATCH');
    expect(server.requests[0]?.url).toBe('/scim/Users/u%201');
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'replace', path: 'name.givenName', value: 'B' },
        { op: 'remove', path: 'title' },
      ],
    });
  });

  it('429 with Retry-After: ThrottledError with that wait', async () => {
    server.handler = (_req, res) => scimJson(res, 429, { detail: 'slow down' }, { 'Retry-After': '3' });
    const error = await rejectionOf(connector.getById('User', 'u1'));
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).retryAfterMs).toBe(3000);
  });

  it('503 without Retry-After: ThrottledError with the default wait', async () => {
    server.handler = (_req, res) => res.writeHead(503).end();
    const error = await rejectionOf(connector.update('User', 'u1', [{ path: 'active', value: false }]));
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).retryAfterMs).toBe(5000);
  });

  it('500: TransientError', async () => {
    server.handler = (_req, res) => res.writeHead(500).end('oops');
    await expect(connector.findByAttribute('User', 'userName', 'a')).rejects.toBeInstanceOf(TransientError);
  });

  it('400 with a SCIM error: PermanentError with the detail and scimType', async () => {
    server.handler = (_req, res) =>
      scimJson(res, 400, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidValue', detail: 'userName is required' });
    const error = await rejectionOf(connector.create('User', { emails: [] }));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toContain('400');
    expect(error.message).toContain('userName is required');
    expect(error.message).toContain('invalidValue');
  });

  it('never puts the token in an error, even when the target echoes it', async () => {
    server.handler = (req, res) => scimJson(res, 400, { detail: `bad request with header ${String(req.headers.authorization)}` });
    const error = await rejectionOf(connector.getById('User', 'u1'));
    expect(error.message).not.toContain(token);
    expect(error.message).toContain('[redacted]');
  });

  it('a POST that never answers: OutcomeUnknownError after the timeout', async () => {
    server.handler = () => undefined;
    const started = Date.now();
    const error = await rejectionOf(connector.create('User', { userName: 'a' }));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(server.requests).toHaveLength(1);
  });

  it('a GET that never answers: TransientError after the timeout', async () => {
    server.handler = () => undefined;
    const error = await rejectionOf(connector.getById('User', 'u1'));
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('SystemForCrossDomainIdentityManagementTimeout');
  });

  it('a POST whose connection drops after it was sent: OutcomeUnknownError', async () => {
    server.handler = (_req, res) => res.socket?.destroy();
    await expect(connector.create('User', { userName: 'a' })).rejects.toBeInstanceOf(OutcomeUnknownError);
  });

  it('a POST to a port nobody listens on: TransientError (nothing was sent)', async () => {
    const closed = new ScimTargetConnector({ baseUrl: `http://127.0.0.1:${await freePort()}/scim`, token, timeoutInMs: 2000 });
    await expect(closed.create('User', { userName: 'a' })).rejects.toBeInstanceOf(TransientError);
  });

  it('a 200 with garbage: PermanentError BadResponse', async () => {
    server.handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>login</html>');
    const error = await rejectionOf(connector.getById('User', 'u1'));
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).code).toBe('SystemForCrossDomainIdentityManagementBadResponse');
  });

  it('a 201 without an id: PermanentError BadResponse', async () => {
    server.handler = (_req, res) => scimJson(res, 201, { userName: 'a' });
    const error = await rejectionOf(connector.create('User', { userName: 'a' }));
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).code).toBe('SystemForCrossDomainIdentityManagementBadResponse');
  });

  it('rejects an object type it has no endpoint for', async () => {
    await expect(connector.getById('Device', 'd1')).rejects.toBeInstanceOf(PermanentError);
  });
});

describe('ScimTargetConnector.delete against scimmy', () => {
  it('deletes, and treats an object that is already gone as deleted', async () => {
    const peer = await startScimmyPeer();
    try {
      const connector = new ScimTargetConnector({ baseUrl: peer.baseUrl, token: peer.token, timeoutInMs: 5000 });
      const created = await connector.create('User', { userName: 'gone@example.com' });
      await connector.delete('User', created.id);
      expect(await connector.getById('User', created.id)).toBeUndefined();
      await expect(connector.delete('User', created.id)).resolves.toBeUndefined();
    } finally {
      await peer.stop();
    }
  });
});
