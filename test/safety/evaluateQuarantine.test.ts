import { jobSettings } from '../../src/domain/jobDefinition';
import { CONNECTION_FAILURES, REFERENCE_FAILURES } from '../../src/safety/countLogEntries';
import { evaluateQuarantine, tallyCycleCounts } from '../../src/safety/evaluateQuarantine';

const settings = jobSettings.parse({});

describe('evaluateQuarantine: the worked examples of reference/entra-engine.md §8.3', () => {
  it.each([
    ['4,000 failures: under the 5,000 minimum', { 'create.failure': 4000 }, undefined],
    ['45,000 failures: more than 40,000', { 'create.failure': 45000 }, 'EncounteredBaseEscrowThreshold'],
    ['30,000 failed + 5,000 succeeded: more than 40 %', { 'update.failure': 30000, 'update.success': 5000 }, 'EncounteredEscrowProportionThreshold'],
    ['20,000 failed + 100,000 succeeded: 17 %', { 'update.failure': 20000, 'create.success': 100000 }, undefined],
    [
      '40,000 user + 21,000 manager failures = 61,000: over the 60,000 cap',
      { 'other.failure': 61000, [REFERENCE_FAILURES]: 21000, 'create.success': 1_000_000 },
      'EncounteredTotalEscrowThreshold',
    ],
  ])('%s', (_name, counts, expected) => {
    expect(evaluateQuarantine(counts, settings)).toBe(expected);
  });
});

describe('evaluateQuarantine: boundaries and reference failures', () => {
  it.each([
    ['4,999 failures, all of them', { 'create.failure': 4999 }, undefined],
    ['5,000 failures, all of them: at least the minimum, so the proportion applies', { 'create.failure': 5000 }, 'EncounteredEscrowProportionThreshold'],
    ['exactly 40 % is not more than 40 %', { 'create.failure': 8000, 'create.success': 12000 }, undefined],
    ['just over 40 %', { 'create.failure': 8001, 'create.success': 11999 }, 'EncounteredEscrowProportionThreshold'],
    ['exactly 40,000 is not more than 40,000', { 'create.failure': 40000, 'create.success': 1_000_000 }, undefined],
    ['40,001 is', { 'create.failure': 40001, 'create.success': 1_000_000 }, 'EncounteredBaseEscrowThreshold'],
    ['exactly 60,000 with references is not over the cap', { 'other.failure': 60000, [REFERENCE_FAILURES]: 30000, 'create.success': 1_000_000 }, undefined],
    // 45,000 failures, 10,000 of them references: 35,000 own failures are under 40,000.
    ['reference failures do not count towards the 40,000', { 'other.failure': 45000, [REFERENCE_FAILURES]: 10000, 'create.success': 1_000_000 }, undefined],
    // 6,000 failures of which 5,000 references, 2,000 successes: own 1,000 of 3,000 events is 33 %.
    ['reference failures are left out of the proportion', { 'update.failure': 6000, [REFERENCE_FAILURES]: 5000, 'update.success': 2000 }, undefined],
    ['skipped and staged entries are events too', { 'create.failure': 6000, 'other.skipped': 9001 }, undefined],
  ])('%s', (_name, counts, expected) => {
    expect(evaluateQuarantine(counts, settings)).toBe(expected);
  });

  it('uses the job\'s own thresholds', () => {
    const strict = jobSettings.parse({ quarantine: { minimumFailures: 10, failureProportion: 0.5, maximumFailures: 100, absoluteMaximumFailures: 200, interval: 'PT1H', disableAfter: 'P7D' } });
    expect(evaluateQuarantine({ 'create.failure': 9 }, strict)).toBeUndefined();
    expect(evaluateQuarantine({ 'create.failure': 10, 'create.success': 10 }, strict)).toBeUndefined();
    expect(evaluateQuarantine({ 'create.failure': 11, 'create.success': 10 }, strict)).toBe('EncounteredEscrowProportionThreshold');
    expect(evaluateQuarantine({ 'create.failure': 101, 'create.success': 1000 }, strict)).toBe('EncounteredBaseEscrowThreshold');
  });
});

describe('evaluateQuarantine: the target refuses the credentials or cannot be reached', () => {
  it.each([
    ['three objects failing alike, nothing succeeding', { 'other.failure': 3, [CONNECTION_FAILURES]: 3 }, 'EncounteredQuarantineException'],
    ['two are not enough', { 'other.failure': 2, [CONNECTION_FAILURES]: 2 }, undefined],
    ['they must outnumber the successes', { 'other.failure': 5, [CONNECTION_FAILURES]: 5, 'create.success': 5 }, undefined],
    ['and then they do', { 'other.failure': 6, [CONNECTION_FAILURES]: 6, 'create.success': 5, 'other.skipped': 100 }, 'EncounteredQuarantineException'],
  ])('%s', (_name, counts, expected) => {
    expect(evaluateQuarantine(counts, settings)).toBe(expected);
  });
});

describe('tallyCycleCounts', () => {
  it('keeps the extra keys out of the events and the failures', () => {
    expect(tallyCycleCounts({ 'create.success': 3, 'other.failure': 4, 'delete.success': 1, 'stagedDelete.skipped': 2, [REFERENCE_FAILURES]: 1, [CONNECTION_FAILURES]: 2 })).toEqual({
      failures: 4,
      referenceFailures: 1,
      connectionFailures: 2,
      successes: 4,
      events: 9,
    });
  });
});
