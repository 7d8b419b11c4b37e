import { NotFoundError, TransientError } from '../../src/domain/errors';
import type { JobState } from '../../src/domain/jobState';
import type { JobControlDeps } from '../../src/jobs/jobControlDeps';
import { pauseJob } from '../../src/jobs/pauseJob';
import { restartJob } from '../../src/jobs/restartJob';
import { startJob } from '../../src/jobs/startJob';
import type { JobStateStore, VersionedJobState } from '../../src/state/jobStateStore';
import { testJob } from '../support/jobFixtures';
import { MemoryJobStateStore } from '../support/fakes/memoryJobStateStore';
import { MemoryJobStore } from '../support/fakes/memoryJobStore';

const NOW = new Date('2026-11-22T10:00:00.000Z');

function setup() {
  const jobs = new MemoryJobStore();
  jobs.jobs.set('job1', testJob());
  const jobStates = new MemoryJobStateStore();
  const calls: string[] = [];
  const deps: JobControlDeps = {
    jobs,
    jobStates,
    now: () => NOW,
    clearLinks: async (jobId) => {
      calls.push(`clearLinks ${jobId} (state code ${(await jobStates.get(jobId)).state.code})`);
    },
    releaseStagedDeletes: async (jobId) => {
      calls.push(`release ${jobId} (forceDeletes ${String((await jobStates.get(jobId)).state.forceDeletes)})`);
    },
  };
  return { deps, jobStates, calls };
}

async function seed(store: JobStateStore, state: JobState): Promise<void> {
  const current = await store.get(state.jobId);
  expect(await store.put(state, current.etag)).not.toBe('conflict');
}

const quarantined: JobState = {
  jobId: 'job1',
  code: 'Quarantine',
  watermark: 'w1',
  cycle: { cycleId: 'c1', kind: 'incremental', began: '2026-11-22T09:00:00.000Z', cursor: 'p2', pagesDone: 2, objectsRead: 200, objectsQueued: 5, objectsDeleted: 0, phase: 'import' },
  countSuccessiveCompleteFailures: 3,
  quarantine: { reason: 'TooManyDeletes', currentBegan: '2026-11-21T00:00:00.000Z', nextAttempt: '2026-11-23T00:00:00.000Z', seriesBegan: '2026-11-21T00:00:00.000Z', seriesCount: 1 },
  escrowEpoch: 2,
};

describe('start, pause, restart (use cases on the in-memory state store)', () => {
  it('start on a never-run job writes an Active state that runs now', async () => {
    const { deps, jobStates } = setup();
    await startJob(deps, 'job1');
    expect((await jobStates.get('job1')).state).toEqual({ jobId: 'job1', code: 'Active', nextRunAt: NOW.toISOString(), countSuccessiveCompleteFailures: 0, escrowEpoch: 0 });
  });

  it('start lifts quarantine and keeps the watermark and the paused cycle (Graph: continues from where it was paused)', async () => {
    const { deps, jobStates } = setup();
    await seed(jobStates, { ...quarantined, code: 'Paused' });
    await startJob(deps, 'job1');
    const { state } = await jobStates.get('job1');
    expect(state.code).toBe('Active');
    expect(state.quarantine).toBeUndefined();
    expect(state.watermark).toBe('w1');
    expect(state.cycle).toEqual(quarantined.cycle);
    expect(state.nextRunAt).toBe(NOW.toISOString());
  });

  it('pause changes only the code', async () => {
    const { deps, jobStates } = setup();
    await seed(jobStates, quarantined);
    await pauseJob(deps, 'job1');
    expect((await jobStates.get('job1')).state).toEqual({ ...quarantined, code: 'Paused' });
  });

  it('restart Full,ForceDeletes clears links before the state write and releases held deletes after it', async () => {
    const { deps, jobStates, calls } = setup();
    await seed(jobStates, quarantined);
    await restartJob(deps, 'job1', { resetScope: new Set(['Watermark', 'Escrows', 'QuarantineState', 'ConnectorDataStore', 'ForceDeletes']) });
    expect(calls).toEqual(['clearLinks job1 (state code Quarantine)', 'release job1 (forceDeletes true)']);
    expect((await jobStates.get('job1')).state).toEqual({ jobId: 'job1', code: 'Active', nextRunAt: NOW.toISOString(), countSuccessiveCompleteFailures: 3, escrowEpoch: 3, forceDeletes: true });
  });

  it('a default restart neither clears links nor releases deletes', async () => {
    const { deps, calls } = setup();
    await restartJob(deps, 'job1', { resetScope: new Set(['Watermark', 'Escrows', 'QuarantineState']) });
    expect(calls).toEqual([]);
  });

  it('every operation answers NotFoundError for an unknown job and writes nothing', async () => {
    const { deps, jobStates, calls } = setup();
    await expect(startJob(deps, 'nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(pauseJob(deps, 'nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(restartJob(deps, 'nope', { resetScope: new Set(['ConnectorDataStore', 'ForceDeletes']) })).rejects.toBeInstanceOf(NotFoundError);
    expect((await jobStates.get('nope')).etag).toBe('');
    expect(calls).toEqual([]);
  });

  it('re-applies the change to the newer state when another writer got in first (no lost update)', async () => {
    const { deps, jobStates } = setup();
    const { quarantine: _none, ...active } = quarantined;
    await seed(jobStates, { ...active, code: 'Active' });
    // A cycle page writes progress between the restart's read and its write.
    let raced = false;
    const racing: JobStateStore = {
      get: (jobId) => jobStates.get(jobId),
      delete: (jobId) => jobStates.delete(jobId),
      put: async (state, etag) => {
        if (!raced) {
          raced = true;
          const current = await jobStates.get(state.jobId);
          await jobStates.put({ ...current.state, countSuccessiveCompleteFailures: 9 }, current.etag);
        }
        return jobStates.put(state, etag);
      },
    };
    await restartJob({ ...deps, jobStates: racing }, 'job1', { resetScope: new Set(['Escrows']) });
    const { state } = await jobStates.get('job1');
    expect(state.countSuccessiveCompleteFailures).toBe(9);
    expect(state.escrowEpoch).toBe(3);
  });

  it('gives up with a TransientError (503, safe to retry) when the row never stops changing', async () => {
    const { deps } = setup();
    const alwaysConflicting: JobStateStore = {
      get: async (jobId): Promise<VersionedJobState> => ({ state: { jobId, code: 'Active', countSuccessiveCompleteFailures: 0, escrowEpoch: 0 }, etag: 'x' }),
      put: async () => 'conflict',
      delete: async () => {},
    };
    await expect(startJob({ ...deps, jobStates: alwaysConflicting }, 'job1')).rejects.toBeInstanceOf(TransientError);
  });
});
