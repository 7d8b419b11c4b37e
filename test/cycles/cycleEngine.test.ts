import { handleWorkMessage } from '../../src/app/handleWorkMessage';
import { CYCLE_LEASE_IN_MS } from '../../src/cycles/cycleLease';
import type { CycleMessage } from '../../src/domain/cycleMessage';
import { TransientError } from '../../src/domain/errors';
import type { WorkMessage } from '../../src/domain/workMessage';
import type { SendOptions } from '../../src/queue/workQueue';
import { cycleHarness, cycleOutcomes, pullJob, user } from './cycleHarness';

const MINUTE = 60_000;

describe('cycles (Azurite, fake source, in-memory target)', () => {
  // A job's first initial cycle from a pull source reconciles its pages in process, in one window here
  // (src/cycles/importWindow.ts); with windows off every page is staged and enqueued. Both must end the same.
  it.each([
    ['queued pages', false, ['0:targetIndex:advanced', '1:import:advanced', '2:import:advanced', '3:import:advanced', '4:sweep:finished']],
    ['an in-process window', true, ['0:targetIndex:advanced', '1:import:advanced', '4:sweep:finished']],
  ])('runs an initial cycle that provisions everything (%s), then incremental cycles on the schedule that read changes only', async (_how, inProcessWindows, initialOutcomes) => {
    const h = await cycleHarness(undefined, { inProcessWindows });
    for (const id of ['u1', 'u2', 'u3', 'u4', 'u5']) h.source.put('User', id, user(id));

    expect((await h.tick()).started).toEqual(['pull1']);
    const first = await h.state();
    expect(first.cycle).toMatchObject({ kind: 'initial', pagesDone: 0 });
    const results = await h.drain();
    // The target can list its objects, so the initial cycle reads it once first, then imports 3 pages, then sweeps.
    expect(cycleOutcomes(results)).toEqual(initialOutcomes);
    expect([...h.targetUsers().keys()].sort()).toEqual(['u1@example.com', 'u2@example.com', 'u3@example.com', 'u4@example.com', 'u5@example.com']);
    const afterInitial = await h.state();
    const initialId = first.cycle!.cycleId;
    expect(afterInitial.cycle).toBeUndefined();
    expect(afterInitial.cycleLeaseUntil).toBeUndefined();
    expect(afterInitial.watermark).toBe('5');
    expect(afterInitial.lastExecution).toMatchObject({ activityIdentifier: initialId, kind: 'initial', state: 'Succeeded', countImported: 5, countQueued: 5, countDeleted: 0 });
    expect(afterInitial.lastSuccessfulExecution).toEqual(afterInitial.lastExecution);
    expect(afterInitial.nextRunAt).toBe(new Date(Date.parse(first.cycle!.began) + 40 * MINUTE).toISOString());
    expect(await h.logged(initialId)).toEqual(['u1:create:success', 'u2:create:success', 'u3:create:success', 'u4:create:success', 'u5:create:success']);
    expect(h.source.reads.every((r) => r.mode === 'full')).toBe(true);

    // Changes in the source: one renamed, one new, one deleted (a tombstone in the change feed).
    h.source.put('User', 'u2', user('u2', 'Renamed'));
    h.source.put('User', 'u6', user('u6'));
    h.source.remove('User', 'u5');
    h.advance(39 * MINUTE);
    expect((await h.tick()).started).toEqual([]);
    h.advance(MINUTE);
    expect((await h.tick()).started).toEqual(['pull1']);
    const second = await h.state();
    expect(second.cycle).toMatchObject({ kind: 'incremental', phase: 'import' });
    h.source.reads.length = 0;
    expect(cycleOutcomes(await h.drain())).toEqual(['0:import:advanced', '1:import:finished']);
    expect(h.source.reads.map((r) => [r.mode, r.watermark])).toEqual([
      ['changes', '5'],
      ['changes', '5'],
    ]);
    const users = h.targetUsers();
    expect([...users.keys()].sort()).toEqual(['u1@example.com', 'u2@example.com', 'u3@example.com', 'u4@example.com', 'u6@example.com']);
    expect(users.get('u2@example.com')?.displayName).toBe('Renamed');
    const afterIncremental = await h.state();
    expect(afterIncremental.watermark).toBe('8');
    expect(afterIncremental.lastExecution).toMatchObject({ kind: 'incremental', state: 'Succeeded', countImported: 2, countQueued: 3, countDeleted: 1 });
    expect(await h.logged(second.cycle!.cycleId)).toEqual(['u2:update:success', 'u5:delete:success', 'u6:create:success']);
  });

  it('detects changes by content in full reads: unchanged objects are not reconciled again, absent ones are deleted', async () => {
    const h = await cycleHarness();
    h.source.fullReadOnly = true;
    for (const id of ['a', 'b', 'c', 'd']) h.source.put('User', id, user(id));
    await h.tick();
    await h.drain();
    expect(h.targetUsers().size).toBe(4);

    // Rewritten with the same content (a new version, same data), changed, and deleted without a tombstone.
    h.source.put('User', 'a', user('a'));
    h.source.put('User', 'b', user('b', 'Changed'));
    h.source.remove('User', 'c');
    h.advance(40 * MINUTE);
    await h.tick();
    const cycleId = (await h.state()).cycle!.cycleId;
    const outcomes = cycleOutcomes(await h.drain());
    expect(outcomes).toEqual(['0:import:advanced', '1:import:advanced', '2:sweep:finished']);
    expect(h.source.reads.slice(-2).map((r) => r.mode)).toEqual(['changes', 'changes']);
    expect(await h.logged(cycleId)).toEqual(['b:update:success', 'c:delete:success']);
    expect([...h.targetUsers().keys()].sort()).toEqual(['a@example.com', 'b@example.com', 'd@example.com']);
    expect(await h.services.staging.get('pull1', 'User', 'c')).toMatchObject({ deleted: true });
    expect((await h.state()).lastExecution).toMatchObject({ kind: 'incremental', countImported: 3, countQueued: 2, countDeleted: 1 });
  });

  it('marks absent objects deleted but leaves the target object alone when the mapping does not allow Delete', async () => {
    const h = await cycleHarness(pullJob({}, 'Add, Update'));
    h.source.fullReadOnly = true;
    for (const id of ['a', 'b']) h.source.put('User', id, user(id));
    await h.tick();
    await h.drain();
    h.source.remove('User', 'b');
    h.advance(40 * MINUTE);
    await h.tick();
    const cycleId = (await h.state()).cycle!.cycleId;
    await h.drain();
    expect(await h.services.staging.get('pull1', 'User', 'b')).toMatchObject({ deleted: true });
    expect([...h.targetUsers().keys()].sort()).toEqual(['a@example.com', 'b@example.com']);
    // Reconciled (and logged), but with Delete cleared nothing is sent to the target.
    expect(await h.logged(cycleId)).toEqual(['b:other:skipped']);
    expect(h.target.calls).not.toContain('delete');
  });

  it('drops duplicate and stale page messages', async () => {
    const h = await cycleHarness();
    for (const id of ['u1', 'u2', 'u3']) h.source.put('User', id, user(id));
    await h.tick();
    const cycleId = (await h.state()).cycle!.cycleId;
    const page0: CycleMessage = { kind: 'cycle', jobId: 'pull1', cycleId, page: 0 };
    expect(await handleWorkMessage(h.services, page0)).toMatchObject({ result: { outcome: 'advanced', phase: 'targetIndex' } });
    const afterPage0 = await h.state();
    // The same message again (at-least-once delivery), one from the future, and one of another cycle.
    for (const stale of [page0, { ...page0, page: 5 }, { ...page0, cycleId: 'another' }]) {
      expect(await handleWorkMessage(h.services, stale)).toMatchObject({ kind: 'cycle', result: { outcome: 'dropped' } });
    }
    expect(await h.state()).toEqual(afterPage0);
    const results = await h.drain();
    // The queue still holds the original page 0 message and the page 1 message it sent: page 0 is dropped again.
    // Page 1's message imports both source pages in one in-process window, which records them as pages 1 and 2
    // (src/cycles/importWindow.ts).
    expect(cycleOutcomes(results)).toEqual(['0:-:dropped', '1:import:advanced', '3:sweep:finished']);
    expect(await h.logged(cycleId)).toEqual(['u1:create:success', 'u2:create:success', 'u3:create:success']);
    expect(h.target.objects.size).toBe(3);
  });

  it('resumes a cycle whose next page message was lost between the state write and the send, once its lease has passed', async () => {
    const h = await cycleHarness();
    for (const id of ['u1', 'u2', 'u3', 'u4']) h.source.put('User', id, user(id));
    // The queue refuses the first page-1 message, as if the worker crashed right after writing the state.
    const realSend = h.services.queue.send.bind(h.services.queue);
    let refused = 0;
    const services = {
      ...h.services,
      queue: {
        send: async (messages: readonly WorkMessage[], options?: SendOptions) => {
          if (refused === 0 && messages.some((m) => m.kind === 'cycle' && m.page === 1)) {
            refused++;
            throw new TransientError('the worker died');
          }
          await realSend(messages, options);
        },
      },
    };
    await h.tick();
    const cycleId = (await h.state()).cycle!.cycleId;
    const [work] = await h.queue.receive(1, 60_000);
    await expect(handleWorkMessage(services, work!.message)).rejects.toThrow('the worker died');
    expect((await h.state()).cycle).toMatchObject({ pagesDone: 1 });
    // Redelivered: page 0 is done, so the message is dropped, and nothing moves the cycle on.
    expect(await handleWorkMessage(services, work!.message)).toMatchObject({ result: { outcome: 'dropped' } });
    await work!.complete();
    expect(await h.drain()).toEqual([]);

    h.advance(CYCLE_LEASE_IN_MS - 1000);
    expect((await h.tick()).resumed).toEqual([]);
    h.advance(2000);
    expect((await h.tick()).resumed).toEqual(['pull1']);
    expect((await h.state()).cycle).toMatchObject({ pagesDone: 1, resumes: 1 });
    // The import resumes as one in-process window of pages 1 and 2 (src/cycles/importWindow.ts), then the sweep.
    expect(cycleOutcomes(await h.drain())).toEqual(['1:import:advanced', '3:sweep:finished']);
    expect(await h.logged(cycleId)).toEqual(['u1:create:success', 'u2:create:success', 'u3:create:success', 'u4:create:success']);
    expect((await h.state()).lastExecution).toMatchObject({ activityIdentifier: cycleId, state: 'Succeeded', countImported: 4 });
  });

  it('starts one cycle when two schedulers tick at once', async () => {
    const h = await cycleHarness();
    h.source.put('User', 'u1', user('u1'));
    const reports = await Promise.all([h.tick(), h.tick(), h.tick()]);
    expect(reports.flatMap((r) => r.started)).toEqual(['pull1']);
    expect(reports.flatMap((r) => r.failed)).toEqual([]);
    const messages = await h.queue.receive(32, 60_000);
    expect(messages.map((m) => m.message)).toEqual([{ kind: 'cycle', jobId: 'pull1', cycleId: (await h.state()).cycle!.cycleId, page: 0 }]);
  });

  it('leaves jobs alone that have not been started, are paused, or only receive pushes', async () => {
    const h = await cycleHarness();
    await h.services.jobs.upsert(pullJob({ id: 'never-started' }));
    await h.services.jobs.upsert(pullJob({ id: 'pushed', source: { type: 'inboundApi' } }));
    await h.services.jobStates.put({ ...(await h.services.jobStates.get('pushed')).state, code: 'Active' }, '');
    const paused = await h.services.jobStates.get('pull1');
    await h.services.jobStates.put({ ...paused.state, code: 'Paused' }, paused.etag);
    expect(await h.tick()).toMatchObject({ started: [], resumed: [], failed: [] });
    expect(await h.queue.receive(32, 60_000)).toEqual([]);
    expect((await h.services.jobStates.get('never-started')).etag).toBe('');
  });
});
