import { createDirectoryChangeSink } from '../../src/gateway/createDirectoryChangeSink';
import { reconcileGroupsOfLinkedMembers } from '../../src/gateway/reconcileGroupsOfLinkedMembers';
import { TransientError } from '../../src/domain/errors';
import { MemoryGroupMembershipIndex } from '../support/fakes/memoryGroupMembershipIndex';
import { MemoryJobStore } from '../support/fakes/memoryJobStore';
import { MemoryStagingStore } from '../support/fakes/memoryStagingStore';
import { MemoryWorkQueue } from '../support/fakes/memoryWorkQueue';
import { directoryJob, testJob } from '../support/jobFixtures';

function setup() {
  const jobs = new MemoryJobStore();
  const staging = new MemoryStagingStore();
  const queue = new MemoryWorkQueue();
  const groupMemberships = new MemoryGroupMembershipIndex();
  let ids = 0;
  const deps = { jobs, staging, queue, groupMemberships, now: () => new Date('2026-11-21T10:00:00Z'), newId: () => `cycle-${++ids}` };
  return { ...deps, deps, sink: createDirectoryChangeSink(deps) };
}

describe('createDirectoryChangeSink', () => {
  it('never stages an older directory state over a newer one when sinks run out of order', async () => {
    const { jobs, staging, sink } = setup();
    await jobs.upsert(directoryJob(undefined, 'dir1'));
    const state = (title: string, lastModified: string) => ({ id: 'u1', userName: 'a', title, meta: { lastModified } });
    await sink.recordChanges([{ resourceType: 'User', id: 'u1', resource: state('newer', '2026-11-21T10:00:02.000Z') }]);
    await sink.recordChanges([{ resourceType: 'User', id: 'u1', resource: state('older', '2026-11-21T10:00:01.000Z') }]);
    expect((await staging.get('dir1', 'User', 'u1'))?.data.title).toBe('newer');
  });

  it('stages users and groups for every built-in-directory job, and enqueues one message per job and type', async () => {
    const { jobs, staging, queue, groupMemberships, sink } = setup();
    await jobs.upsert(directoryJob(undefined, 'dir1'));
    await jobs.upsert(directoryJob(undefined, 'dir2'));
    await jobs.upsert(testJob()); // inboundApi: not a reader of the directory
    await sink.recordChanges([
      { resourceType: 'User', id: 'u1', resource: { id: 'u1', userName: 'a' } },
      { resourceType: 'User', id: 'u1', resource: { id: 'u1', userName: 'a2' } },
      { resourceType: 'User', id: 'u2', resource: null },
      { resourceType: 'Group', id: 'g1', resource: { id: 'g1', displayName: 'G', members: [{ value: 'u1' }] } },
    ]);
    expect(jobs.listCalls).toBe(1);
    for (const jobId of ['dir1', 'dir2']) {
      expect((await staging.get(jobId, 'User', 'u1'))?.data).toEqual({ id: 'u1', userName: 'a2' });
      expect((await staging.get(jobId, 'User', 'u2'))?.deleted).toBe(true);
      expect((await staging.get(jobId, 'Group', 'g1'))?.data.displayName).toBe('G');
    }
    expect(await staging.get('job1', 'User', 'u1')).toBeUndefined();
    expect(queue.sent.map((s) => [s.message.jobId, s.message.objectType, s.message.sourceKeys, s.message.cycleId])).toEqual([
      ['dir1', 'User', ['u1', 'u2'], 'cycle-1'],
      ['dir1', 'Group', ['g1'], 'cycle-1'],
      ['dir2', 'User', ['u1', 'u2'], 'cycle-1'],
      ['dir2', 'Group', ['g1'], 'cycle-1'],
    ]);
    expect(await groupMemberships.groupsOf('u1')).toEqual(['g1']);
  });

  it('does nothing without a job reading the directory, and stages only the types a job maps', async () => {
    const { jobs, queue, staging, sink } = setup();
    await sink.recordChanges([{ resourceType: 'User', id: 'u1', resource: { id: 'u1' } }]);
    expect(queue.sent).toEqual([]);
    const usersOnly = directoryJob();
    await jobs.upsert({ ...usersOnly, objectMappings: usersOnly.objectMappings.filter((m) => m.sourceObjectName === 'User') });
    await sink.recordChanges([{ resourceType: 'Group', id: 'g1', resource: { id: 'g1' } }]);
    expect(queue.sent).toEqual([]);
    expect(staging.rows.size).toBe(0);
  });

  it('names at most 100 keys a message', async () => {
    const { jobs, queue, sink } = setup();
    await jobs.upsert(directoryJob());
    await sink.recordChanges(Array.from({ length: 250 }, (_, i) => ({ resourceType: 'User' as const, id: `u${i}`, resource: { id: `u${i}` } })));
    expect(queue.sent.map((s) => s.message.sourceKeys.length)).toEqual([100, 100, 50]);
  });

  it('fails when the queue does, after staging; a second call (the retry) stages and enqueues the same', async () => {
    const { jobs, queue, staging, sink } = setup();
    await jobs.upsert(directoryJob());
    queue.failNext = new TransientError('queue down');
    const change = { resourceType: 'User' as const, id: 'u1', resource: { id: 'u1', userName: 'a' } };
    await expect(sink.recordChanges([change])).rejects.toThrow('queue down');
    await sink.recordChanges([change]);
    expect(queue.sent.map((s) => s.message.sourceKeys)).toEqual([['u1']]);
    expect((await staging.get('dir1', 'User', 'u1'))?.data).toEqual({ id: 'u1', userName: 'a' });
  });
});

describe('reconcileGroupsOfLinkedMembers', () => {
  it('enqueues the groups of newly linked members, for directory jobs that map groups only', async () => {
    const { queue, groupMemberships } = setup();
    await groupMemberships.recordMembers('g1', ['u1', 'u2']);
    await groupMemberships.recordMembers('g2', ['u2']);
    expect(await reconcileGroupsOfLinkedMembers({ queue, groupMemberships }, directoryJob(), ['u2'], 'c')).toBe(2);
    expect(queue.sent.map((s) => [s.message.objectType, s.message.sourceKeys])).toEqual([['Group', ['g1', 'g2']]]);
    expect(await reconcileGroupsOfLinkedMembers({ queue, groupMemberships }, testJob(), ['u2'], 'c')).toBe(0);
    expect(await reconcileGroupsOfLinkedMembers({ queue, groupMemberships }, directoryJob(), ['nobody'], 'c')).toBe(0);
  });
});
