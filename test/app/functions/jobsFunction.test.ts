import { jobFunction, jobsListFunction } from '../../../src/app/functions/jobsFunction';
import type { Services } from '../../../src/app/services';
import type { JobDefinition } from '../../../src/domain/jobDefinition';
import type { JsonObject } from '../../../src/domain/identityObject';
import { createAzuriteServices } from '../../support/azuriteServices';
import { callHandler, expectScimError, issuePaths, productionHandler, type HttpResult } from '../../support/httpCall';

const HOST = 'https://idbridge.example';

/** A job as an admin would write it: only what is required, every default left out. */
function minimalJob(overrides: JsonObject = {}): JsonObject {
  return {
    displayName: 'HR to SCIM',
    source: { type: 'inboundApi' },
    target: { type: 'scim', baseUrl: 'https://app.example.com/scim/v2', tokenSetting: 'IDBRIDGE_TARGET_TOKEN_APP' },
    objectMappings: [
      {
        name: 'users',
        attributeMappings: [
          { source: { expression: '[externalId]' }, targetAttributeName: 'externalId', matchingPriority: 1 },
          { source: { expression: '[userName]' }, targetAttributeName: 'userName' },
        ],
      },
    ],
    ...overrides,
  };
}

let services: Services;
let adminToken: string;

beforeEach(async () => {
  ({ services, adminToken } = await createAzuriteServices());
});

function putJob(jobId: string, body: unknown): Promise<HttpResult> {
  return callHandler(productionHandler(jobFunction, services), {
    method: 'PUT',
    url: `${HOST}/api/jobs/${encodeURIComponent(jobId)}`,
    params: { jobId },
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    token: adminToken,
  });
}

function getJob(jobId: string): Promise<HttpResult> {
  return callHandler(productionHandler(jobFunction, services), { method: 'GET', url: `${HOST}/api/jobs/${encodeURIComponent(jobId)}`, params: { jobId }, token: adminToken });
}

function listJobs(presented: string | null = adminToken): Promise<HttpResult> {
  return callHandler(productionHandler(jobsListFunction, services), { method: 'GET', url: `${HOST}/api/jobs`, token: presented });
}

