import { finishCycle } from '../../src/cycles/finishCycle';
import { planCycleStart, type CycleStartOptions } from '../../src/cycles/planCycleStart';
import type { CycleProgress, JobState } from '../../src/domain/jobState';
import { initialJobState } from '../../src/domain/jobState';
import { pullJob } from './cycleHarness';

const now = new Date('2026-11-21T12:00:00.000Z');
const HOUR = 3_600_000;
const at = (msBeforeNow: number): string => new Date(now.getTime() - msBeforeNow).toISOString();
/** A job that has run cycles: a watermark, so the next cycle is incremental. */
const running: JobState = { ...initialJobState('j'), code: 'Active', watermark: 'w', lastFullReadAt: at(2 * HOUR) };
const options = (overrides: Partial<CycleStartOptions> = {}): CycleStartOptions => ({ cycleId: 'c', now, indexTarget: false, leaseInMs: 60_000, fullReadInterval: 'P1D', ...overrides });

describe('planCycleStart: periodic full reads', () => {
  it('keeps an incremental cycle a read of changes while the last full read is younger than fullReadInterval', () => {
    const cycle = planCycleStart(running, options()).cycle;
    expect(cycle).toMatchObject({ kind: 'incremental', phase: 'import' });
    expect(cycle?.fullRead).toBeUndefined();
    expect(planCycleStart({ ...running, lastFullReadAt: at(24 * HOUR - 1) }, options()).cycle?.fullRead).toBeUndefined();
  });

  it('makes the incremental cycle a full read once fullReadInterval has passed, exactly at the interval too', () => {
    expect(planCycleStart({ ...running, lastFullReadAt: at(24 * HOUR) }, options()).cycle).toMatchObject({ kind: 'incremental', fullRead: true, phase: 'import' });
    expect(planCycleStart({ ...running, lastFullReadAt: at(30 * HOUR) }, options()).cycle?.fullRead).toBe(true);
    expect(planCycleStart(running, options({ fullReadInterval: 'PT1H' })).cycle?.fullRead).toBe(true);
    expect(planCycleStart(running, options({ fullReadInterval: 'PT3H' })).cycle?.fullRead).toBeUndefined();
  });

  it('reads in full when no full read is recorded (a state stored before lastFullReadAt existed)', () => {
    const { lastFullReadAt: _none, ...stored } = running;
    expect(planCycleStart(stored, options()).cycle?.fullRead).toBe(true);
  });

  it('never schedules one for a source whose changes carry tombstones (no fullReadInterval given)', () => {
    const { lastFullReadAt: _none, ...stored } = running;
    expect(planCycleStart(stored, options({ fullReadInterval: undefined })).cycle?.fullRead).toBeUndefined();
    expect(planCycleStart({ ...running, lastFullReadAt: at(1000 * HOUR) }, options({ fullReadInterval: undefined })).cycle?.fullRead).toBeUndefined();
  });

  it('leaves initial cycles as they are: they read in full anyway and re-evaluate everything', () => {
    const { watermark: _none, lastFullReadAt: _old, ...restarted } = running;
    const cycle = planCycleStart(restarted, options({ indexTarget: true })).cycle;
    expect(cycle).toMatchObject({ kind: 'initial', phase: 'targetIndex' });
    expect(cycle?.fullRead).toBeUndefined();
  });
});

describe('finishCycle: lastFullReadAt', () => {
  const job = pullJob();
  const began = at(HOUR);
  const cycle = (overrides: Partial<CycleProgress>): CycleProgress => ({ cycleId: 'c', kind: 'incremental', began, pagesDone: 3, objectsRead: 5, objectsQueued: 1, objectsDeleted: 0, phase: 'import', ...overrides });

  it('records the start of a cycle that read in full and swept', () => {
    expect(finishCycle({ ...running, cycle: cycle({ kind: 'initial', phase: 'sweep' }) }, job, now, undefined).lastFullReadAt).toBe(began);
    expect(finishCycle({ ...running, cycle: cycle({ fullRead: true, phase: 'sweep' }) }, job, now, undefined).lastFullReadAt).toBe(began);
    // A source that answered a read of changes with a full read (it cannot filter) also swept.
    expect(finishCycle({ ...running, cycle: cycle({ phase: 'sweep' }) }, job, now, undefined).lastFullReadAt).toBe(began);
  });

  it('keeps the last full read after a read of changes, which found no deletions', () => {
    const finished = finishCycle({ ...running, cycle: cycle({ phase: 'import' }) }, job, now, 'w2');
    expect(finished.lastFullReadAt).toBe(running.lastFullReadAt);
    expect(finished.watermark).toBe('w2');
    expect(finished.cycle).toBeUndefined();
  });
});
