import { ScimTargetConnector } from '../../../src/connectors/scim/ScimTargetConnector';
import type { ScimHttpAnswer, ScimHttpRequest } from '../../../src/connectors/scim/scimTransport';
import { ConflictError, OutcomeUnknownError, ThrottledError } from '../../../src/domain/errors';
import { isJsonObject, type JsonObject } from '../../../src/domain/identityObject';
import { startScimmyPeer } from '../../support/scimmyPeer';

const BASE = 'https://app.example.com/scim/v2';

/** A target that records every request, answers /Bulk by `answerBulk` and plain POSTs with 201, after a tick. */
function fakeTarget(answerBulk: (operations: JsonObject[]) => ScimHttpAnswer = createdAll) {
  const requests: { method: string; path: string; operations: JsonObject[] }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const transport = async (request: ScimHttpRequest): Promise<ScimHttpAnswer> => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const path = request.url.slice(BASE.length);
      const body = request.body === undefined ? {} : (JSON.parse(request.body) as JsonObject);
      const operations = Array.isArray(body.Operations) ? body.Operations.filter(isJsonObject) : [];
      requests.push({ method: request.method, path, operations });
      if (path === '/Bulk') return answerBulk(operations);
      return { status: 201, retryAfter: null, bodyText: JSON.stringify({ ...body, id: `single-${String(body.userName)}` }) };
    } finally {
      inFlight--;
    }
  };
  return { transport, requests, maxInFlight: () => maxInFlight };
}

