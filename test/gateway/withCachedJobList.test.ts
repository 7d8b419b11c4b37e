import type { JobDefinition } from '../../src/domain/jobDefinition';
import { TransientError } from '../../src/domain/errors';
import { withCachedJobList } from '../../src/gateway/withCachedJobList';
import { MemoryJobStore } from '../support/fakes/memoryJobStore';
import { directoryJob, testJob } from '../support/jobFixtures';

function setup(ttlMs = 1_000) {
  const inner = new MemoryJobStore();
  let clock = 0;
  const jobs = withCachedJobList(inner, { ttlMs, nowMs: () => clock });
  return { inner, jobs, advance: (ms: number) => void (clock += ms) };
}

const ids = (jobs: readonly JobDefinition[]) => jobs.map((j) => j.id).sort();

describe('withCachedJobList', () => {
  it('answers list() from memory within the TTL and queries again after it', async () => {
    const { inner, jobs, advance } = setup(1_000);
    inner.jobs.set('a', testJob({ id: 'a' }));
    expect(ids(await jobs.list())).toEqual(['a']);
    inner.jobs.set('b', testJob({ id: 'b' })); // saved by another instance: not seen until the TTL ends
    advance(999);
    expect(ids(await jobs.list())).toEqual(['a']);
    expect(inner.listCalls).toBe(1);
    advance(1);
    expect(ids(await jobs.list())).toEqual(['a', 'b']);
    expect(inner.listCalls).toBe(2);
  });

  it('lists a job saved through it at once, and reads get() through', async () => {
    const { inner, jobs } = setup(60_000);
    expect(await jobs.list()).toEqual([]);
    expect(await jobs.upsert(directoryJob(undefined, 'dir1'))).toBe(true);
    expect(ids(await jobs.list())).toEqual(['dir1']);
    inner.jobs.delete('dir1');
    expect(await jobs.get('dir1')).toBeUndefined();
    expect(inner.listCalls).toBe(2);
  });

  it('shares one query among concurrent callers, and gives each its own array', async () => {
    const { inner, jobs } = setup();
    inner.jobs.set('a', testJob({ id: 'a' }));
    const [first, second] = await Promise.all([jobs.list(), jobs.list()]);
    expect(inner.listCalls).toBe(1);
    first.pop();
    expect(ids(second)).toEqual(['a']);
    expect(ids(await jobs.list())).toEqual(['a']);
  });

  it('drops a list read while a save was in flight, once the save returns', async () => {
    const { inner, jobs } = setup(60_000);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const upsert = inner.upsert.bind(inner);
    inner.upsert = async (job) => {
      await gate;
      return upsert(job);
    };
    const saving = jobs.upsert(directoryJob(undefined, 'dir1'));
    expect(await jobs.list()).toEqual([]); // read before the save landed
    release();
    await saving;
    expect(ids(await jobs.list())).toEqual(['dir1']);
  });

  it('never serves a failed query from the cache', async () => {
    const { inner, jobs } = setup(60_000);
    const list = inner.list.bind(inner);
    inner.list = async () => {
      throw new TransientError('table down');
    };
    await expect(jobs.list()).rejects.toThrow('table down');
    inner.list = list;
    inner.jobs.set('a', testJob({ id: 'a' }));
    expect(ids(await jobs.list())).toEqual(['a']);
  });
});
