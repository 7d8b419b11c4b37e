import { initialJobState } from '../../src/domain/jobState';
import { safetyHarness } from './support/safetyHarness';

describe('cycle counters written by the reconcile handler', () => {
  async function inCycleC1() {
    const h = await safetyHarness();
    await h.services.jobStates.put({ ...initialJobState(h.job.id), code: 'Active', cycle: { cycleId: 'c1', kind: 'initial', began: '2026-11-21T10:00:00.000Z', pagesDone: 1, objectsRead: 3, objectsQueued: 3, objectsDeleted: 0, phase: 'import' } }, '');
    for (const key of ['1', '2', '3']) await h.stage(key);
    return h;
  }

  it('count each message once: a redelivery replaces its counts instead of adding to them', async () => {
    const h = await inCycleC1();
    const message = h.message(['1', '2', '3']);
    await h.handle(message);
    expect(await h.services.cycleCounters.sum(h.job.id, 'c1')).toEqual({ 'create.success': 3 });
    // The queue delivers the same message again (the first handler's completion was lost): the objects are in
    // sync now, and the message still counts three reconciles, not six.
    await h.handle({ ...message, sourceKeys: ['3', '2', '1'] });
    expect(await h.services.cycleCounters.sum(h.job.id, 'c1')).toEqual({ 'other.skipped': 3 });
    // Other work (a new message for the same objects, here a fast retry) counts on its own.
    await h.handle(h.message(['1'], { attempt: 2 }));
    expect(await h.services.cycleCounters.sum(h.job.id, 'c1')).toEqual({ 'other.skipped': 4 });
  });

  it('counts in the job\'s window when the message belongs to no cycle (a bulk upload)', async () => {
    const h = await safetyHarness({});
    await h.stage('1');
    await h.handle(h.message(['1'], { cycleId: 'upload-1' }));
    // testJob runs every 40 minutes; windows count from the Unix epoch, and one begins at 10:00 that day.
    expect(await h.services.cycleCounters.sum(h.job.id, 'window:2026-11-21T10:00:00.000Z')).toEqual({ 'create.success': 1 });
    expect(await h.services.cycleCounters.sum(h.job.id, 'upload-1')).toEqual({});
  });
});
