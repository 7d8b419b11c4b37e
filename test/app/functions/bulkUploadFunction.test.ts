import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { bulkUploadFunction } from '../../../src/app/functions/bulkUploadFunction';
import type { Services } from '../../../src/app/services';
import { validateJobDefinition } from '../../../src/app/validateJobDefinition';
import { TransientError, ValidationError } from '../../../src/domain/errors';
import type { JsonObject, JsonValue } from '../../../src/domain/identityObject';
import type { ReconcileMessage } from '../../../src/domain/reconcileMessage';
import type { StorageQueueWorkQueue } from '../../../src/queue/storageQueueWorkQueue';
import { createAzuriteServices } from '../../support/azuriteServices';
import { callHandler, expectScimError, issuePaths, productionHandler, type HttpResult } from '../../support/httpCall';
import { testJob } from '../../support/jobFixtures';

const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const SCIM_JSON = 'application/scim+json';
const HOST = 'https://idbridge.example';
const JOB_ID = 'hr-inbound.1';
const SAMPLE = path.resolve(__dirname, '../../../../shared/data/entra-samples/Extended-SCIM-bulk-request-Core+Enterprise.json');

function operation(externalId: string | undefined, bulkId: string, extra: JsonObject = {}): JsonObject {
  const data: JsonObject = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `${externalId ?? 'nobody'}@example.com`, active: true, ...extra };
  if (externalId !== undefined) data.externalId = externalId;
  return { method: 'POST', path: '/Users', bulkId, data };
}

function bulkRequest(operations: JsonValue[]): JsonObject {
  return { schemas: [BULK_REQUEST], Operations: operations, failOnErrors: null };
}

let services: Services;
let token: string;
let queue: StorageQueueWorkQueue;

beforeEach(async () => {
  ({ services, token, queue } = await createAzuriteServices());
  await services.jobs.upsert(testJob({ id: JOB_ID }));
});

interface Upload {
  body?: string;
  jobId?: string;
  contentType?: string | null;
  token?: string | null;
  services?: Services;
}

function upload(options: Upload = {}): Promise<HttpResult> {
  const jobId = options.jobId ?? JOB_ID;
  const contentType = options.contentType === undefined ? SCIM_JSON : options.contentType;
  return callHandler(productionHandler(bulkUploadFunction, options.services ?? services), {
    method: 'POST',
    url: `${HOST}/api/jobs/${encodeURIComponent(jobId)}/bulkUpload`,
    params: { jobId },
    headers: contentType === null ? {} : { 'content-type': contentType },
    token: options.token === undefined ? token : options.token,
    ...(options.body === undefined ? {} : { body: options.body }),
  });
}

/** Every message on the queue right now (taken, and completed so that it does not come back). */
async function drainQueue(): Promise<unknown[]> {
  const received = await queue.receive(32, 30_000);
  await Promise.all(received.map((work) => work.complete()));
  return received.map((work) => work.message);
}

async function stagedData(sourceKey: string): Promise<JsonObject | undefined> {
  return (await services.staging.get(JOB_ID, 'User', sourceKey))?.data;
}

