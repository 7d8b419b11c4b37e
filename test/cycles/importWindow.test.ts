import { handleWorkMessage, type WorkMessageResult } from '../../src/app/handleWorkMessage';
import { CYCLE_LEASE_IN_MS } from '../../src/cycles/cycleLease';
import { TransientError } from '../../src/domain/errors';
import { workMessageSchema } from '../../src/domain/workMessage';
import { pauseJob } from '../../src/jobs/pauseJob';
import { startJob } from '../../src/jobs/startJob';
import type { StagingStore } from '../../src/state/stagingStore';
import { cycleHarness, cycleOutcomes, pullJob, user, type CycleHarness } from './cycleHarness';

/** Handles every visible message once; a handler that throws has its message sent again, as a redelivery. */
async function drainThroughFailures(h: CycleHarness): Promise<{ results: WorkMessageResult[]; failures: string[] }> {
  const results: WorkMessageResult[] = [];
  const failures: string[] = [];
  for (;;) {
    const [work] = await h.queue.receive(1, 60_000);
    if (!work) return { results, failures };
    try {
      results.push(await handleWorkMessage(h.services, work.message));
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
      await h.services.queue.send([workMessageSchema.parse(work.message)]);
    }
    await work.complete();
  }
}

/** The harness's staging, with insertReconciled failing the first `times` calls: the host dying after the window's creates. */
function dyingAfterCreates(h: CycleHarness, times: number): void {
  const real = h.services.staging;
  let left = times;
  const wrapped: StagingStore = Object.assign(Object.create(real) as StagingStore, {
    insertReconciled: async (...args: Parameters<StagingStore['insertReconciled']>) => {
      if (left-- > 0) throw new TransientError('the host died');
      return real.insertReconciled(...args);
    },
  });
  h.services.staging = wrapped;
}

