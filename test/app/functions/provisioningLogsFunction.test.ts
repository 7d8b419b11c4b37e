import { provisioningLogsFunction } from '../../../src/app/functions/provisioningLogsFunction';
import type { Services } from '../../../src/app/services';
import type { ProvisioningAction, ProvisioningLogEntry, ProvisioningStatus } from '../../../src/domain/provisioningLogEntry';
import { createAzuriteServices } from '../../support/azuriteServices';
import { callHandler, expectScimError, issuePaths, productionHandler, type HttpResult } from '../../support/httpCall';
import { testJob } from '../../support/jobFixtures';

const HOST = 'https://idbridge.example';
const JOB_ID = 'hr1';

interface EntrySpec {
  id: string;
  minute: number;
  status: ProvisioningStatus;
  action: ProvisioningAction;
  sourceId: string;
  jobId?: string;
}

function logEntry({ id, minute, status, action, sourceId, jobId = JOB_ID }: EntrySpec): ProvisioningLogEntry {
  return {
    id,
    activityDateTime: new Date(Date.UTC(2026, 10, 1, 10, minute)).toISOString(),
    jobId,
    cycleId: minute < 3 ? 'cycle-1' : 'cycle-2',
    changeId: `change-${id}`,
    durationInMilliseconds: 12,
    provisioningAction: action,
    provisioningStatusInfo: {
      status,
      errorInformation:
        status === 'failure'
          ? { errorCode: 'SystemForCrossDomainIdentityManagementBadResponse', reason: 'The target answered 400', additionalDetails: null, errorCategory: 'NonServiceFailure', recommendedAction: null }
          : null,
    },
    sourceSystem: { id: 'inboundApi', displayName: 'API-driven inbound', details: {} },
    targetSystem: { id: 'scim', displayName: 'SCIM app', details: {} },
    sourceIdentity: { id: sourceId, displayName: `User ${sourceId}`, identityType: 'User', details: {} },
    targetIdentity: { id: `t-${sourceId}`, displayName: null, identityType: 'urn:ietf:params:scim:schemas:core:2.0:User', details: {} },
    modifiedProperties: [{ displayName: 'userName', oldValue: null, newValue: `${sourceId}@example.com` }],
    provisioningSteps: [{ name: 'EntryImport', provisioningStepType: 'import', status: 'success', description: 'Imported', details: {} }],
    initiatedBy: { id: 'idbridge', displayName: 'idbridge', initiatorType: 'system' },
  };
}

const SPECS: EntrySpec[] = [
  { id: 'l1', minute: 1, status: 'success', action: 'create', sourceId: 'e1' },
  { id: 'l2', minute: 2, status: 'failure', action: 'update', sourceId: 'e2' },
  { id: 'l3', minute: 3, status: 'success', action: 'update', sourceId: 'e1' },
  { id: 'l4', minute: 4, status: 'skipped', action: 'other', sourceId: 'e3' },
  { id: 'l5', minute: 5, status: 'warning', action: 'disable', sourceId: 'e2' },
  { id: 'l6', minute: 5, status: 'success', action: 'create', sourceId: 'e4' },
  { id: 'l7', minute: 7, status: 'success', action: 'update', sourceId: 'e1' },
];

let services: Services;
let adminToken: string;

beforeAll(async () => {
  ({ services, adminToken } = await createAzuriteServices());
  await services.jobs.upsert(testJob({ id: JOB_ID }));
  await services.jobs.upsert(testJob({ id: 'quiet' }));
  // Appended out of order and in two calls; another job's entries must never show up.
  await services.logs.append(SPECS.slice(3).map(logEntry));
  await services.logs.append([...SPECS.slice(0, 3).map(logEntry), logEntry({ id: 'other', minute: 6, status: 'success', action: 'create', sourceId: 'e1', jobId: 'quiet' })]);
});

function getLogs(query: Record<string, string> = {}, jobId = JOB_ID): Promise<HttpResult> {
  return callHandler(productionHandler(provisioningLogsFunction, services), {
    method: 'GET',
    url: `${HOST}/api/jobs/${encodeURIComponent(jobId)}/provisioningLogs`,
    params: { jobId },
    query,
    token: adminToken,
  });
}

interface LogPage {
  value: ProvisioningLogEntry[];
  continuationToken?: string;
  '@odata.nextLink'?: string;
}

async function ids(query: Record<string, string> = {}): Promise<string[]> {
  const result = await getLogs(query);
  expect(result.status).toBe(200);
  return (result.body as LogPage).value.map((entry) => entry.id);
}

/** A token shaped like ours (base64url of the SDK's base64 JSON) around any value. */
const forgedToken = (sdkToken: unknown) => Buffer.from(Buffer.from(JSON.stringify(sdkToken)).toString('base64')).toString('base64url');

