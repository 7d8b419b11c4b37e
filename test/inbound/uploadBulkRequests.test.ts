import { toBulkRequests, type ScimBulkRequest } from '../../src/inbound/toBulkRequests';
import { uploadBulkRequests, type UploadProgress } from '../../src/inbound/uploadBulkRequests';
import { SCIM_CORE_USER } from '../../src/scim/scimSchemas';
import { accepted, scimError, startBulkUploadTestServer, type BulkUploadTestServer } from '../support/bulkUploadTestServer';

function requestsFor(externalIds: string[][]): ScimBulkRequest[] {
  return externalIds.map((ids) => toBulkRequests(ids.map((externalId) => ({ schemas: [SCIM_CORE_USER], externalId })))[0]!);
}

describe('uploadBulkRequests', () => {
  let server: BulkUploadTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('retries a 429 after Retry-After, reports a 400 with its detail, and accepts the rest', async () => {
    server = await startBulkUploadTestServer((i) =>
      i === 1 ? { status: 429, headers: { 'Retry-After': '1' } } : i === 3 ? scimError(400, 'Operations[0].data.externalId: required', 'invalidValue') : accepted,
    );
    const requests = requestsFor([['1', '2'], ['3'], ['4', '5', '6'], ['7']]);
    const progress: UploadProgress[] = [];
    const summary = await uploadBulkRequests({ url: `${server.url}/`, jobId: 'job 1', token: 'secret', requests, concurrency: 1, onProgress: (p) => progress.push(p) });

    expect(summary).toMatchObject({ records: 7, distinctExternalIds: 7, requests: 4, accepted: 3, rejected: 1, notSent: 0, retries: 1, location: '/api/jobs/job1/logs' });
    expect(summary.rejections).toEqual([
      { requestIndex: 2, status: 400, scimType: 'invalidValue', detail: 'Operations[0].data.externalId: required', records: 3, firstExternalId: '4', lastExternalId: '6' },
    ]);
    expect(summary.recordsPerSecond).toBeGreaterThan(0);

    const sent = server.requests;
    expect(sent).toHaveLength(5);
    // The throttled request is sent again, unchanged, no sooner than Retry-After.
    expect(sent[2]?.body).toBe(sent[1]?.body);
    expect((sent[2]?.receivedAt ?? 0) - (sent[1]?.answeredAt ?? 0)).toBeGreaterThanOrEqual(950);
    for (const r of sent) {
      expect(r.method).toBe('POST');
      expect(r.url).toBe('/api/jobs/job%201/bulkUpload');
      expect(r.headers['content-type']).toBe('application/scim+json');
      expect(r.headers.authorization).toBe('Bearer secret');
    }
    expect(JSON.parse(sent[0]?.body ?? '')).toEqual(requests[0]);
    expect(progress.map((p) => [p.requestsDone, p.recordsDone])).toEqual([[1, 2], [2, 3], [3, 6], [4, 7]]);
  });

  it('never lets a later row for a worker overtake an earlier one', async () => {
    server = await startBulkUploadTestServer(() => ({ ...accepted, delayInMs: 50 }));
    const requests = requestsFor([['a', 'b'], ['c'], ['d', 'a'], ['e'], ['c', 'f']]);
    const summary = await uploadBulkRequests({ url: server.url, jobId: 'j', token: 't', requests, concurrency: 4 });
    expect(summary).toMatchObject({ accepted: 5, records: 8, distinctExternalIds: 6 });

    const sentAs = (i: number) => server!.requests.find((r) => r.body === JSON.stringify(requests[i]))!;
    const startsAfter = (later: number, earlier: number) => expect(sentAs(later).receivedAt).toBeGreaterThanOrEqual(sentAs(earlier).answeredAt!);
    startsAfter(2, 0); // repeats worker a
    startsAfter(4, 1); // repeats worker c
    // Unrelated requests did run side by side.
    expect(sentAs(1).receivedAt).toBeLessThan(sentAs(0).answeredAt!);
    expect(sentAs(3).receivedAt).toBeLessThan(sentAs(0).answeredAt!);
  });

  it('stops sending after a 401', async () => {
    server = await startBulkUploadTestServer(() => scimError(401, 'The bearer token is missing or wrong.'));
    const summary = await uploadBulkRequests({ url: server.url, jobId: 'j', token: 'wrong', requests: requestsFor([['1'], ['2'], ['3']]), concurrency: 1 });
    expect(summary).toMatchObject({ accepted: 0, rejected: 1, notSent: 2 });
    expect(summary.rejections[0]).toMatchObject({ status: 401, detail: 'The bearer token is missing or wrong.' });
    expect(server.requests).toHaveLength(1);
  });

  it('retries 5xx with backoff and shows a non-SCIM body as the detail', async () => {
    server = await startBulkUploadTestServer((i) => (i < 2 ? { status: 500, body: 'boom' } : accepted));
    const summary = await uploadBulkRequests({ url: server.url, jobId: 'j', token: 't', requests: requestsFor([['1']]), initialBackoffInMs: 10 });
    expect(summary).toMatchObject({ accepted: 1, retries: 2 });

    await server.close();
    server = await startBulkUploadTestServer(() => ({ status: 502, body: 'bad gateway' }));
    const failed = await uploadBulkRequests({ url: server.url, jobId: 'j', token: 't', requests: requestsFor([['1']]), initialBackoffInMs: 1, maxAttempts: 3 });
    expect(failed).toMatchObject({ accepted: 0, rejected: 1, retries: 2 });
    expect(failed.rejections[0]).toMatchObject({ status: 502, detail: '"bad gateway"' });
  });

  it('reports an unreachable service as status 0', async () => {
    server = await startBulkUploadTestServer(() => accepted);
    const url = server.url;
    await server.close();
    server = undefined;
    const summary = await uploadBulkRequests({ url, jobId: 'j', token: 't', requests: requestsFor([['1']]), initialBackoffInMs: 1, maxAttempts: 2 });
    expect(summary).toMatchObject({ accepted: 0, rejected: 1, retries: 1 });
    expect(summary.rejections[0]?.status).toBe(0);
    expect(summary.rejections[0]?.detail).toMatch(/could not reach .*fetch failed/);
  });
});
