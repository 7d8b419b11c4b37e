import { tmpdir } from 'node:os';
import type { Services } from '../../src/app/services';
import { logsCommand } from '../../src/cli/logsCommand';
import type { ProvisioningLogEntry, ProvisioningStatus } from '../../src/domain/provisioningLogEntry';
import { createAzuriteServices } from '../support/azuriteServices';
import { testJob } from '../support/jobFixtures';
import { captureIo } from './captureIo';
import { serveIdbridgeApi, type ServedApi } from './serveIdbridgeApi';

function entry(n: number, sourceId: string, status: ProvisioningStatus, cycleId: string, error?: { code: string; reason: string }): ProvisioningLogEntry {
  return {
    id: `log-${n}`,
    activityDateTime: `2026-11-22T10:00:0${n}.000Z`,
    jobId: 'job1',
    cycleId,
    changeId: `change-${n}`,
    durationInMilliseconds: 40,
    provisioningAction: status === 'success' ? 'create' : 'other',
    provisioningStatusInfo: { status, errorInformation: error ? { errorCode: error.code, reason: error.reason, additionalDetails: null, errorCategory: 'NonServiceFailure', recommendedAction: null } : null },
    sourceSystem: { id: 'inboundApi', displayName: 'API', details: {} },
    targetSystem: { id: 'scim', displayName: 'https://app.example/scim/v2', details: {} },
    sourceIdentity: { id: sourceId, displayName: `Worker ${sourceId}`, identityType: 'User', details: {} },
    targetIdentity: { id: status === 'success' ? `t-${sourceId}` : '', displayName: status === 'success' ? `Worker ${sourceId}` : null, identityType: 'urn:ietf:params:scim:schemas:core:2.0:User', details: {} },
    modifiedProperties: [],
    provisioningSteps: [],
    initiatedBy: { id: '', displayName: 'idbridge', initiatorType: 'system' },
  };
}

describe('idbridge logs (against the HTTP API on Azurite)', () => {
  let services: Services;
  let adminToken: string;
  let api: ServedApi;

  beforeEach(async () => {
    ({ services, adminToken } = await createAzuriteServices());
    await services.jobs.upsert(testJob());
    await services.logs.append([
      entry(1, 'E1', 'success', 'upload-a'),
      entry(2, 'E2', 'failure', 'upload-a', { code: 'MandatoryFieldsMissing', reason: 'userName is required\nby the target' }),
      entry(3, 'E1', 'skipped', 'upload-b', { code: 'RedundantExport', reason: 'Nothing differs' }),
    ]);
    api = await serveIdbridgeApi(services);
  });
  afterEach(() => api.close());

  const run = async (...argv: string[]) => {
    const { io, out, err } = captureIo(tmpdir(), { IDBRIDGE_ADMIN_TOKEN: adminToken });
    const code = await logsCommand([...argv, '--url', api.url], io);
    return { code, out: out(), err: err() };
  };

  it('lists entries newest first, one line each with action, status, source, target and reason', async () => {
    const { code, out } = await run('job1');
    expect(code).toBe(0);
    expect(out).toBe(
      [
        '2026-11-22T10:00:03.000Z  other        skipped  User E1 (Worker E1) -> (none)  RedundantExport: Nothing differs',
        '2026-11-22T10:00:02.000Z  other        failure  User E2 (Worker E2) -> (none)  MandatoryFieldsMissing: userName is required by the target',
        '2026-11-22T10:00:01.000Z  create       success  User E1 (Worker E1) -> t-E1 (Worker E1)',
        '',
      ].join('\n'),
    );
  });

  it.each<[string[], string[]]>([
    [['--status', 'failure'], ['E2']],
    [['--status', 'FAILURE'], ['E2']],
    [['--source', 'E1'], ['E1', 'E1']],
    [['--cycle', 'upload-a'], ['E2', 'E1']],
    [['--cycle', 'upload-a', '--status', 'success'], ['E1']],
    [['--limit', '2'], ['E1', 'E2']],
    [['--cycle', 'nothing'], []],
  ])('filters with %j', async (flags, sources) => {
    const { code, out } = await run('job1', ...flags, '--json');
    expect(code).toBe(0);
    expect((JSON.parse(out) as ProvisioningLogEntry[]).map((e) => e.sourceIdentity.id)).toEqual(sources);
  });

  it('says so when nothing matches, and exits 1 for an unknown job', async () => {
    expect((await run('job1', '--cycle', 'nothing')).out).toBe('No entries.\n');
    expect(await run('nope')).toEqual({ code: 1, out: '', err: "idbridge logs: HTTP 404: No job 'nope'\n" });
  });

  it.each<[string[], RegExp]>([
    [[], /name the job whose logs to list/],
    [['job1', '--status', 'failed'], /--status must be one of success, warning, failure, skipped, got "failed"/],
    [['job1', '--limit', '0'], /--limit must be a whole number from 1 to 100000/],
  ])('exits 2 for %j', async (argv, message) => {
    const { io, err } = captureIo(tmpdir(), { IDBRIDGE_ADMIN_TOKEN: adminToken });
    expect(await logsCommand(argv, io)).toBe(2);
    expect(err()).toMatch(message);
  });
});
