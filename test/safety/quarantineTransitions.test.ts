import { jobSettings } from '../../src/domain/jobDefinition';
import { initialJobState, type JobState } from '../../src/domain/jobState';
import { applyCycleOutcome } from '../../src/safety/applyCycleOutcome';
import { CONNECTION_FAILURES } from '../../src/safety/countLogEntries';
import { enterQuarantine } from '../../src/safety/enterQuarantine';
import { leaveQuarantine } from '../../src/safety/leaveQuarantine';

const settings = jobSettings.parse({});
const HOUR = 3_600_000;
const t0 = new Date('2026-11-01T00:00:00.000Z');
const at = (hours: number): Date => new Date(t0.getTime() + hours * HOUR);
const active: JobState = { ...initialJobState('job1'), code: 'Active', nextRunAt: t0.toISOString() };

describe('enterQuarantine (synchronizationQuarantine, reference/entra-engine.md §8, §12.3)', () => {
  it('begins a series: now, next attempt after the quarantine interval (a day), seriesCount 0', () => {
    const error = { code: 'E', message: 'why' };
    const state = enterQuarantine(active, { reason: 'EncounteredEscrowProportionThreshold', error, cycleId: 'c1' }, t0, settings);
    expect(state.code).toBe('Quarantine');
    expect(state.nextRunAt).toBe(at(24).toISOString());
    expect(state.quarantine).toEqual({
      reason: 'EncounteredEscrowProportionThreshold',
      currentBegan: t0.toISOString(),
      nextAttempt: at(24).toISOString(),
      seriesBegan: t0.toISOString(),
      seriesCount: 0,
      error,
      cycleId: 'c1',
    });
  });

  it('continues the series when re-imposed: currentBegan moves, seriesBegan stays, seriesCount counts, the reason may change', () => {
    const first = enterQuarantine(active, { reason: 'EncounteredEscrowProportionThreshold' }, t0, settings);
    const second = enterQuarantine(first, { reason: 'EncounteredQuarantineException' }, at(24), settings);
    expect(second.quarantine).toEqual({ reason: 'EncounteredQuarantineException', currentBegan: at(24).toISOString(), nextAttempt: at(48).toISOString(), seriesBegan: t0.toISOString(), seriesCount: 1 });
  });

  it('disables the job once the series is longer than disableAfter (four weeks), keeping the quarantine to read', () => {
    let state = enterQuarantine(active, { reason: 'TooManyDeletes' }, t0, settings);
    state = enterQuarantine(state, { reason: 'TooManyDeletes' }, at(28 * 24), settings);
    expect(state.code).toBe('Quarantine');
    state = enterQuarantine(state, { reason: 'TooManyDeletes' }, at(28 * 24 + 1), settings);
    expect(state.code).toBe('Disabled');
    expect(state.nextRunAt).toBeUndefined();
    expect(state.quarantine).toMatchObject({ reason: 'TooManyDeletes', seriesCount: 2, seriesBegan: t0.toISOString() });
  });

  it('leaves a paused job paused', () => {
    expect(enterQuarantine({ ...active, code: 'Paused' }, { reason: 'TooManyDeletes' }, t0, settings).code).toBe('Paused');
  });
});

describe('leaveQuarantine', () => {
  it('ends the series and makes a quarantined job Active again', () => {
    const quarantined = enterQuarantine(active, { reason: 'EncounteredQuarantineException' }, t0, settings);
    const left = leaveQuarantine(quarantined);
    expect(left.quarantine).toBeUndefined();
    expect(left.code).toBe('Active');
    // A later quarantine starts a new series.
    expect(enterQuarantine(left, { reason: 'EncounteredQuarantineException' }, at(48), settings).quarantine).toMatchObject({ seriesBegan: at(48).toISOString(), seriesCount: 0 });
  });

  it('changes nothing when there is no quarantine', () => {
    expect(leaveQuarantine(active)).toBe(active);
  });
});

describe('applyCycleOutcome', () => {
  const failing = { 'create.failure': 30000, 'create.success': 5000 };
  const healthy = { 'create.success': 100, 'other.failure': 2 };

  it('quarantines after a failing cycle, and says why', () => {
    const state = applyCycleOutcome(active, 'c1', failing, settings, t0);
    expect(state.code).toBe('Quarantine');
    expect(state.quarantine).toMatchObject({ reason: 'EncounteredEscrowProportionThreshold', cycleId: 'c1', nextAttempt: at(24).toISOString() });
    expect(state.quarantine?.error?.message).toContain('30000 of 35000 reconciles failed');
  });

  it('judges each cycle once: the scheduler waking at nextAttempt changes nothing, the next cycle is judged in its turn', () => {
    const q = applyCycleOutcome(active, 'c1', failing, settings, t0);
    expect(applyCycleOutcome(q, 'c1', failing, settings, at(24))).toBe(q);
    const again = applyCycleOutcome(q, 'c2', failing, settings, at(25));
    expect(again.quarantine).toMatchObject({ cycleId: 'c2', seriesCount: 1, seriesBegan: t0.toISOString(), nextAttempt: at(49).toISOString() });
    const healed = applyCycleOutcome(again, 'c3', healthy, settings, at(50));
    expect(healed.quarantine).toBeUndefined();
    expect(healed.code).toBe('Active');
  });

  it('quarantines for connection failures without waiting for 5,000', () => {
    expect(applyCycleOutcome(active, 'c1', { 'other.failure': 4, [CONNECTION_FAILURES]: 4 }, settings, t0).quarantine?.reason).toBe('EncounteredQuarantineException');
  });

  it('never lifts TooManyDeletes: it waits for an operator, and ages towards Disabled', () => {
    const held = enterQuarantine(active, { reason: 'TooManyDeletes', cycleId: 'c1', error: { code: 'TooManyDeletes', message: 'held' } }, t0, settings);
    const next = applyCycleOutcome(held, 'c2', healthy, settings, at(24));
    expect(next.quarantine).toMatchObject({ reason: 'TooManyDeletes', cycleId: 'c2', seriesCount: 1, error: { message: 'held' } });
    expect(applyCycleOutcome(next, 'c3', failing, settings, at(48)).quarantine?.reason).toBe('TooManyDeletes');
  });

  it('leaves a healthy job as it was', () => {
    expect(applyCycleOutcome(active, 'c1', healthy, settings, t0)).toBe(active);
  });
});