describe('in-process windows of a first initial cycle (Azurite, fake pull source, in-memory target)', () => {
  it('reconciles the pages without queueing an object, and leaves each row staged with its link', async () => {
    const h = await cycleHarness();
    for (const id of ['u1', 'u2', 'u3', 'u4', 'u5']) h.source.put('User', id, user(id));
    await h.tick();
    const cycleId = (await h.state()).cycle!.cycleId;
    const results = await h.drain();

    expect(results.filter((r) => r.kind === 'reconcile')).toEqual([]);
    // One message for the import: the window records the three source pages as pages 1 to 3.
    expect(cycleOutcomes(results)).toEqual(['0:targetIndex:advanced', '1:import:advanced', '4:sweep:finished']);
    expect(h.target.calls.filter((c) => c === 'create')).toHaveLength(5);
    expect(h.target.calls).not.toContain('findByAttribute');
    for (const id of ['u1', 'u2', 'u3', 'u4', 'u5']) {
      const staged = await h.services.staging.get('pull1', 'User', id);
      expect(staged?.data).toEqual(user(id));
      expect(h.target.objects.get(staged!.targetId!)?.userName).toBe(`${id}@example.com`);
      expect(staged?.creatingUntil).toBeUndefined();
    }
    expect(await h.logged(cycleId)).toEqual(['u1:create:success', 'u2:create:success', 'u3:create:success', 'u4:create:success', 'u5:create:success']);
    const state = await h.state();
    expect(state.lastExecution).toMatchObject({ activityIdentifier: cycleId, state: 'Succeeded', countImported: 5, countQueued: 5 });
    expect(state.cycle).toBeUndefined();
  });

  it('after a window died between its creates and its rows, waits for it, then redoes its pages matching the target: no second create', async () => {
    // pageSize 1000: a window of 20 source pages, written and recorded in groups of 3 (ceil(2500 / 1000)); the fake source answers 2 a page.
    const h = await cycleHarness(pullJob({ source: { type: 'scim', baseUrl: 'https://hr.example/scim/v2', tokenSetting: 'IDBRIDGE_SOURCE_TOKEN_HR', pageSize: 1000 } }));
    const ids = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8'];
    for (const id of ids) h.source.put('User', id, user(id));
    dyingAfterCreates(h, 1);
    await h.tick();
    const cycleId = (await h.state()).cycle!.cycleId;

    const first = await drainThroughFailures(h);
    expect(first.failures).toEqual(['the host died']);
    // The creates happened; the first group's rows (pages 1-3) were never written, the second's (page 4) were, with
    // its logs, but never recorded in the job state. The redelivered page found the window's marker and waited.
    expect(h.target.objects.size).toBe(8);
    expect(await h.services.staging.get('pull1', 'User', 'u1')).toBeUndefined();
    expect((await h.services.staging.get('pull1', 'User', 'u7'))?.targetId).toBeDefined();
    expect(cycleOutcomes(first.results)).toEqual(['0:targetIndex:advanced', '1:import:deferred']);
    const marked = (await h.state()).cycle;
    expect(marked).toMatchObject({ pagesDone: 1, inProcessWindow: { fromPage: 1 } });
    expect(await h.logged(cycleId)).toEqual(['u7:create:success', 'u8:create:success']);

    // The deferred message waits in the queue for the marker to pass; the scheduler resumes the cycle once the lease has.
    h.advance(CYCLE_LEASE_IN_MS + 1000);
    expect((await h.tick()).resumed).toEqual(['pull1']);
    const second = await drainThroughFailures(h);
    expect(second.failures).toEqual([]);
    // The queued way, page by page: u1-u6 have no row, so they are matched against the target (a filtered GET
    // each), not the target index, which predates their creates; u7 and u8 are reconciled again through the links
    // their rows hold (their page was never recorded, so the window's counts for it were lost with it).
    expect(cycleOutcomes(second.results)).toEqual(['1:import:advanced', '2:import:advanced', '3:import:advanced', '4:import:advanced', '5:sweep:finished']);
    expect(h.target.calls.filter((c) => c === 'create')).toHaveLength(8);
    expect(h.target.calls.filter((c) => c === 'findByAttribute')).toHaveLength(6);
    expect(h.target.objects.size).toBe(8);
    for (const id of ids) {
      const staged = await h.services.staging.get('pull1', 'User', id);
      expect(h.target.objects.get(staged!.targetId!)?.userName).toBe(`${id}@example.com`);
    }
    // Every one found in sync.
    const skipped = ids.map((id) => `${id}:other:skipped`);
    expect(await h.logged(cycleId)).toEqual([...skipped, 'u7:create:success', 'u8:create:success'].sort());
    expect((await h.state()).lastExecution).toMatchObject({ activityIdentifier: cycleId, state: 'Succeeded', countQueued: 8 });
  });

  it('splits a long read into windows of ceil(20000 / pageSize) pages, each recording its pages one by one', async () => {
    // pageSize 1000 makes a window 20 source pages, in groups of 3 (ceil(2500 / 1000)); the fake source answers 2 objects a page.
    const h = await cycleHarness(pullJob({ source: { type: 'scim', baseUrl: 'https://hr.example/scim/v2', tokenSetting: 'IDBRIDGE_SOURCE_TOKEN_HR', pageSize: 1000 } }));
    const ids = Array.from({ length: 45 }, (_, i) => `u${String(i).padStart(2, '0')}`);
    for (const id of ids) h.source.put('User', id, user(id));
    await h.tick();
    const cycleId = (await h.state()).cycle!.cycleId;
    const results = await h.drain();
    expect(cycleOutcomes(results)).toEqual(['0:targetIndex:advanced', '1:import:advanced', '21:import:advanced', '24:sweep:finished']);
    expect(results.filter((r) => r.kind === 'reconcile')).toEqual([]);
    expect(h.target.calls.filter((c) => c === 'create')).toHaveLength(45);
    expect((await h.logged(cycleId)).filter((l) => l.endsWith(':create:success'))).toHaveLength(45);
    expect((await h.state()).lastExecution).toMatchObject({ state: 'Succeeded', countImported: 45, countQueued: 45 });
    for (const id of ids) expect((await h.services.staging.get('pull1', 'User', id))?.targetId).toBeDefined();
  });

  it('resolves managers held in the same window, and reconciles a report again once a manager on a later page is linked', async () => {
    const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    const job = pullJob();
    const users = job.objectMappings[0]!;
    users.attributeMappings.push({ ...users.attributeMappings[0]!, source: { expression: `[${ENTERPRISE}:manager]` }, targetAttributeName: `${ENTERPRISE}:manager`, matchingPriority: 0 });
    const h = await cycleHarness(job);
    const withManager = (id: string, manager: string) => ({ ...user(id), [ENTERPRISE]: { manager: { value: manager } } });
    // Pages of two (the fake source): [a-boss, b-report], [c-report of e, d], [e-late-boss].
    h.source.put('User', 'a-boss', user('a-boss'));
    h.source.put('User', 'b-report', withManager('b-report', 'a-boss'));
    h.source.put('User', 'c-report', withManager('c-report', 'e-late-boss'));
    h.source.put('User', 'd', user('d'));
    h.source.put('User', 'e-late-boss', user('e-late-boss'));
    await h.tick();
    await h.drain();

    const managerOf = (userName: string): unknown => ((h.targetUsers().get(userName)?.[ENTERPRISE] ?? {}) as { manager?: { value?: unknown } }).manager?.value;
    const targetIdOf = async (key: string): Promise<string | undefined> => (await h.services.staging.get('pull1', 'User', key))?.targetId;
    expect(h.targetUsers().size).toBe(5);
    expect(managerOf('b-report@example.com')).toBe(await targetIdOf('a-boss'));
    expect(managerOf('c-report@example.com')).toBe(await targetIdOf('e-late-boss'));
    expect(h.target.calls.filter((c) => c === 'create')).toHaveLength(5);
  });

  it('stops a window soon after a pause, everything it created recorded, and resumes it on start', async () => {
    // pageSize 1000: windows of 20 pages in groups of 3; the fake source answers 2 objects a page.
    const h = await cycleHarness(pullJob({ source: { type: 'scim', baseUrl: 'https://hr.example/scim/v2', tokenSetting: 'IDBRIDGE_SOURCE_TOKEN_HR', pageSize: 1000 } }));
    const ids = Array.from({ length: 10 }, (_, i) => `u${i}`);
    for (const id of ids) h.source.put('User', id, user(id));
    // The operator pauses while the window reads its second page.
    const realRead = h.source.readPage.bind(h.source);
    h.source.readPage = async (request) => {
      if (h.source.reads.length === 1) await pauseJob(h.services, 'pull1');
      return realRead(request);
    };
    await h.tick();
    const cycleId = (await h.state()).cycle!.cycleId;
    const paused = await h.drain();
    expect(cycleOutcomes(paused)).toEqual(['0:targetIndex:advanced', '1:import:parked']);
    const state = await h.state();
    expect(state.code).toBe('Paused');
    // Stopped after the group of pages it was reconciling (pages 1-3): all recorded, no marker, no lease.
    expect(state.cycle).toMatchObject({ pagesDone: 4 });
    expect(state.cycle?.inProcessWindow).toBeUndefined();
    expect(state.cycleLeaseUntil).toBeUndefined();
    expect(h.target.objects.size).toBe(6);
    for (const id of ids.slice(0, 6)) expect((await h.services.staging.get('pull1', 'User', id))?.targetId).toBeDefined();

    h.source.readPage = realRead;
    await startJob(h.services, 'pull1');
    expect((await h.tick()).resumed).toEqual(['pull1']);
    await h.drain();
    expect(h.target.calls.filter((c) => c === 'create')).toHaveLength(10);
    expect((await h.state()).lastExecution).toMatchObject({ activityIdentifier: cycleId, state: 'Succeeded', countImported: 10, countQueued: 10 });
  });

  it('leaves every cycle after the first to the queued way', async () => {
    const h = await cycleHarness();
    for (const id of ['u1', 'u2']) h.source.put('User', id, user(id));
    await h.tick();
    await h.drain();
    h.source.put('User', 'u3', user('u3'));
    h.advance(40 * 60_000);
    expect((await h.tick()).started).toEqual(['pull1']);
    const results = await h.drain();
    expect(results.filter((r) => r.kind === 'reconcile')).toHaveLength(1);
    expect([...h.targetUsers().keys()].sort()).toEqual(['u1@example.com', 'u2@example.com', 'u3@example.com']);
  });
});
