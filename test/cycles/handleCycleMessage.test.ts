import { SCIM_ERROR_CODES } from '../../src/connectors/scim/scimErrorCodes';
import type { TargetConnector } from '../../src/connectors/targetConnector';
import { CYCLE_LEASE_IN_MS, MAX_CYCLE_RESUMES } from '../../src/cycles/cycleLease';
import { handleCycleMessage, type CycleMessageResult } from '../../src/cycles/handleCycleMessage';
import { runScheduler } from '../../src/cycles/runScheduler';
import type { CycleMessage } from '../../src/domain/cycleMessage';
import { PermanentError, ThrottledError, TransientError } from '../../src/domain/errors';
import type { ReconcileMessage } from '../../src/domain/reconcileMessage';
import { indexedAttributeName, indexedTargetType } from '../../src/engine/targetIndex/indexedNames';
import { pullJob, user } from './cycleHarness';
import { memoryCycleWorld, type MemoryCycleWorld } from './memoryCycleDeps';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Handles cycle page messages as they are sent, until none is left; returns each outcome as `page:outcome`. */
async function runPages(world: MemoryCycleWorld): Promise<string[]> {
  const outcomes: string[] = [];
  for (let messages = world.queue.takeCycleMessages(); messages.length > 0; messages = world.queue.takeCycleMessages()) {
    for (const message of messages) {
      if (message.kind !== 'cycle') continue;
      const result: CycleMessageResult = await handleCycleMessage(world.deps, message);
      outcomes.push(`${message.page}:${result.outcome}`);
    }
  }
  return outcomes;
}

function reconciles(world: MemoryCycleWorld): ReconcileMessage[] {
  return world.queue.sent.flatMap((s) => (s.message.kind === 'reconcile' ? [s.message] : []));
}

async function state(world: MemoryCycleWorld) {
  return (await world.jobStates.get('pull1')).state;
}

/** A world whose target cannot list its objects (so no index phase), with three users in the source. */
async function world(): Promise<MemoryCycleWorld> {
  const w = await memoryCycleWorld(pullJob());
  const t = w.target;
  const unlisted: TargetConnector = { displayName: t.displayName, getById: (...a) => t.getById(...a), findByAttribute: (...a) => t.findByAttribute(...a), create: (...a) => t.create(...a), update: (...a) => t.update(...a), delete: (...a) => t.delete(...a) };
  w.deps.connectorFor = () => unlisted;
  for (const id of ['u1', 'u2', 'u3']) w.source.put('User', id, user(id));
  return w;
}

