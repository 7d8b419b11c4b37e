import { jobPauseFunction, jobRestartFunction, jobStartFunction } from '../../src/app/functions/jobControlFunctions';
import { jobFunction } from '../../src/app/functions/jobsFunction';
import type { HttpFunctionDefinition } from '../../src/app/httpFunctionDefinition';
import type { Services } from '../../src/app/services';
import type { JobState } from '../../src/domain/jobState';
import type { JobStatusView } from '../../src/jobs/jobStatusView';
import { createAzuriteServices, type AzuriteServices } from '../support/azuriteServices';
import { callHandler, expectScimError, issuePaths, productionHandler, type HttpResult } from '../support/httpCall';
import { testJob } from '../support/jobFixtures';
import { MemorySourceConnector } from '../support/fakes/memorySourceConnector';
import { MemoryTargetConnector } from '../support/fakes/memoryTargetConnector';
import { pullJob } from '../cycles/cycleHarness';

const HOST = 'https://idbridge.example';
const NOW = new Date('2026-11-22T10:00:00.000Z');

let azurite: AzuriteServices;
let services: Services;
let adminToken: string;

beforeEach(async () => {
  azurite = await createAzuriteServices();
  adminToken = azurite.adminToken;
  services = { ...azurite.services, now: () => NOW };
  await services.jobs.upsert(testJob());
});

function post(definition: HttpFunctionDefinition, jobId: string, action: string, body?: string, presented: string | null = adminToken): Promise<HttpResult> {
  return callHandler(productionHandler(definition, services), {
    method: 'POST',
    url: `${HOST}/api/jobs/${jobId}/${action}`,
    params: { jobId },
    ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
    token: presented,
  });
}

const start = (jobId = 'job1') => post(jobStartFunction, jobId, 'start');
const pause = (jobId = 'job1') => post(jobPauseFunction, jobId, 'pause');
const restart = (body?: unknown, jobId = 'job1') => post(jobRestartFunction, jobId, 'restart', body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));

async function status(jobId = 'job1'): Promise<JobStatusView> {
  const read = await callHandler(productionHandler(jobFunction, services), { method: 'GET', url: `${HOST}/api/jobs/${jobId}`, params: { jobId }, token: adminToken });
  expect(read.status).toBe(200);
  return (read.body as { status: JobStatusView }).status;
}

async function seedState(state: JobState): Promise<void> {
  const current = await services.jobStates.get(state.jobId);
  expect(await services.jobStates.put(state, current.etag)).not.toBe('conflict');
}

const running: JobState = {
  jobId: 'job1',
  code: 'Quarantine',
  watermark: 'w7',
  cycle: { cycleId: 'c2', kind: 'incremental', began: '2026-11-22T09:58:00.000Z', cursor: 'page-3', pagesDone: 3, objectsRead: 250, objectsQueued: 9, objectsDeleted: 1, phase: 'import' },
  cycleLeaseUntil: '2026-11-22T10:03:00.000Z',
  lastExecution: { activityIdentifier: 'c1', kind: 'initial', state: 'Succeeded', timeBegan: '2026-11-22T09:00:00.000Z', timeEnded: '2026-11-22T09:20:00.000Z', countImported: 250, countQueued: 250, countDeleted: 0 },
  countSuccessiveCompleteFailures: 0,
  quarantine: { reason: 'TooManyDeletes', currentBegan: '2026-11-22T09:59:00.000Z', nextAttempt: '2026-11-23T09:59:00.000Z', seriesBegan: '2026-11-22T09:59:00.000Z', seriesCount: 1, error: { code: 'TooManyDeletes', message: '500 deletes reached the threshold of 500' } },
  escrowEpoch: 1,
};