/** Newest first; entries of one instant in id order (the row key breaks ties by entry id). */
const newestFirst = (specs: readonly EntrySpec[]) => [...specs].sort((a, b) => b.minute - a.minute || a.id.localeCompare(b.id)).map((s) => s.id);

describe('GET /api/jobs/{jobId}/provisioningLogs (Azurite)', () => {
  it('lists the whole entries, newest first, without a continuation token when everything fits', async () => {
    const result = await getLogs();
    expect(result.status).toBe(200);
    const page = result.body as LogPage;
    expect(page.value.map((e) => e.id)).toEqual(newestFirst(SPECS));
    expect(page.value.find((e) => e.id === 'l2')).toEqual(logEntry(SPECS[1] as EntrySpec));
    expect(page.continuationToken).toBeUndefined();
    expect(page['@odata.nextLink']).toBeUndefined();
  });

  it.each([
    [{ status: 'success' }, (s: EntrySpec) => s.status === 'success'],
    [{ status: 'failure' }, (s: EntrySpec) => s.status === 'failure'],
    [{ action: 'update' }, (s: EntrySpec) => s.action === 'update'],
    [{ sourceId: 'e1' }, (s: EntrySpec) => s.sourceId === 'e1'],
    [{ sourceId: 'e1', action: 'update', status: 'success' }, (s: EntrySpec) => s.sourceId === 'e1' && s.action === 'update' && s.status === 'success'],
    [{ sourceId: 'nobody' }, () => false],
    [{ cycleId: 'cycle-2' }, (s: EntrySpec) => s.minute >= 3],
  ])('filters by %j', async (query, keep) => {
    expect(await ids(query)).toEqual(newestFirst(SPECS.filter(keep)));
  });

  it('pages with pageSize=2 through continuationToken: every entry once, in order', async () => {
    const seen: string[] = [];
    let query: Record<string, string> = { pageSize: '2' };
    for (let pages = 0; pages < 10; pages++) {
      const result = await getLogs(query);
      expect(result.status).toBe(200);
      const page = result.body as LogPage;
      expect(page.value.length).toBeLessThanOrEqual(2);
      seen.push(...page.value.map((e) => e.id));
      if (!page.continuationToken) break;
      const next = new URL(page['@odata.nextLink'] ?? '');
      expect(next.searchParams.get('continuationToken')).toBe(page.continuationToken);
      expect(next.searchParams.get('pageSize')).toBe('2');
      query = Object.fromEntries(next.searchParams.entries());
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(newestFirst(SPECS));
  });

  it('pages a filtered list too', async () => {
    const seen: string[] = [];
    let query: Record<string, string> = { pageSize: '1', sourceId: 'e1' };
    for (let pages = 0; pages < 10; pages++) {
      const page = (await getLogs(query)).body as LogPage;
      seen.push(...page.value.map((e) => e.id));
      if (!page.continuationToken) break;
      query = { ...query, continuationToken: page.continuationToken };
    }
    expect(seen).toEqual(newestFirst(SPECS.filter((s) => s.sourceId === 'e1')));
  });

  it.each([
    [{ status: 'succeeded' }, ['status']],
    [{ action: 'explode' }, ['action']],
    [{ pageSize: '0' }, ['pageSize']],
    [{ pageSize: '1001' }, ['pageSize']],
    [{ pageSize: 'many' }, ['pageSize']],
    [{ status: 'bad', pageSize: '-1' }, ['status', 'pageSize']],
    [{ continuationToken: 'not a token!' }, ['continuationToken']],
    // Well-formed base64url, but not a wrapped SDK token: the SDK would throw a SyntaxError (once a 500).
    [{ continuationToken: Buffer.from('hello').toString('base64url') }, ['continuationToken']],
    [{ continuationToken: forgedToken({ nextPartitionKey: 5 }) }, ['continuationToken']],
    [{ continuationToken: forgedToken({ nextPartitionKey: 'a'.repeat(20_000) }) }, ['continuationToken']],
  ])('answers 400 naming the parameter for %j', async (query, paths) => {
    const error = expectScimError(await getLogs(query), 400);
    expect(issuePaths(error).sort()).toEqual([...paths].sort());
  });

  it('lists only the entries of the job asked for', async () => {
    expect((await getLogs({}, 'quiet')).body).toEqual({ value: [expect.objectContaining({ id: 'other' })] });
  });

  it('answers 404 for an unknown job', async () => {
    const error = expectScimError(await getLogs({}, 'nope'), 404);
    expect(error.detail).toContain('nope');
  });

  it('answers 401 without the token', async () => {
    const result = await callHandler(productionHandler(provisioningLogsFunction, services), {
      method: 'GET',
      url: `${HOST}/api/jobs/${JOB_ID}/provisioningLogs`,
      params: { jobId: JOB_ID },
      token: 'wrong-token-wrong-token',
    });
    expectScimError(result, 401);
  });
});
