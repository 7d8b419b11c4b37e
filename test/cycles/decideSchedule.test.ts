import { decideSchedule, type ScheduleDecision } from '../../src/cycles/decideSchedule';
import { MAX_CYCLE_RESUMES } from '../../src/cycles/cycleLease';
import { initialJobState, type CycleProgress, type JobState } from '../../src/domain/jobState';
import { pullJob } from './cycleHarness';

const NOW = new Date('2026-11-21T12:00:00.000Z');
const before = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const after = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const DAY = 86_400_000;
const cycle: CycleProgress = { cycleId: 'c', kind: 'incremental', began: before(60_000), pagesDone: 2, objectsRead: 0, objectsQueued: 0, objectsDeleted: 0, phase: 'import' };
const quarantine = (seriesBegan: string) => ({ reason: 'EncounteredQuarantineException' as const, currentBegan: seriesBegan, nextAttempt: seriesBegan, seriesBegan, seriesCount: 0 });
const state = (fields: Partial<JobState>): JobState => ({ ...initialJobState('pull1'), code: 'Active', ...fields });

describe('decideSchedule', () => {
  const cases: [string, JobState, ScheduleDecision['kind'] | ScheduleDecision][] = [
    ['never started (NotRun)', state({ code: 'NotRun' }), 'idle'],
    ['paused, even when due', state({ code: 'Paused', nextRunAt: before(1) }), 'idle'],
    ['disabled', state({ code: 'Disabled' }), 'idle'],
    ['active, never run: start now', state({}), 'start'],
    ['active, due exactly now', state({ nextRunAt: NOW.toISOString() }), 'start'],
    ['active, due later', state({ nextRunAt: after(1000) }), 'idle'],
    ['quarantined and due', state({ code: 'Quarantine', quarantine: quarantine(before(DAY)), nextRunAt: before(1) }), 'start'],
    ['quarantined, not due', state({ code: 'Quarantine', quarantine: quarantine(before(DAY)), nextRunAt: after(1) }), 'idle'],
    ['quarantined for exactly 28 days', state({ code: 'Quarantine', quarantine: quarantine(before(28 * DAY)), nextRunAt: after(1) }), 'idle'],
    ['quarantined for longer than 28 days', state({ code: 'Quarantine', quarantine: quarantine(before(28 * DAY + 1)), nextRunAt: after(1) }), 'disable'],
    ['a cycle runs under its lease', state({ cycle, cycleLeaseUntil: after(1), nextRunAt: before(1) }), 'idle'],
    ['a cycle whose lease passed', state({ cycle, cycleLeaseUntil: NOW.toISOString() }), { kind: 'resume', stalled: true }],
    ['a parked cycle (no lease) of a started job', state({ cycle }), { kind: 'resume', stalled: false }],
    ['a parked cycle of a paused job', state({ code: 'Paused', cycle }), 'idle'],
    [`a cycle resumed ${MAX_CYCLE_RESUMES - 1} times`, state({ cycle: { ...cycle, resumes: MAX_CYCLE_RESUMES - 1 }, cycleLeaseUntil: before(1) }), { kind: 'resume', stalled: true }],
    [`a cycle resumed ${MAX_CYCLE_RESUMES} times`, state({ cycle: { ...cycle, resumes: MAX_CYCLE_RESUMES }, cycleLeaseUntil: before(1) }), 'abandon'],
  ];
  it.each(cases)('%s', (_name, given, expected) => {
    expect(decideSchedule(given, pullJob(), NOW)).toEqual(typeof expected === 'string' ? { kind: expected } : expected);
  });

  it('uses the job\'s own disableAfter', () => {
    const job = pullJob({ settings: { quarantine: { disableAfter: 'P1D' } } });
    expect(decideSchedule(state({ code: 'Quarantine', quarantine: quarantine(before(DAY + 1)) }), job, NOW)).toEqual({ kind: 'disable' });
  });
});
