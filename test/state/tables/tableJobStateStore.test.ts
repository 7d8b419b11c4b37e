import { PermanentError } from '../../../src/domain/errors';
import { initialJobState, type JobState } from '../../../src/domain/jobState';
import type { JobStateStore, VersionedJobState } from '../../../src/state/jobStateStore';
import { TableClientFactory } from '../../../src/state/tables/tableClientFactory';
import { TableJobStateStore } from '../../../src/state/tables/tableJobStateStore';
import { MemoryJobStateStore } from '../../support/fakes/memoryJobStateStore';
import { testStorageConnection, uniqueName } from '../../support/names';

const running: JobState = {
  jobId: 'hr',
  code: 'Quarantine',
  watermark: 'w-1',
  nextRunAt: '2026-11-21T12:40:00.000Z',
  cycle: { cycleId: 'c2', kind: 'incremental', began: '2026-11-21T12:00:00.000Z', cursor: 'p3', pagesDone: 3, objectsRead: 300, objectsQueued: 12, objectsDeleted: 1, phase: 'import', nextWatermark: 'w-2', forceDeletes: true, resumes: 1 },
  cycleLeaseUntil: '2026-11-21T12:10:00.000Z',
  lastExecution: { activityIdentifier: 'c1', kind: 'initial', state: 'Failed', timeBegan: '2026-11-21T11:00:00.000Z', timeEnded: '2026-11-21T11:05:00.000Z', countImported: 5, countQueued: 5, countDeleted: 0, error: { code: 'E', message: 'no' } },
  lastSuccessfulExecution: { activityIdentifier: 'c0', kind: 'initial', state: 'Succeeded', timeBegan: '2026-11-20T11:00:00.000Z', timeEnded: '2026-11-20T11:05:00.000Z', countImported: 5, countQueued: 5, countDeleted: 0 },
  countSuccessiveCompleteFailures: 1,
  quarantine: { reason: 'EncounteredQuarantineException', currentBegan: '2026-11-21T11:05:00.000Z', nextAttempt: '2026-11-22T11:05:00.000Z', seriesBegan: '2026-11-21T11:05:00.000Z', seriesCount: 0, error: { code: 'E', message: 'no' }, cycleId: 'c1' },
  forceDeletes: true,
  escrowEpoch: 4,
};

/** The conditional-write contract, run against the Table adapter and the in-memory fake that use-case tests rely on. */
describe.each([
  ['TableJobStateStore (Azurite)', async (): Promise<JobStateStore> => new TableJobStateStore(await new TableClientFactory({ connectionString: testStorageConnection(), tablePrefix: uniqueName('t') }).getTableClient('JobStates'))],
  ['MemoryJobStateStore', async (): Promise<JobStateStore> => new MemoryJobStateStore()],
])('%s', (_name, create) => {
  let store: JobStateStore;
  beforeEach(async () => {
    store = await create();
  });

  it('reads a job without a row as a fresh NotRun state with etag ""', async () => {
    expect(await store.get('never')).toEqual({ state: initialJobState('never'), etag: '' });
  });

  it('round-trips every field, and drops the fields a later write leaves out', async () => {
    const created = await store.put(running, '');
    expect(created).not.toBe('conflict');
    const read = await store.get('hr');
    expect(read.state).toEqual(running);
    expect(read.etag).toBe((created as VersionedJobState).etag);
    const { cycle: _c, cycleLeaseUntil: _l, quarantine: _q, forceDeletes: _f, ...finished } = running;
    const written = await store.put({ ...finished, code: 'Active' }, read.etag);
    expect(written).not.toBe('conflict');
    expect((await store.get('hr')).state).toEqual({ ...finished, code: 'Active' });
  });

  it('creates only if absent: of two creators racing, one wins', async () => {
    const results = await Promise.all([store.put({ ...initialJobState('race'), code: 'Active' }, ''), store.put({ ...initialJobState('race'), code: 'Paused' }, '')]);
    expect(results.filter((r) => r === 'conflict')).toHaveLength(1);
    const winner = results.find((r): r is VersionedJobState => r !== 'conflict');
    expect((await store.get('race')).state.code).toBe(winner?.state.code);
  });

  it('writes only at the etag read: a stale etag is a conflict and writes nothing', async () => {
    const first = await store.put(initialJobState('cas'), '');
    if (first === 'conflict') throw new Error('unexpected conflict');
    const second = await store.put({ ...first.state, code: 'Active' }, first.etag);
    if (second === 'conflict') throw new Error('unexpected conflict');
    expect(await store.put({ ...first.state, code: 'Paused' }, first.etag)).toBe('conflict');
    expect((await store.get('cas')).state.code).toBe('Active');
    expect(await store.put({ ...second.state, code: 'Paused' }, second.etag)).not.toBe('conflict');
  });

  it('deletes, after which the job reads as new and a write at the old etag conflicts', async () => {
    const first = await store.put(running, '');
    if (first === 'conflict') throw new Error('unexpected conflict');
    await store.delete('hr');
    await store.delete('hr'); // already gone: fine
    expect(await store.get('hr')).toEqual({ state: initialJobState('hr'), etag: '' });
    expect(await store.put(running, first.etag)).toBe('conflict');
  });

  it('keeps apart jobs whose ids differ only by characters that keys escape', async () => {
    for (const jobId of ['a.b', 'a-b', 'A.b']) await store.put({ ...initialJobState(jobId), watermark: jobId }, '');
    for (const jobId of ['a.b', 'a-b', 'A.b']) expect((await store.get(jobId)).state.watermark).toBe(jobId);
  });
});

describe('TableJobStateStore (Azurite) specifics', () => {
  let store: TableJobStateStore;
  beforeAll(async () => {
    store = new TableJobStateStore(await new TableClientFactory({ connectionString: testStorageConnection(), tablePrefix: uniqueName('t') }).getTableClient('JobStates'));
  });

  it('keeps fields it does not know, so that a newer version\'s state survives this one\'s writes', async () => {
    const newer = { ...running, jobId: 'newer', escrowsPruned: true, cycle: { ...running.cycle!, futureField: 7 } };
    await store.put(newer, '');
    expect((await store.get('newer')).state).toEqual(newer);
  });

  it('refuses a state too large for a row, with an error that says so', async () => {
    const huge = { ...initialJobState('huge'), watermark: 'w'.repeat(40_000) };
    await expect(store.put(huge, '')).rejects.toThrow(PermanentError);
    await expect(store.put(huge, '')).rejects.toThrow(/watermark|characters/);
  });
});
