import type { JobState, QuarantineState } from '../../src/domain/jobState';
import type { ResetScopeFlag } from '../../src/jobs/parseRestartCriteria';
import { restartedJobState } from '../../src/jobs/restartedJobState';

const NOW = '2026-11-22T10:00:00.000Z';

function quarantine(reason: QuarantineState['reason']): QuarantineState {
  return { reason, currentBegan: '2026-11-20T00:00:00.000Z', nextAttempt: '2026-11-23T00:00:00.000Z', seriesBegan: '2026-11-19T00:00:00.000Z', seriesCount: 2 };
}

/** A job in the middle of things: watermark, a running cycle, an escrow epoch, quarantined. */
function busy(reason: QuarantineState['reason'] = 'EncounteredQuarantineException'): JobState {
  return {
    jobId: 'j',
    code: 'Quarantine',
    watermark: 'w-41',
    nextRunAt: '2026-11-23T00:00:00.000Z',
    cycle: { cycleId: 'c1', kind: 'incremental', began: '2026-11-22T09:00:00.000Z', cursor: 'p3', pagesDone: 3, objectsRead: 300, objectsQueued: 20, objectsDeleted: 0, phase: 'import' },
    cycleLeaseUntil: '2026-11-22T10:05:00.000Z',
    countSuccessiveCompleteFailures: 4,
    quarantine: quarantine(reason),
    escrowEpoch: 7,
  };
}

const run = (state: JobState, ...flags: ResetScopeFlag[]) => restartedJobState(state, new Set(flags), NOW);

describe('restartedJobState (reference §5.6)', () => {
  it('default restart (Watermark, Escrows, QuarantineState): initial cycle now, escrows dropped, quarantine lifted, running cycle dropped', () => {
    const after = run(busy(), 'Watermark', 'Escrows', 'QuarantineState');
    expect(after).toEqual({ jobId: 'j', code: 'Active', nextRunAt: NOW, countSuccessiveCompleteFailures: 4, escrowEpoch: 8 });
  });

  it('Watermark alone keeps the escrow epoch and the quarantine, which now tries again at once', () => {
    const after = run(busy(), 'Watermark');
    expect(after.watermark).toBeUndefined();
    expect(after.cycle).toBeUndefined();
    expect(after.cycleLeaseUntil).toBeUndefined();
    expect(after.escrowEpoch).toBe(7);
    expect(after.code).toBe('Quarantine');
    expect(after.quarantine).toEqual({ ...quarantine('EncounteredQuarantineException'), nextAttempt: NOW });
    expect(after.nextRunAt).toBe(NOW);
  });

  it('Escrows alone keeps the watermark and the running cycle', () => {
    const before = busy();
    const after = run(before, 'Escrows');
    expect(after.escrowEpoch).toBe(8);
    expect(after.watermark).toBe('w-41');
    expect(after.cycle).toEqual(before.cycle);
    expect(after.cycleLeaseUntil).toBe(before.cycleLeaseUntil);
  });

  it('QuarantineState alone lifts the quarantine and activates the job', () => {
    const after = run(busy(), 'QuarantineState');
    expect(after.quarantine).toBeUndefined();
    expect(after.code).toBe('Active');
    expect(after.watermark).toBe('w-41');
  });

  it('ForceDeletes approves held deletes and lifts a TooManyDeletes quarantine', () => {
    const after = run(busy('TooManyDeletes'), 'ForceDeletes');
    expect(after.forceDeletes).toBe(true);
    expect(after.quarantine).toBeUndefined();
    expect(after.code).toBe('Active');
    expect(after.watermark).toBe('w-41');
  });

  it('ForceDeletes leaves a quarantine for another reason in place', () => {
    const after = run(busy('EncounteredEscrowProportionThreshold'), 'ForceDeletes');
    expect(after.forceDeletes).toBe(true);
    expect(after.code).toBe('Quarantine');
    expect(after.quarantine?.reason).toBe('EncounteredEscrowProportionThreshold');
  });

  it('ConnectorDataStore alone changes no state field but the run time (links are in the staging store)', () => {
    const before = busy();
    expect(run(before, 'ConnectorDataStore')).toEqual({ ...before, nextRunAt: NOW, quarantine: { ...before.quarantine, nextAttempt: NOW } });
  });

  it('a paused job without quarantine becomes Active', () => {
    const paused: JobState = { jobId: 'j', code: 'Paused', watermark: 'w', countSuccessiveCompleteFailures: 0, escrowEpoch: 0 };
    expect(run(paused, 'Escrows')).toEqual({ ...paused, code: 'Active', nextRunAt: NOW, escrowEpoch: 1 });
  });

  it('does not change the state it is given', () => {
    const before = busy();
    const copy = structuredClone(before);
    run(before, 'Watermark', 'Escrows', 'QuarantineState', 'ForceDeletes');
    expect(before).toEqual(copy);
  });
});
