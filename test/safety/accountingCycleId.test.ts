import { initialJobState, type JobState } from '../../src/domain/jobState';
import { accountingCycleId } from '../../src/safety/accountingCycleId';

const job = { schedule: { interval: 'PT40M', fullReadInterval: 'P1D' } };
const now = new Date('2026-11-21T10:55:00.000Z');
const idle: JobState = initialJobState('job1');
const running: JobState = {
  ...idle,
  cycle: { cycleId: 'c2', kind: 'incremental', began: '2026-11-21T10:40:00.000Z', pagesDone: 1, objectsRead: 0, objectsQueued: 0, objectsDeleted: 0, phase: 'import' },
  lastExecution: { activityIdentifier: 'c1', kind: 'initial', state: 'Succeeded', timeBegan: '', timeEnded: '', countImported: 0, countQueued: 0, countDeleted: 0 },
};

describe('accountingCycleId', () => {
  it('counts a message of the running or the last cycle in that cycle', () => {
    expect(accountingCycleId(running, { cycleId: 'c2' }, job, now)).toBe('c2');
    expect(accountingCycleId(running, { cycleId: 'c1' }, job, now)).toBe('c1');
  });

  it('counts anything else (an escrow retry, an approval, an old cycle) in the running cycle', () => {
    expect(accountingCycleId(running, { cycleId: 'upload-7' }, job, now)).toBe('c2');
  });

  it('counts pushed work in a window of the schedule interval when no cycle runs', () => {
    // 10:55 falls in the 40-minute window that began at 10:40 (windows count from the epoch).
    expect(accountingCycleId(idle, { cycleId: 'upload-7' }, job, now)).toBe('window:2026-11-21T10:40:00.000Z');
    expect(accountingCycleId(idle, { cycleId: 'upload-8' }, job, new Date('2026-11-21T11:19:59.999Z'))).toBe('window:2026-11-21T10:40:00.000Z');
    expect(accountingCycleId(idle, { cycleId: 'upload-8' }, job, new Date('2026-11-21T11:20:00.000Z'))).toBe('window:2026-11-21T11:20:00.000Z');
  });
});