describe('/api/jobs (Azurite)', () => {
  it('PUT creates (201), then replaces (200); GET returns it with defaults filled; the list holds it', async () => {
    const created = await putJob('hr1', minimalJob());
    expect(created.status).toBe(201);
    expect(created.body).toEqual(expect.objectContaining({ id: 'hr1', displayName: 'HR to SCIM' }));

    const read = await getJob('hr1');
    expect(read.status).toBe(200);
    const job = read.body as JobDefinition;
    // GET adds the job's status (Graph's synchronizationJob has it; src/jobs/jobStatusView.ts).
    expect(job).toEqual({ ...(created.body as JobDefinition), status: expect.objectContaining({ code: 'NotRun', nextRunAt: null }) });
    expect(job.settings).toEqual({ maxBulkOperations: 50, maxAttempts: 8, skipOutOfScopeDeletions: false, logRetentionInDays: 30, accidentalDeletionThreshold: 500, escrowSchedule: ['PT6H', 'PT12H', 'PT24H'], escrowMaxAge: 'P28D', quarantine: { minimumFailures: 5000, failureProportion: 0.4, maximumFailures: 40000, absoluteMaximumFailures: 60000, interval: 'P1D', disableAfter: 'P28D' } });
    expect(job.target).toEqual(expect.objectContaining({ timeoutInMs: 30000, maxConcurrency: 8 }));
    expect(job.objectMappings[0]).toEqual(
      expect.objectContaining({ enabled: true, sourceObjectName: 'User', targetObjectName: 'urn:ietf:params:scim:schemas:core:2.0:User', flowTypes: 'Add, Update, Delete', scope: null }),
    );
    expect(job.objectMappings[0]?.attributeMappings[1]).toEqual({
      source: { expression: '[userName]' },
      targetAttributeName: 'userName',
      matchingPriority: 0,
      flowType: 'Always',
      defaultValue: null,
    });

    const replaced = await putJob('hr1', minimalJob({ displayName: 'Renamed', settings: { maxBulkOperations: 10 } }));
    expect(replaced.status).toBe(200);
    const reread = (await getJob('hr1')).body as JobDefinition;
    expect(reread.displayName).toBe('Renamed');
    expect(reread.settings).toEqual({ maxBulkOperations: 10, maxAttempts: 8, skipOutOfScopeDeletions: false, logRetentionInDays: 30, accidentalDeletionThreshold: 500, escrowSchedule: ['PT6H', 'PT12H', 'PT24H'], escrowMaxAge: 'P28D', quarantine: { minimumFailures: 5000, failureProportion: 0.4, maximumFailures: 40000, absoluteMaximumFailures: 60000, interval: 'P1D', disableAfter: 'P28D' } });

    const list = await listJobs();
    expect(list.status).toBe(200);
    const { status: _status, ...definition } = reread as JobDefinition & { status: unknown };
    expect(list.body).toEqual({ value: [definition] });
  });

  it('lists every job', async () => {
    expect((await listJobs()).body).toEqual({ value: [] });
    await putJob('a', minimalJob());
    await putJob('b', minimalJob());
    const { value } = (await listJobs()).body as { value: JobDefinition[] };
    expect(value.map((job) => job.id).sort()).toEqual(['a', 'b']);
  });

  it('accepts an id in the body when it matches the URL', async () => {
    expect((await putJob('hr2', minimalJob({ id: 'hr2' }))).status).toBe(201);
  });

  it('refuses an id in the body that differs from the URL with 400 on id, and stores nothing', async () => {
    const error = expectScimError(await putJob('hr1', minimalJob({ id: 'other' })), 400);
    expect(issuePaths(error)).toEqual(['id']);
    expect(error.detail).toContain('other');
    expectScimError(await getJob('hr1'), 404);
    expectScimError(await getJob('other'), 404);
  });

  it('refuses a job with schema errors with 400, naming every field at once', async () => {
    const job = minimalJob({
      target: { type: 'scim', baseUrl: 'ftp://app.example.com', tokenSetting: 'not a setting name!' },
      settings: { maxBulkOperations: 500 },
      objectMappings: [
        {
          name: 'users',
          attributeMappings: [
            { source: { expression: '[externalId]' }, targetAttributeName: 'externalId', matchingPriority: -1 },
            { source: { expression: '[userName]' }, targetAttributeName: '' },
          ],
        },
      ],
    });
    const error = expectScimError(await putJob('hr1', job), 400);
    expect(issuePaths(error).sort()).toEqual(
      [
        'target.baseUrl',
        'target.tokenSetting',
        'settings.maxBulkOperations',
        'objectMappings[0].attributeMappings[0].matchingPriority',
        'objectMappings[0].attributeMappings[1].targetAttributeName',
      ].sort(),
    );
    expectScimError(await getJob('hr1'), 404);
  });

  it('refuses a job with semantic errors with 400, naming every field at once', async () => {
    const job = minimalJob({
      objectMappings: [
        {
          name: 'users',
          attributeMappings: [
            { source: { expression: '[externalId]' }, targetAttributeName: 'emails[type eq', matchingPriority: 1 },
            { source: { expression: 'Join(" ", [a]' }, targetAttributeName: 'userName', matchingPriority: 1 },
            { source: null, targetAttributeName: 'displayName' },
          ],
        },
      ],
    });
    const error = expectScimError(await putJob('hr1', job), 400);
    expect(issuePaths(error)).toEqual(
      expect.arrayContaining([
        'objectMappings[0].attributeMappings[0].targetAttributeName',
        'objectMappings[0].attributeMappings[1].source.expression',
        'objectMappings[0].attributeMappings[1].matchingPriority',
        'objectMappings[0].attributeMappings[2].source',
      ]),
    );
  });

  it('refuses a job id in the URL that is not a valid id with 400 on id', async () => {
    const error = expectScimError(await putJob('bad id!', minimalJob()), 400);
    expect(issuePaths(error)).toEqual(['id']);
  });

  it.each([
    ['invalid JSON', '{"source":', ['body']],
    ['an empty body', '', ['body']],
    ['a JSON array', '[]', ['']],
  ])('refuses %s with 400', async (_name, body, paths) => {
    const error = expectScimError(await putJob('hr1', body), 400);
    expect(issuePaths(error)).toEqual(paths);
  });

  it('answers 404 for an unknown job', async () => {
    const error = expectScimError(await getJob('nope'), 404);
    expect(error.detail).toContain('nope');
  });

  it('answers 401 without the token', async () => {
    const result = await listJobs(null);
    expectScimError(result, 401);
    expect(result.headers.get('www-authenticate')).toBe('Bearer');
  });
});