describe('POST /api/jobs/{jobId}/bulkUpload (Azurite)', () => {
  it('stages every record, lets the later of two records with one externalId win, enqueues one message and answers 202', async () => {
    const body = bulkRequest([
      operation('e1', 'b1', { displayName: 'First' }),
      operation('e2', 'b2', { displayName: 'Second' }),
      operation('e1', 'b3', { displayName: 'First, corrected' }),
    ]);
    const result = await upload({ body: JSON.stringify(body) });

    expect(result.status).toBe(202);
    expect(result.body).toEqual({ uploadId: expect.any(String), operations: 3, objects: 2 });
    const { uploadId } = result.body as { uploadId: string };
    expect(result.headers.get('location')).toBe(`${HOST}/api/jobs/${JOB_ID}/provisioningLogs?cycleId=${uploadId}`);

    expect(await stagedData('e1')).toEqual(expect.objectContaining({ externalId: 'e1', displayName: 'First, corrected' }));
    expect(await stagedData('e2')).toEqual(expect.objectContaining({ externalId: 'e2', displayName: 'Second', userName: 'e2@example.com' }));

    const messages = await drainQueue();
    expect(messages).toHaveLength(1);
    const message = messages[0] as ReconcileMessage;
    expect(message).toEqual({ kind: 'reconcile', jobId: JOB_ID, objectType: 'User', sourceKeys: expect.any(Array), cycleId: uploadId, attempt: 1 });
    expect([...message.sourceKeys].sort()).toEqual(['e1', 'e2']);
  });

  it("accepts Microsoft's sample payload (Extended-SCIM-bulk-request-Core+Enterprise.json) as is", async () => {
    const text = readFileSync(SAMPLE, 'utf8');
    const sample = JSON.parse(text) as { Operations: { data: { externalId: string } }[] };
    const result = await upload({ body: text });

    expect(result.status).toBe(202);
    const externalIds = sample.Operations.map((op) => op.data.externalId);
    expect(result.body).toEqual(expect.objectContaining({ operations: externalIds.length, objects: new Set(externalIds).size }));
    for (const externalId of externalIds) expect(await stagedData(externalId)).toEqual(expect.objectContaining({ externalId }));
    const messages = (await drainQueue()) as ReconcileMessage[];
    expect(messages).toHaveLength(1);
    expect([...(messages[0]?.sourceKeys ?? [])].sort()).toEqual([...new Set(externalIds)].sort());
  });

  it('accepts a Content-Type with a charset parameter', async () => {
    const result = await upload({ body: JSON.stringify(bulkRequest([operation('e1', 'b1')])), contentType: 'application/scim+json; charset=utf-8' });
    expect(result.status).toBe(202);
    expect(await stagedData('e1')).toBeDefined();
  });

  it('refuses a request with one bad operation as a whole: 400 naming the field, nothing staged, nothing enqueued', async () => {
    const body = bulkRequest([operation('e1', 'b1'), operation(undefined, 'b2'), operation('e3', 'b3')]);
    const error = expectScimError(await upload({ body: JSON.stringify(body) }), 400);

    expect(error.detail).toContain('Operations[1].data.externalId');
    expect(issuePaths(error)).toEqual(['Operations[1].data.externalId']);
    expect(await stagedData('e1')).toBeUndefined();
    expect(await stagedData('e3')).toBeUndefined();
    expect(await drainQueue()).toEqual([]);
  });

  it.each([
    ['missing', null],
    ['application/json', 'application/json'],
    ['text/plain', 'text/plain'],
  ])('refuses a Content-Type that is %s with 400', async (_name, contentType) => {
    const error = expectScimError(await upload({ body: JSON.stringify(bulkRequest([operation('e1', 'b1')])), contentType }), 400);
    expect(issuePaths(error)).toEqual(['Content-Type']);
    expect(error.detail).toContain('application/scim+json');
    expect(await stagedData('e1')).toBeUndefined();
  });

  it.each([
    ['invalid JSON', '{"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations": [', ['body']],
    ['an empty body', '', ['body']],
    ['a blank body', '  \n', ['body']],
    ['a JSON array', '[]', ['']],
    ['a JSON string', '"hello"', ['']],
    ['the wrong message schema', JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [operation('e1', 'b1')] }), ['schemas']],
    ['no Operations', JSON.stringify({ schemas: [BULK_REQUEST] }), ['Operations']],
    ['Operations that is not an array', JSON.stringify({ schemas: [BULK_REQUEST], Operations: { 0: operation('e1', 'b1') } }), ['Operations']],
    ['no operations at all', JSON.stringify(bulkRequest([])), ['Operations']],
    ['an operation that is not a POST to /Users', JSON.stringify(bulkRequest([{ ...operation('e1', 'b1'), method: 'DELETE', path: '/Groups' }])), ['Operations[0].method', 'Operations[0].path']],
    ['an operation without bulkId', JSON.stringify(bulkRequest([{ method: 'POST', path: '/Users', data: { externalId: 'e1' } }])), ['Operations[0].bulkId']],
  ])('refuses %s with 400 naming the problem', async (_name, body, paths) => {
    const error = expectScimError(await upload({ body }), 400);
    expect(issuePaths(error)).toEqual(paths);
    expect(await drainQueue()).toEqual([]);
  });

  it('answers 413 when the request has more operations than the job allows (51 > 50)', async () => {
    const operations = Array.from({ length: 51 }, (_, i) => operation(`e${i}`, `b${i}`));
    const error = expectScimError(await upload({ body: JSON.stringify(bulkRequest(operations)) }), 413);
    expect(error.detail).toContain('50');
    expect(await stagedData('e0')).toBeUndefined();
    expect(await drainQueue()).toEqual([]);
  });

  it('accepts exactly the job limit (50 operations)', async () => {
    const operations = Array.from({ length: 50 }, (_, i) => operation(`e${i}`, `b${i}`));
    const result = await upload({ body: JSON.stringify(bulkRequest(operations)) });
    expect(result.status).toBe(202);
    expect(result.body).toEqual(expect.objectContaining({ operations: 50, objects: 50 }));
  });

  it('answers 404 for an unknown job', async () => {
    const error = expectScimError(await upload({ jobId: 'no-such-job', body: JSON.stringify(bulkRequest([operation('e1', 'b1')])) }), 404);
    expect(error.detail).toContain('no-such-job');
    expect(await drainQueue()).toEqual([]);
  });

  it.each([
    ['missing', null],
    ['wrong', 'not-the-token-at-all'],
  ])('answers 401 with WWW-Authenticate when the token is %s, and stages nothing', async (_name, presented) => {
    const result = await upload({ token: presented, body: JSON.stringify(bulkRequest([operation('e1', 'b1')])) });
    expectScimError(result, 401);
    expect(result.headers.get('www-authenticate')).toBe('Bearer');
    expect(await stagedData('e1')).toBeUndefined();
    expect(await drainQueue()).toEqual([]);
  });

  // acceptBulkUpload refuses a job whose source is not inboundApi (400 on jobId), but no such job can be
  // stored: the job schema allows only inboundApi sources today. This pins that, so the 400 case gets a
  // handler test as soon as another source type is added.
  it('cannot meet a job whose source is not inboundApi (the schema refuses it)', () => {
    const { id, target, settings, objectMappings } = testJob();
    expect(() => validateJobDefinition({ id, target, settings, objectMappings, source: { type: 'csvFile' } })).toThrow(ValidationError);
  });

  it('answers 503 with Retry-After when the queue refuses the message, and a retry is harmless', async () => {
    const failingQueue: Services = {
      ...services,
      queue: {
        send: () => Promise.reject(new TransientError('queue unavailable')),
      },
    };
    const body = JSON.stringify(bulkRequest([operation('e1', 'b1', { displayName: 'Once' })]));
    const failed = await upload({ body, services: failingQueue });

    const error = expectScimError(failed, 503);
    expect(Number(failed.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(error.detail).toMatch(/retry/i);

    // Staging happened before the send failed. Staging is an idempotent upsert keyed by externalId, and the
    // reconcile it feeds reads the newest staged state, so the client's retry (told by the 503) is harmless.
    const retried = await upload({ body });
    expect(retried.status).toBe(202);
    expect(await stagedData('e1')).toEqual(expect.objectContaining({ displayName: 'Once' }));
    const messages = (await drainQueue()) as ReconcileMessage[];
    expect(messages.map((m) => m.sourceKeys)).toEqual([['e1']]);
  });

  describe('never answers 500 for bad input (property-based)', () => {
    const jsonText = fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value));
    const anyText = fc.string({ unit: 'binary', maxLength: 200 });
    /** Mostly valid values, so that many requests get through to staging (with odd keys and attributes). */
    const mostly = <T, U>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<U>) => fc.oneof({ weight: 29, arbitrary: valid }, { weight: 1, arbitrary: other });
    const anyJson = fc.jsonValue({ maxDepth: 2 });
    const user = fc.record(
      {
        externalId: mostly(fc.string({ unit: 'binary', minLength: 1, maxLength: 160 }), anyJson),
        userName: mostly(fc.string({ unit: 'binary' }), anyJson),
        active: mostly(fc.oneof(fc.boolean(), fc.constantFrom('true', 'False')), fc.constantFrom('yes', 1, null)),
        name: mostly(fc.dictionary(fc.string(), fc.oneof(fc.string({ unit: 'binary' }), fc.constant(null)), { maxKeys: 3 }), anyJson),
        emails: mostly(fc.array(fc.dictionary(fc.string(), anyJson, { maxKeys: 3 }), { maxLength: 2 }), anyJson),
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': mostly(fc.dictionary(fc.string(), anyJson, { maxKeys: 3 }), anyJson),
        'urn:ietf:params:scim:schemas:extension:contoso:1.0:User': mostly(fc.dictionary(fc.string({ unit: 'binary' }), anyJson, { maxKeys: 3 }), anyJson),
      },
      { requiredKeys: ['externalId'] },
    );
    const bulkOperation = mostly(
      fc.record({
        method: mostly(fc.constantFrom('POST', 'post'), fc.oneof(fc.constantFrom('PATCH', 'DELETE'), anyJson)),
        path: mostly(fc.constantFrom('/Users', '/users'), fc.oneof(fc.constant('/Groups'), anyJson)),
        bulkId: mostly(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), anyJson),
        data: mostly(user, anyJson),
      }),
      anyJson,
    );
    const nearlyBulkRequest = fc
      .record(
        {
          schemas: mostly(fc.constant([BULK_REQUEST]), anyJson),
          Operations: mostly(fc.oneof({ weight: 6, arbitrary: fc.array(bulkOperation, { minLength: 1, maxLength: 4 }) }, { weight: 1, arbitrary: fc.array(bulkOperation, { minLength: 49, maxLength: 52 }) }), anyJson),
          failOnErrors: mostly(fc.constant(null), anyJson),
        },
        { requiredKeys: ['schemas', 'Operations'] },
      )
      .map((value) => JSON.stringify(value));

    it('answers 202, 400 or 413, and a SCIM error whenever it is not 202', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(jsonText, anyText, nearlyBulkRequest, nearlyBulkRequest, nearlyBulkRequest), async (body) => {
          const result = await upload({ body });
          expect([202, 400, 413]).toContain(result.status);
          if (result.status !== 202) {
            expectScimError(result, result.status);
            return;
          }
          // Accepted: every key, however odd its characters, reads back from staging as sent (trimmed).
          const { Operations } = JSON.parse(body) as { Operations: { data: { externalId: string } }[] };
          const keys = new Set(Operations.map((op) => op.data.externalId.trim()));
          expect(result.body).toEqual(expect.objectContaining({ operations: Operations.length, objects: keys.size }));
          for (const key of keys) expect((await stagedData(key))?.externalId).toBe(key);
        }),
        { numRuns: 150 },
      );
    }, 30_000);
  });
});
