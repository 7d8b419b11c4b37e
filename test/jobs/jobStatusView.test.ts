import { initialJobState, type CycleExecution, type JobState } from '../../src/domain/jobState';
import { countsCycleIdOf, jobStatusView } from '../../src/jobs/jobStatusView';

const AT = '2026-11-22T10:00:00.000Z';

const last: CycleExecution = {
  activityIdentifier: 'c0',
  kind: 'initial',
  state: 'Failed',
  timeBegan: '2026-11-22T08:00:00.000Z',
  timeEnded: '2026-11-22T08:20:00.000Z',
  countImported: 1000,
  countQueued: 990,
  countDeleted: 0,
  error: { code: 'SystemForCrossDomainIdentityManagementUnauthorized', message: 'The target refused the token' },
};

describe('jobStatusView (Graph synchronizationStatus, reference §12.3)', () => {
  it('a job that never ran: NotRun, nothing to show, the next cycle is initial', () => {
    const state = initialJobState('j');
    expect(countsCycleIdOf(state)).toBeUndefined();
    expect(jobStatusView(state, undefined, AT)).toEqual({
      code: 'NotRun',
      countSuccessiveCompleteFailures: 0,
      lastExecution: null,
      lastSuccessfulExecution: null,
      quarantine: null,
      progress: [],
      cycle: null,
      nextRunAt: null,
      nextCycleKind: 'initial',
      lastFullReadAt: null,
      forceDeletesPending: false,
      counts: null,
    });
  });

  it('a running cycle: progress in pages and objects, its counts, the last execution, the quarantine', () => {
    const state: JobState = {
      jobId: 'j',
      code: 'Quarantine',
      watermark: 'w',
      lastFullReadAt: '2026-11-21T09:59:00.000Z',
      nextRunAt: '2026-11-23T08:20:00.000Z',
      cycle: { cycleId: 'c1', kind: 'incremental', began: '2026-11-22T09:59:00.000Z', cursor: 'opaque', pagesDone: 4, objectsRead: 400, objectsQueued: 12, objectsDeleted: 1, phase: 'sweep', targetIndexId: 'ti', fullRead: true },
      cycleLeaseUntil: '2026-11-22T10:04:00.000Z',
      lastExecution: last,
      countSuccessiveCompleteFailures: 1,
      quarantine: { reason: 'EncounteredQuarantineException', currentBegan: '2026-11-22T08:20:00.000Z', nextAttempt: '2026-11-23T08:20:00.000Z', seriesBegan: '2026-11-22T08:20:00.000Z', seriesCount: 1, error: { code: 'Unauthorized', message: 'The target refused the token' }, cycleId: 'c0' },
      forceDeletes: true,
      escrowEpoch: 3,
    };
    expect(countsCycleIdOf(state)).toBe('c1');
    const view = jobStatusView(state, { 'create.success': 10, 'update.failure': 2 }, AT);
    expect(view).toEqual({
      code: 'Quarantine',
      countSuccessiveCompleteFailures: 1,
      lastExecution: { ...last, error: { ...last.error } },
      lastSuccessfulExecution: null,
      quarantine: { reason: 'EncounteredQuarantineException', currentBegan: '2026-11-22T08:20:00.000Z', nextAttempt: '2026-11-23T08:20:00.000Z', seriesBegan: '2026-11-22T08:20:00.000Z', seriesCount: 1, error: { code: 'Unauthorized', message: 'The target refused the token' } },
      progress: [
        { units: 'pages', completedUnits: 4, totalUnits: null, progressObservationDateTime: AT },
        { units: 'objects', completedUnits: 400, totalUnits: null, progressObservationDateTime: AT },
      ],
      cycle: { activityIdentifier: 'c1', kind: 'incremental', phase: 'sweep', began: '2026-11-22T09:59:00.000Z', pagesDone: 4, objectsRead: 400, objectsQueued: 12, objectsDeleted: 1, fullRead: true, leaseUntil: '2026-11-22T10:04:00.000Z' },
      nextRunAt: '2026-11-23T08:20:00.000Z',
      nextCycleKind: 'incremental',
      lastFullReadAt: '2026-11-21T09:59:00.000Z',
      forceDeletesPending: true,
      counts: { activityIdentifier: 'c1', byActionAndStatus: { 'create.success': 10, 'update.failure': 2 } },
    });
    // Internal fields (cursor, target index, escrow epoch) stay internal.
    expect(JSON.stringify(view)).not.toMatch(/opaque|"ti"|escrowEpoch/);
  });

  it('between cycles the counts are those of the last cycle', () => {
    const state: JobState = { ...initialJobState('j'), code: 'Active', watermark: 'w', lastExecution: { ...last, state: 'Succeeded', error: undefined }, lastSuccessfulExecution: { ...last, state: 'Succeeded' } };
    expect(countsCycleIdOf(state)).toBe('c0');
    const view = jobStatusView(state, { 'other.skipped': 990 }, AT);
    expect(view.counts).toEqual({ activityIdentifier: 'c0', byActionAndStatus: { 'other.skipped': 990 } });
    expect(view.lastExecution?.error).toBeNull();
    expect(view.lastSuccessfulExecution?.activityIdentifier).toBe('c0');
    expect(view.progress).toEqual([]);
  });
});