describe('POST /api/jobs/{jobId}/start|pause|restart (Azurite)', () => {
  it('start, pause and start again answer 204 with no body, and GET shows each status', async () => {
    expect(await status()).toMatchObject({ code: 'NotRun', nextRunAt: null, cycle: null, quarantine: null, nextCycleKind: 'initial' });

    const started = await start();
    expect(started.status).toBe(204);
    expect(started.body).toBeUndefined();
    expect(await status()).toMatchObject({ code: 'Active', nextRunAt: NOW.toISOString() });

    expect((await pause()).status).toBe(204);
    expect((await status()).code).toBe('Paused');

    expect((await start()).status).toBe(204);
    expect((await status()).code).toBe('Active');
  });

  it("start begins a pull job's cycle at once, without waiting for the scheduler's tick", async () => {
    const target = new MemoryTargetConnector();
    const source = new MemorySourceConnector();
    services = { ...services, connectorFor: () => target, sourceFor: () => source };
    await services.jobs.upsert(pullJob());
    expect((await start('pull1')).status).toBe(204);
    const state = (await services.jobStates.get('pull1')).state;
    expect(state.code).toBe('Active');
    expect(state.cycle).toMatchObject({ kind: 'initial', pagesDone: 0 });
    expect(await status('pull1')).toMatchObject({ code: 'Active', cycle: { kind: 'initial' } });
    // Started once: a second start while it runs leaves the cycle alone (its lease holds).
    expect((await start('pull1')).status).toBe(204);
    expect((await services.jobStates.get('pull1')).state.cycle?.cycleId).toBe(state.cycle?.cycleId);
  });

  it('GET shows the running cycle with its counts, the last execution and the quarantine', async () => {
    await seedState(running);
    await services.cycleCounters.add('job1', 'c2', 'message-1', { 'create.success': 4, 'delete.success': 1 });
    await services.cycleCounters.add('job1', 'c2', 'message-2', { 'create.success': 2, 'update.failure': 1 });
    const view = await status();
    expect(view).toMatchObject({
      code: 'Quarantine',
      cycle: { activityIdentifier: 'c2', phase: 'import', pagesDone: 3, objectsRead: 250 },
      progress: [{ units: 'pages', completedUnits: 3 }, { units: 'objects', completedUnits: 250 }],
      lastExecution: { activityIdentifier: 'c1', state: 'Succeeded' },
      quarantine: { reason: 'TooManyDeletes', nextAttempt: '2026-11-23T09:59:00.000Z', error: { code: 'TooManyDeletes' } },
      counts: { activityIdentifier: 'c2', byActionAndStatus: { 'create.success': 6, 'delete.success': 1, 'update.failure': 1 } },
      nextCycleKind: 'incremental',
    });
  });

  it('restart without a body is "Restart provisioning": watermark, escrows and quarantine reset, the cycle dropped, the job runs now', async () => {
    await seedState(running);
    expect((await restart()).status).toBe(204);
    const { state } = await services.jobStates.get('job1');
    expect(state).toEqual({ jobId: 'job1', code: 'Active', nextRunAt: NOW.toISOString(), lastExecution: running.lastExecution, countSuccessiveCompleteFailures: 0, escrowEpoch: 2 });
  });

  it("restart with Graph's example body, spaces and all", async () => {
    await seedState(running);
    expect((await restart({ criteria: { resetScope: 'Watermark, Escrows' } })).status).toBe(204);
    const { state } = await services.jobStates.get('job1');
    expect(state.watermark).toBeUndefined();
    expect(state.escrowEpoch).toBe(2);
    expect(state.code).toBe('Quarantine');
    expect(state.quarantine?.nextAttempt).toBe(NOW.toISOString());
  });

  it('restart with ConnectorDataStore forgets the links in the staging store', async () => {
    await services.staging.stage('job1', 'User', [{ sourceKey: 'E1', data: { externalId: 'E1' } }, { sourceKey: 'E2', data: { externalId: 'E2' } }], NOW.toISOString());
    for (const key of ['E1', 'E2']) {
      const staged = await services.staging.get('job1', 'User', key);
      expect(staged && (await services.staging.recordLink(staged, `target-${key}`))).toBe('recorded');
    }
    expect((await restart({ criteria: { resetScope: 'ConnectorDataStore' } })).status).toBe(204);
    for (const key of ['E1', 'E2']) {
      const staged = await services.staging.get('job1', 'User', key);
      expect(staged?.data).toEqual({ externalId: key });
      expect(staged?.targetId).toBeUndefined();
    }
  });

  it('restart with ForceDeletes lifts a TooManyDeletes quarantine and sends the held deletes with forceDelete', async () => {
    await seedState(running);
    await services.stagedDeletes.hold({ jobId: 'job1', objectType: 'User', sourceKey: 'gone-1', action: 'delete', targetId: 't1', cycleId: 'c2', heldAt: NOW.toISOString() });
    expect((await restart({ criteria: { resetScope: 'ForceDeletes' } })).status).toBe(204);
    const { state } = await services.jobStates.get('job1');
    expect(state.quarantine).toBeUndefined();
    expect(state.code).toBe('Active');
    expect(state.forceDeletes).toBe(true);
    expect(state.watermark).toBe('w7');
    expect(await services.stagedDeletes.list('job1')).toEqual([]);
    const received = await azurite.queue.receive(10, 1000);
    expect(received.map((r) => r.message)).toEqual([expect.objectContaining({ kind: 'reconcile', jobId: 'job1', objectType: 'User', sourceKeys: ['gone-1'], forceDelete: true })]);
  });

  it('restart refuses None (use /start), unknown scopes and malformed JSON with 400, and changes nothing', async () => {
    await seedState(running);
    const none = expectScimError(await restart({ criteria: { resetScope: 'None' } }), 400);
    expect(issuePaths(none)).toEqual(['criteria.resetScope']);
    expect(none.detail).toMatch(/\/start/);
    expect(issuePaths(expectScimError(await restart({ criteria: { resetScope: 'Watermark,Anchors' } }), 400))).toEqual(['criteria.resetScope']);
    expect(expectScimError(await restart('{"criteria":'), 400).scimType).toBe('invalidSyntax');
    expect((await services.jobStates.get('job1')).state).toEqual(running);
  });

  it.each([
    ['start', () => start('nope')],
    ['pause', () => pause('nope')],
    ['restart', () => restart({ criteria: { resetScope: 'Full' } }, 'nope')],
  ])('%s of an unknown job is 404 and writes no state', async (_name, call) => {
    expectScimError(await call(), 404);
    expect((await services.jobStates.get('nope')).etag).toBe('');
  });

  it('every action needs the bearer token', async () => {
    for (const definition of [jobStartFunction, jobPauseFunction, jobRestartFunction]) {
      const refused = await post(definition, 'job1', 'x', undefined, 'wrong-token-0123456789');
      expectScimError(refused, 401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect((await services.jobStates.get('job1')).etag).toBe('');
  });
});