function createdAll(operations: JsonObject[]): ScimHttpAnswer {
  const results = operations.map((op) => ({ method: 'POST', bulkId: op.bulkId, status: '201', location: `${BASE}/Users/id-${String((op.data as JsonObject).userName)}` }));
  return { status: 200, retryAfter: null, bodyText: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkResponse'], Operations: results }) };
}

function user(userName: string): JsonObject {
  return { userName, active: true };
}

function connectorOn(transport: (request: ScimHttpRequest) => Promise<ScimHttpAnswer>, maxOperations = 50, maxConcurrency = 2): ScimTargetConnector {
  return new ScimTargetConnector({ baseUrl: BASE, token: 'secret-token-123', timeoutInMs: 1000, transport, bulk: { maxOperations, maxPayloadBytes: 1_048_576 }, maxConcurrency });
}

async function outcomes<T>(promises: Promise<T>[]): Promise<(T | Error)[]> {
  return Promise.all(promises.map((p) => p.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
}

describe('SCIM creates through /Bulk (target.bulk)', () => {
  it('sends creates asked for together as BulkRequests within maxOperations and maxConcurrency, each resolving with its own id', async () => {
    const target = fakeTarget();
    const connector = connectorOn(target.transport, 10, 2);
    const created = await Promise.all(Array.from({ length: 45 }, (_, i) => connector.create('User', user(`u${i}`))));
    expect(created.map((c) => c.id)).toEqual(Array.from({ length: 45 }, (_, i) => `id-u${i}`));
    // The data sent, with the id the location names (the target returned no resource).
    expect(created[3]!.data).toMatchObject({ userName: 'u3', id: 'id-u3' });
    const bulks = target.requests.filter((r) => r.path === '/Bulk');
    expect(bulks.length).toBeGreaterThanOrEqual(5);
    for (const bulk of bulks) {
      expect(bulk.operations.length).toBeLessThanOrEqual(10);
      for (const op of bulk.operations) expect(op).toMatchObject({ method: 'POST', path: '/Users', data: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] } });
    }
    expect(target.requests.reduce((n, r) => n + (r.path === '/Bulk' ? r.operations.length : 1), 0)).toBe(45);
    expect(target.maxInFlight()).toBeLessThanOrEqual(2);
  });

  it('sends a lone create as a plain POST', async () => {
    const target = fakeTarget();
    const created = await connectorOn(target.transport).create('User', user('alone'));
    expect(created.id).toBe('single-alone');
    expect(target.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /Users']);
  });

  it("gives each create its own outcome: a 409 operation fails alone, one the response left out has an unknown outcome", async () => {
    const target = fakeTarget((operations) => {
      const results = operations.flatMap((op): JsonObject[] => {
        const bulkId = String(op.bulkId);
        const name = String((op.data as JsonObject).userName);
        if (name === 'taken') return [{ method: 'POST', bulkId, status: 409, response: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '409', scimType: 'uniqueness', detail: 'userName taken' } }];
        if (name === 'dropped') return [];
        return [{ method: 'POST', bulkId, status: { code: '201' }, response: { id: `r-${name}`, userName: name, meta: { resourceType: 'User' } } }];
      });
      return { status: 200, retryAfter: null, bodyText: JSON.stringify({ Operations: results }) };
    });
    const connector = connectorOn(target.transport, 50, 1);
    const [ok, taken, dropped] = await outcomes(['ok', 'taken', 'dropped'].map((name) => connector.create('User', user(name))));
    expect(target.requests.map((r) => `${r.path} ${r.operations.length}`)).toEqual(['/Bulk 3']);
    expect(ok).toMatchObject({ id: 'r-ok', data: { userName: 'ok', id: 'r-ok' } });
    expect(taken).toBeInstanceOf(ConflictError);
    expect((taken as ConflictError).message).toContain('userName taken');
    expect(dropped).toBeInstanceOf(OutcomeUnknownError);
  });

  it('fails every create of a batch the target refused as a whole, classified as a POST (429 with Retry-After)', async () => {
    const target = fakeTarget(() => ({ status: 429, retryAfter: '7', bodyText: '' }));
    const connector = connectorOn(target.transport, 50, 1);
    const failed = await outcomes(['a', 'b', 'c'].map((name) => connector.create('User', user(name))));
    expect(target.requests.map((r) => `${r.path} ${r.operations.length}`)).toEqual(['/Bulk 3']);
    for (const error of failed) {
      expect(error).toBeInstanceOf(ThrottledError);
      expect((error as ThrottledError).retryAfterMs).toBe(7000);
    }
  });

  it('gives every create of a batch that got no answer (a timeout) an unknown outcome, to be re-matched', async () => {
    const transport = async (request: ScimHttpRequest): Promise<ScimHttpAnswer> => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (request.url.endsWith('/Bulk')) throw Object.assign(new Error('the request timed out'), { name: 'TimeoutError' });
      return { status: 201, retryAfter: null, bodyText: JSON.stringify({ id: 'x' }) };
    };
    const failed = await outcomes(['a', 'b'].map((name) => connectorOn(transport, 50, 1).create('User', user(name))));
    // Two connectors, one create each: each went alone as a plain POST.
    expect(failed.map((r) => (r instanceof Error ? r.name : 'created'))).toEqual(['created', 'created']);
    const connector = connectorOn(transport, 50, 1);
    const batch = await outcomes(['a', 'b', 'c'].map((name) => connector.create('User', user(name))));
    for (const error of batch) expect(error).toBeInstanceOf(OutcomeUnknownError);
  });

  it('falls back to plain POSTs for good when the target has no /Bulk (404), and for one batch on 413', async () => {
    const target = fakeTarget(() => ({ status: 404, retryAfter: null, bodyText: '' }));
    const connector = connectorOn(target.transport, 50, 1);
    const first = connector.create('User', user('first'));
    const created = await Promise.all([connector.create('User', user('a')), connector.create('User', user('b'))]);
    await first;
    expect(created.map((c) => c.id)).toEqual(['single-a', 'single-b']);
    const second = connector.create('User', user('c'));
    await Promise.all([second, connector.create('User', user('d'))]);
    expect(target.requests.filter((r) => r.path === '/Bulk')).toHaveLength(1);

    const tooLarge = fakeTarget(() => ({ status: 413, retryAfter: null, bodyText: '' }));
    const other = connectorOn(tooLarge.transport, 50, 1);
    const head = other.create('User', user('first'));
    expect((await Promise.all([other.create('User', user('x')), other.create('User', user('y'))])).map((c) => c.id)).toEqual(['single-x', 'single-y']);
    await head;
  });

  it('creates through the /Bulk of an independent SCIM service (scimmy), with a duplicate refused alone', async () => {
    const peer = await startScimmyPeer();
    try {
      const connector = new ScimTargetConnector({ baseUrl: peer.baseUrl, token: peer.token, timeoutInMs: 5000, bulk: { maxOperations: 20, maxPayloadBytes: 1_048_576 }, maxConcurrency: 1 });
      await connector.create('User', user('existing.user'));
      const names = Array.from({ length: 12 }, (_, i) => `bulk.user${i}`);
      const results = await outcomes([...names, 'existing.user'].map((name) => connector.create('User', user(name))));
      const stored = new Map(peer.users().map((u) => [String(u.userName), String(u.id)]));
      names.forEach((name, i) => expect(results[i]).toMatchObject({ id: stored.get(name) }));
      expect(results[12]).toBeInstanceOf(ConflictError);
      expect(peer.users()).toHaveLength(13);
    } finally {
      await peer.stop();
    }
  });
});