describe('handleCycleMessage and the scheduler (in-memory fakes)', () => {
  it('fails the cycle and quarantines the job when the source refuses the credentials; a later good read lifts it', async () => {
    const w = await world();
    w.source.failNext(new PermanentError('401 from the source', { code: SCIM_ERROR_CODES.unauthorized }));
    await runScheduler(w.deps, w.now());
    expect(await runPages(w)).toEqual(['0:failed']);
    const failed = await state(w);
    expect(failed).toMatchObject({
      code: 'Quarantine',
      countSuccessiveCompleteFailures: 1,
      lastExecution: { state: 'Failed', kind: 'initial', error: { code: SCIM_ERROR_CODES.unauthorized, message: '401 from the source' } },
      quarantine: { reason: 'EncounteredQuarantineException', seriesCount: 0, cycleId: 'c1' },
      nextRunAt: new Date(w.now().getTime() + DAY).toISOString(),
    });
    expect(failed.cycle).toBeUndefined();
    expect(failed.watermark).toBeUndefined();
    expect(failed.lastSuccessfulExecution).toBeUndefined();

    // Quarantined: cycles wait a day.
    w.advance(DAY - MINUTE);
    expect((await runScheduler(w.deps, w.now())).started).toEqual([]);
    w.advance(MINUTE);
    expect((await runScheduler(w.deps, w.now())).started).toEqual(['pull1']);
    expect(await runPages(w)).toEqual(['0:advanced', '1:advanced', '2:finished']);
    const healed = await state(w);
    expect(healed.code).toBe('Active');
    expect(healed.quarantine).toBeUndefined();
    expect(healed.countSuccessiveCompleteFailures).toBe(0);
    expect(healed.nextRunAt).toBe(new Date(w.now().getTime() + 40 * MINUTE).toISOString());
  });

  it('quarantines when the source cannot be reached at all', async () => {
    const w = await world();
    w.source.failNext(new PermanentError('connect ECONNREFUSED', { code: SCIM_ERROR_CODES.unreachable }));
    await runScheduler(w.deps, w.now());
    await runPages(w);
    expect((await state(w)).quarantine?.reason).toBe('EncounteredQuarantineException');
  });

  it('fails the cycle without quarantine on other permanent source errors, and runs the next on schedule', async () => {
    const w = await world();
    w.source.failNext(new PermanentError('the source sent a ListResponse without Resources', { code: SCIM_ERROR_CODES.badResponse }));
    await runScheduler(w.deps, w.now());
    expect(await runPages(w)).toEqual(['0:failed']);
    const failed = await state(w);
    expect(failed).toMatchObject({ code: 'Active', countSuccessiveCompleteFailures: 1, lastExecution: { state: 'Failed' }, nextRunAt: new Date(w.now().getTime() + 40 * MINUTE).toISOString() });
    expect(failed.quarantine).toBeUndefined();
  });

  it('throws on transient source failures so that the queue redelivers, changing nothing', async () => {
    const w = await world();
    await runScheduler(w.deps, w.now());
    const [page0] = w.queue.takeCycleMessages() as CycleMessage[];
    const before = await w.jobStates.get('pull1');
    w.source.failNext(new TransientError('502 from the source'));
    await expect(handleCycleMessage(w.deps, page0!)).rejects.toThrow('502 from the source');
    expect(await w.jobStates.get('pull1')).toEqual(before);
    expect(w.queue.sent).toEqual([]);
    expect(await handleCycleMessage(w.deps, page0!)).toEqual({ outcome: 'advanced', phase: 'import' });
  });

  it('sends the same page again after a throttled source\'s Retry-After, holding the lease past it', async () => {
    const w = await world();
    await runScheduler(w.deps, w.now());
    const [page0] = w.queue.takeCycleMessages() as CycleMessage[];
    w.source.failNext(new ThrottledError('429 from the source', 90_000));
    expect(await handleCycleMessage(w.deps, page0!)).toEqual({ outcome: 'deferred', phase: 'import' });
    expect(w.queue.sent).toEqual([{ message: page0, options: { delayInMs: 90_000 } }]);
    const deferred = await state(w);
    expect(deferred.cycle?.pagesDone).toBe(0);
    expect(deferred.cycleLeaseUntil).toBe(new Date(w.now().getTime() + 90_000 + CYCLE_LEASE_IN_MS).toISOString());
    w.advance(CYCLE_LEASE_IN_MS);
    expect((await runScheduler(w.deps, w.now())).resumed).toEqual([]);
  });

  it('enqueues every key of an initial cycle and only changed keys of an incremental one, 100 keys a message', async () => {
    const w = await world();
    w.source.pageSize = 250;
    for (let i = 0; i < 247; i++) w.source.put('User', `k${String(i).padStart(3, '0')}`, user(`k${i}`));
    await runScheduler(w.deps, w.now());
    await runPages(w);
    const initial = reconciles(w);
    expect(initial.map((m) => m.sourceKeys.length)).toEqual([100, 100, 50]);
    expect(new Set(initial.map((m) => m.cycleId))).toEqual(new Set(['c1']));
    w.queue.sent.length = 0;

    w.source.fullReadOnly = true;
    w.source.put('User', 'k005', user('k5', 'changed'));
    w.source.put('User', 'k006', user('k6')); // same content, new version
    w.advance(40 * MINUTE);
    await runScheduler(w.deps, w.now());
    await runPages(w);
    expect(reconciles(w).map((m) => [m.cycleId, m.sourceKeys])).toEqual([['c2', ['k005']]]);
    expect((await state(w)).lastExecution).toMatchObject({ kind: 'incremental', countImported: 250, countQueued: 1, countDeleted: 0 });
  });

  it('does not sweep objects staged after the cycle began: they were pushed, newer than the read', async () => {
    const w = await world();
    w.source.fullReadOnly = true;
    await runScheduler(w.deps, w.now());
    await runPages(w);
    w.queue.sent.length = 0;
    w.advance(40 * MINUTE);
    await runScheduler(w.deps, w.now());
    const [page0] = w.queue.takeCycleMessages() as CycleMessage[];
    w.advance(1000);
    // Between the start and the sweep: a push stages an object the source read missed, and one the read will see.
    await w.staging.stage('pull1', 'User', [{ sourceKey: 'pushed', data: user('pushed') }], w.now().toISOString());
    await handleCycleMessage(w.deps, page0!);
    await runPages(w);
    expect((await w.staging.get('pull1', 'User', 'pushed'))?.deleted).toBeUndefined();
    expect(reconciles(w)).toEqual([]);
    // The next full read does not see it either: now it is absent, and deleted.
    w.advance(40 * MINUTE);
    await runScheduler(w.deps, w.now());
    await runPages(w);
    expect((await w.staging.get('pull1', 'User', 'pushed'))?.deleted).toBe(true);
    expect(reconciles(w).map((m) => m.sourceKeys)).toEqual([['pushed']]);
  });

  it('parks the cycle of a paused job before its next page, and resumes it from there at once after /start', async () => {
    const w = await world();
    await runScheduler(w.deps, w.now());
    const [page0] = w.queue.takeCycleMessages() as CycleMessage[];
    await handleCycleMessage(w.deps, page0!);
    await w.setState((s) => ({ ...s, code: 'Paused' }));
    expect(await runPages(w)).toEqual(['1:parked']);
    const parked = await state(w);
    expect(parked.cycle).toMatchObject({ pagesDone: 1, cursor: expect.any(String) });
    expect(parked.cycleLeaseUntil).toBeUndefined();
    w.advance(CYCLE_LEASE_IN_MS * 5);
    expect(await runScheduler(w.deps, w.now())).toMatchObject({ resumed: [], abandoned: [] });
    // POST /start (src/jobs/startJob.ts): Active, run now.
    await w.setState((s) => ({ ...s, code: 'Active', nextRunAt: w.now().toISOString() }));
    expect((await runScheduler(w.deps, w.now())).resumed).toEqual(['pull1']);
    expect((await state(w)).cycle?.resumes).toBeUndefined();
    expect(await runPages(w)).toEqual(['1:advanced', '2:finished']);
    expect((await state(w)).lastExecution).toMatchObject({ state: 'Succeeded', countImported: 3 });
  });

  it(`gives a cycle up after ${MAX_CYCLE_RESUMES} resumes without progress`, async () => {
    const w = await world();
    await runScheduler(w.deps, w.now());
    for (let i = 1; i <= MAX_CYCLE_RESUMES; i++) {
      w.queue.takeCycleMessages(); // lost, or dead-lettered
      w.advance(CYCLE_LEASE_IN_MS + 1000);
      expect((await runScheduler(w.deps, w.now())).resumed).toEqual(['pull1']);
      expect((await state(w)).cycle?.resumes).toBe(i);
    }
    w.queue.takeCycleMessages();
    w.advance(CYCLE_LEASE_IN_MS + 1000);
    expect((await runScheduler(w.deps, w.now())).abandoned).toEqual(['pull1']);
    const abandoned = await state(w);
    expect(abandoned.cycle).toBeUndefined();
    expect(abandoned.lastExecution).toMatchObject({ state: 'Failed', error: { code: 'CycleStalled' } });
    expect(abandoned.countSuccessiveCompleteFailures).toBe(1);
  });

  it('enqueues every object of a page done again after the host died between staging it and enqueueing', async () => {
    const w = await world();
    await runScheduler(w.deps, w.now());
    const [page0] = w.queue.takeCycleMessages() as CycleMessage[];
    const send = w.queue.send.bind(w.queue);
    w.queue.send = async () => {
      throw new TransientError('the host died');
    };
    await expect(handleCycleMessage(w.deps, page0!)).rejects.toThrow('the host died');
    w.queue.send = send;
    // Redelivered: the page's objects are staged already, by this very cycle, but nothing reconciles them yet.
    expect(await handleCycleMessage(w.deps, page0!)).toEqual({ outcome: 'advanced', phase: 'import' });
    await runPages(w);
    expect(reconciles(w).flatMap((m) => m.sourceKeys).sort()).toEqual(['u1', 'u2', 'u3']);
  });

  it('holds and resumes cycles on the lease its deps give (a host that shortens it, as the crash test does)', async () => {
    const w = await world();
    const leaseInMs = 30_000;
    w.deps.cycleLeaseInMs = leaseInMs;
    await runScheduler(w.deps, w.now());
    expect((await state(w)).cycleLeaseUntil).toBe(new Date(w.now().getTime() + leaseInMs).toISOString());
    const [page0] = w.queue.takeCycleMessages() as CycleMessage[];
    w.advance(1000);
    expect(await handleCycleMessage(w.deps, page0!)).toEqual({ outcome: 'advanced', phase: 'import' });
    expect((await state(w)).cycleLeaseUntil).toBe(new Date(w.now().getTime() + leaseInMs).toISOString());
    // Page 1's message is lost, as when the host dies between the state write and the send.
    expect(w.queue.takeCycleMessages()).toEqual([expect.objectContaining({ page: 1 })]);
    w.advance(leaseInMs - 1000);
    expect((await runScheduler(w.deps, w.now())).resumed).toEqual([]);
    w.advance(2000);
    expect((await runScheduler(w.deps, w.now())).resumed).toEqual(['pull1']);
    expect((await state(w)).cycleLeaseUntil).toBe(new Date(w.now().getTime() + leaseInMs).toISOString());
    expect(await runPages(w)).toEqual(['1:advanced', '2:finished']);
    expect((await state(w)).lastExecution).toMatchObject({ state: 'Succeeded', countImported: 3 });
  });

  it('resets the resume count when a resumed cycle makes progress', async () => {
    const w = await world();
    await runScheduler(w.deps, w.now());
    w.queue.takeCycleMessages();
    w.advance(CYCLE_LEASE_IN_MS + 1000);
    await runScheduler(w.deps, w.now());
    const [page0] = w.queue.takeCycleMessages() as CycleMessage[];
    await handleCycleMessage(w.deps, page0!);
    expect((await state(w)).cycle).toMatchObject({ pagesDone: 1 });
    expect((await state(w)).cycle?.resumes).toBeUndefined();
  });

  it('disables a job quarantined longer than settings.quarantine.disableAfter', async () => {
    const w = await world();
    const began = w.now().toISOString();
    await w.setState((s) => ({ ...s, code: 'Quarantine', nextRunAt: new Date(w.now().getTime() + DAY).toISOString(), quarantine: { reason: 'EncounteredQuarantineException', currentBegan: began, nextAttempt: began, seriesBegan: began, seriesCount: 3 } }));
    w.advance(28 * DAY - MINUTE);
    expect((await runScheduler(w.deps, w.now())).disabled).toEqual([]);
    w.advance(2 * MINUTE);
    const report = await runScheduler(w.deps, w.now());
    expect(report).toMatchObject({ disabled: ['pull1'], started: [] });
    expect((await state(w)).code).toBe('Disabled');
    w.advance(DAY);
    expect(await runScheduler(w.deps, w.now())).toMatchObject({ disabled: [], started: [] });
  });

  it('judges the last cycle by its counts before starting the next, and waits if that quarantines the job', async () => {
    const w = await world();
    await runScheduler(w.deps, w.now());
    await runPages(w);
    w.counts.set('c1', { 'create.failure': 6000, 'create.success': 100 });
    w.advance(40 * MINUTE);
    expect(await runScheduler(w.deps, w.now())).toMatchObject({ started: [], quarantined: ['pull1'] });
    const judged = await state(w);
    expect(judged).toMatchObject({ code: 'Quarantine', quarantine: { reason: 'EncounteredEscrowProportionThreshold', cycleId: 'c1' } });
    expect(judged.cycle).toBeUndefined();
    // A day later the same cycle is not judged again: the next one starts.
    w.advance(DAY);
    expect((await runScheduler(w.deps, w.now())).started).toEqual(['pull1']);
  });

  it('carries an approval of deletes (restart with ForceDeletes) into the next cycle\'s reconciles, once', async () => {
    const w = await world();
    await w.setState((s) => ({ ...s, forceDeletes: true }));
    await runScheduler(w.deps, w.now());
    expect((await state(w)).forceDeletes).toBeUndefined();
    expect((await state(w)).cycle?.forceDeletes).toBe(true);
    await runPages(w);
    expect(reconciles(w).every((m) => m.forceDelete === true)).toBe(true);
    expect(reconciles(w).length).toBeGreaterThan(0);
    w.queue.sent.length = 0;
    w.source.put('User', 'u1', user('u1', 'changed'));
    w.advance(40 * MINUTE);
    await runScheduler(w.deps, w.now());
    await runPages(w);
    expect(reconciles(w).map((m) => m.forceDelete)).toEqual([undefined]);
  });

  it('drops the pages of a cycle a restart ended, and the target index it was building', async () => {
    const w = await memoryCycleWorld(pullJob());
    w.source.put('User', 'u1', user('u1'));
    w.target.objects.set('t1', { userName: 'u1@example.com' });
    await runScheduler(w.deps, w.now());
    expect((await state(w)).cycle).toMatchObject({ phase: 'targetIndex', targetIndexId: 'c1' });
    const [page0] = w.queue.takeCycleMessages() as CycleMessage[];
    await handleCycleMessage(w.deps, page0!);
    const key = { targetType: indexedTargetType(pullJob().objectMappings[0]!.targetObjectName), attribute: indexedAttributeName('userName'), value: 'u1@example.com' };
    expect(await w.targetIndexes.find('pull1', 'c1', key)).toEqual([{ id: 't1', data: { userName: 'u1@example.com' } }]);
    // Restart with Watermark (src/jobs/restartedJobState.ts) ends the running cycle.
    await w.setState((s) => {
      const { cycle: _c, cycleLeaseUntil: _l, watermark: _w, ...rest } = s;
      return rest;
    });
    expect(await runPages(w)).toEqual(['1:dropped']);
    expect(await w.targetIndexes.find('pull1', 'c1', key)).toBe('missing');
  });

  it('goes on without a target index when the target cannot be listed after all', async () => {
    const w = await memoryCycleWorld(pullJob());
    w.source.put('User', 'u1', user('u1'));
    await runScheduler(w.deps, w.now());
    w.target.failNext('listPage', new PermanentError('400: this target does not page', { code: SCIM_ERROR_CODES.rejected }));
    expect(await runPages(w)).toEqual(['0:advanced', '1:advanced', '2:finished']);
    expect(reconciles(w).map((m) => m.targetIndex)).toEqual([undefined]);
    expect((await state(w)).lastExecution?.state).toBe('Succeeded');
  });

  it('quarantines when the target refuses the credentials while being indexed', async () => {
    const w = await memoryCycleWorld(pullJob());
    await runScheduler(w.deps, w.now());
    w.target.failNext('listPage', new PermanentError('401', { code: SCIM_ERROR_CODES.unauthorized }));
    expect(await runPages(w)).toEqual(['0:failed']);
    expect((await state(w)).quarantine?.reason).toBe('EncounteredQuarantineException');
  });
});
