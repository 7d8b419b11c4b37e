import { tmpdir } from 'node:os';
import type { Services } from '../../src/app/services';
import { statusCommand } from '../../src/cli/statusCommand';
import type { JobState } from '../../src/domain/jobState';
import { createAzuriteServices } from '../support/azuriteServices';
import { directoryJob, testJob } from '../support/jobFixtures';
import { captureIo } from './captureIo';
import { serveIdbridgeApi, type ServedApi } from './serveIdbridgeApi';

const quarantined: JobState = {
  jobId: 'dir1',
  code: 'Quarantine',
  watermark: 'w',
  cycle: { cycleId: 'c2', kind: 'incremental', began: '2026-11-22T09:58:00.000Z', pagesDone: 3, objectsRead: 250, objectsQueued: 9, objectsDeleted: 1, phase: 'import' },
  lastExecution: { activityIdentifier: 'c1', kind: 'initial', state: 'Failed', timeBegan: '2026-11-22T09:00:00.000Z', timeEnded: '2026-11-22T09:20:00.000Z', countImported: 250, countQueued: 250, countDeleted: 0, error: { code: 'Unauthorized', message: 'The target refused the token' } },
  lastSuccessfulExecution: { activityIdentifier: 'c0', kind: 'initial', state: 'Succeeded', timeBegan: '2026-11-21T09:00:00.000Z', timeEnded: '2026-11-21T09:20:00.000Z', countImported: 240, countQueued: 240, countDeleted: 0 },
  countSuccessiveCompleteFailures: 1,
  quarantine: { reason: 'EncounteredQuarantineException', currentBegan: '2026-11-22T09:20:00.000Z', nextAttempt: '2026-11-23T09:20:00.000Z', seriesBegan: '2026-11-22T09:20:00.000Z', seriesCount: 1, error: { code: 'Unauthorized', message: 'The target refused the token' } },
  escrowEpoch: 0,
};

describe('idbridge status (against the HTTP API on Azurite)', () => {
  let services: Services;
  let adminToken: string;
  let api: ServedApi;

  beforeEach(async () => {
    ({ services, adminToken } = await createAzuriteServices());
    await services.jobs.upsert(testJob({ displayName: 'HR to app' }));
    await services.jobs.upsert(directoryJob());
    expect(await services.jobStates.put(quarantined, '')).not.toBe('conflict');
    await services.cycleCounters.add('dir1', 'c2', 'w1', { 'create.success': 7, 'update.failure': 2 });
    api = await serveIdbridgeApi(services);
  });
  afterEach(() => api.close());

  const run = async (...argv: string[]) => {
    const { io, out, err } = captureIo(tmpdir(), { IDBRIDGE_ADMIN_TOKEN: adminToken });
    const code = await statusCommand([...argv, '--url', api.url], io);
    return { code, out: out(), err: err() };
  };

  it('lists every job on one line each', async () => {
    const { code, out } = await run();
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^JOB\s+STATUS\s+LAST CYCLE\s+NEXT CYCLE\s+NOW$/);
    expect(lines.slice(1).sort()).toEqual([
      expect.stringMatching(/^dir1\s+Quarantine\s+Failed 2026-11-22T09:20:00.000Z\s+2026-11-23T09:20:00.000Z \(incremental\)\s+quarantined: EncounteredQuarantineException$/),
      expect.stringMatching(/^job1\s+NotRun\s+-\s+not scheduled \(idbridge job start\)\s+-$/),
    ]);
  });

  it('shows one job in full: quarantine with reason and next attempt, progress, cycles, counts', async () => {
    const { code, out } = await run('dir1');
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'Job:               dir1',
        'Status:            Quarantine',
        'Quarantine:        EncounteredQuarantineException since 2026-11-22T09:20:00.000Z (1 in a row since 2026-11-22T09:20:00.000Z); next attempt 2026-11-23T09:20:00.000Z',
        '                   Unauthorized: The target refused the token',
        'Running cycle:     c2 (incremental), phase import: 3 pages, 250 objects read, 9 queued, 1 deleted; began 2026-11-22T09:58:00.000Z',
        'Last cycle:        c1 (initial) Failed (Unauthorized: The target refused the token), 2026-11-22T09:00:00.000Z to 2026-11-22T09:20:00.000Z, 250 imported, 250 queued, 0 deleted',
        'Last success:      c0 (initial) Succeeded, 2026-11-21T09:00:00.000Z to 2026-11-21T09:20:00.000Z, 240 imported, 240 queued, 0 deleted',
        'Next cycle:        2026-11-23T09:20:00.000Z (incremental)',
        'Failed cycles:     1 in a row',
        'Counts:            create.success 7, update.failure 2 (cycle c2)',
        '',
      ].join('\n'),
    );
  });

  it('--json prints the job as GET /api/jobs/{id} answers it', async () => {
    const { code, out } = await run('job1', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ id: 'job1', displayName: 'HR to app', status: { code: 'NotRun', quarantine: null } });
  });

  it('an unknown job: exit 1 with the service message', async () => {
    expect(await run('nope')).toEqual({ code: 1, out: '', err: "idbridge status: HTTP 404: No job 'nope'\n" });
  });

  it('says where a token can come from when there is none, and when the service cannot be reached', async () => {
    const { io, err } = captureIo(tmpdir(), { IDBRIDGE_HOME: 'no-such-home' });
    expect(await statusCommand(['--url', api.url], io)).toBe(1);
    expect(err()).toMatch(/no admin token: pass --admin-token, set IDBRIDGE_ADMIN_TOKEN, or put it in .*no-such-home[/\\]admin-token/);
    const closed = await serveIdbridgeApi(services);
    await closed.close();
    const down = captureIo(tmpdir(), { IDBRIDGE_ADMIN_TOKEN: adminToken });
    expect(await statusCommand(['--url', closed.url], down.io)).toBe(1);
    expect(down.err()).toMatch(/could not reach http:\/\/127\.0\.0\.1:\d+ .*idbridge start/);
  });

  it('exits 2 for two job ids', async () => {
    const { io, err } = captureIo(tmpdir(), { IDBRIDGE_ADMIN_TOKEN: adminToken });
    expect(await statusCommand(['a', 'b'], io)).toBe(2);
    expect(err()).toMatch(/expected at most one job id, got 2/);
  });
});
