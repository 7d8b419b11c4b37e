import { planCycleStart } from '../../src/cycles/planCycleStart';
import { initialJobState, type JobState } from '../../src/domain/jobState';

const now = new Date('2026-11-21T12:00:00.000Z');
/** Not the default lease: the cycle's lease is the one its deps give. */
const leaseInMs = 90_000;
const active: JobState = { ...initialJobState('j'), code: 'Active', nextRunAt: '2026-11-21T11:59:00.000Z' };

describe('planCycleStart', () => {
  it('starts an initial cycle without a watermark, indexing the target first when it can', () => {
    const next = planCycleStart(active, { cycleId: 'c1', now, indexTarget: true, leaseInMs });
    expect(next.cycle).toEqual({ cycleId: 'c1', kind: 'initial', began: now.toISOString(), pagesDone: 0, objectsRead: 0, objectsQueued: 0, objectsDeleted: 0, phase: 'targetIndex', targetIndexId: 'c1' });
    expect(next.cycleLeaseUntil).toBe(new Date(now.getTime() + leaseInMs).toISOString());
    expect(planCycleStart(active, { cycleId: 'c1', now, indexTarget: false, leaseInMs }).cycle).toMatchObject({ kind: 'initial', phase: 'import' });
    expect(planCycleStart(active, { cycleId: 'c1', now, indexTarget: false, leaseInMs }).cycle?.targetIndexId).toBeUndefined();
  });

  it('starts an incremental cycle from a watermark, never indexing', () => {
    const next = planCycleStart({ ...active, watermark: 'w' }, { cycleId: 'c2', now, indexTarget: true, leaseInMs });
    expect(next.cycle).toMatchObject({ kind: 'incremental', phase: 'import' });
    expect(next.cycle?.targetIndexId).toBeUndefined();
    expect(next.watermark).toBe('w');
  });

  it('takes over an approval of deletes from the job state', () => {
    const next = planCycleStart({ ...active, forceDeletes: true }, { cycleId: 'c3', now, indexTarget: false, leaseInMs });
    expect(next.cycle?.forceDeletes).toBe(true);
    expect(next.forceDeletes).toBeUndefined();
    expect(planCycleStart(active, { cycleId: 'c4', now, indexTarget: false, leaseInMs }).cycle?.forceDeletes).toBeUndefined();
  });
});
