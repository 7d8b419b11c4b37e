import { SCIM_ERROR_CODES } from '../../src/connectors/scim/scimErrorCodes';
import { NotFoundError, PermanentError, ThrottledError } from '../../src/domain/errors';
import type { JsonObject } from '../../src/domain/identityObject';
import type { JobDefinition } from '../../src/domain/jobDefinition';
import type { ProvisioningLogEntry } from '../../src/domain/provisioningLogEntry';
import { validateJobDefinition } from '../../src/app/validateJobDefinition';
import { onDemandResponse, type OnDemandKey, type OnDemandValue } from '../../src/engine/onDemand/onDemandResponse';
import { provisionOnDemand, type ProvisionOnDemandDeps } from '../../src/engine/onDemand/provisionOnDemand';
import type { SourceConnector, SourceObject } from '../../src/sources/sourceConnector';
import { MemoryGroupMembershipIndex } from '../support/fakes/memoryGroupMembershipIndex';
import { MemoryJobStateStore } from '../support/fakes/memoryJobStateStore';
import { MemoryStagingStore } from '../support/fakes/memoryStagingStore';
import { MemoryTargetConnector } from '../support/fakes/memoryTargetConnector';
import { MemoryWorkQueue } from '../support/fakes/memoryWorkQueue';
import { directoryJob, testJob } from '../support/jobFixtures';

const user = (id: string): JsonObject => ({ id, externalId: id, userName: `${id}@contoso.example`, active: true, displayName: `User ${id}`, name: { givenName: id } });
const group = (id: string, members: string[]): JsonObject => ({ id, displayName: `Group ${id}`, members: members.map((value) => ({ value })) });

/** A pull source (an external SCIM app) in memory; it keeps keys in lower case, as a source may. */
class MemorySource implements SourceConnector {
  readonly displayName = 'memory HR';
  readonly objects = new Map<string, SourceObject>();
  readonly reads: string[] = [];
  async readPage(): Promise<never> {
    throw new Error('on-demand provisioning never reads pages');
  }
  async readObject(objectType: string, key: string): Promise<SourceObject | undefined> {
    this.reads.push(`${objectType}/${key}`);
    return this.objects.get(`${objectType}/${key.toLowerCase()}`);
  }
}

function pullJob(): JobDefinition {
  const base = directoryJob();
  return validateJobDefinition({ ...base, id: 'pull1', source: { type: 'scim', baseUrl: 'https://hr.example/scim/v2', tokenSetting: 'IDBRIDGE_SOURCE_TOKEN_HR' } });
}

function setup(job: JobDefinition) {
  const staging = new MemoryStagingStore();
  const target = new MemoryTargetConnector();
  const source = new MemorySource();
  const queue = new MemoryWorkQueue();
  const groupMemberships = new MemoryGroupMembershipIndex();
  const jobStates = new MemoryJobStateStore();
  const appended: ProvisioningLogEntry[] = [];
  let ids = 0;
  let clock = Date.parse('2026-11-22T10:00:00.000Z');
  const deps: ProvisionOnDemandDeps = {
    staging,
    logs: { append: async (entries) => void appended.push(...entries) },
    queue,
    groupMemberships,
    jobStates,
    connectorFor: () => target,
    sourceFor: () => source,
    // Every reading of the clock moves it 5 ms, so that durations are not zero.
    now: () => new Date((clock += 5)),
    newId: () => `id-${++ids}`,
  };
  return { job, deps, staging, target, source, queue, groupMemberships, jobStates, appended, run: (subject: { objectType: string; sourceKey: string }, members: { objectType: string; sourceKey: string }[] = []) => provisionOnDemand(deps, job, { subject, members }) };
}

const decode = (pair: { key: string; value: string }) => ({ key: JSON.parse(pair.key) as OnDemandKey, value: JSON.parse(pair.value) as OnDemandValue });

describe('provisionOnDemand (reference §10)', () => {
  it('bulk-upload job: reconciles the last uploaded record now, logs it, and answers in Graph casing', async () => {
    const t = setup(testJob());
    t.staging.put('job1', 'User', 'E1', { externalId: 'E1', userName: 'ann@contoso.example', active: true, name: { givenName: 'Ann', familyName: 'Lee' } });
    const result = await t.run({ objectType: 'User', sourceKey: 'E1' });

    expect(result.cycleId).toMatch(/^ondemand-/);
    expect(result.subject.kind).toBe('done');
    expect([...t.target.objects.values()]).toEqual([expect.objectContaining({ externalId: 'E1', userName: 'ann@contoso.example', displayName: 'Ann Lee' })]);
    expect(t.appended).toHaveLength(1);
    expect(t.appended[0]).toMatchObject({ cycleId: result.cycleId, provisioningAction: 'create', provisioningStatusInfo: { status: 'success' } });
    expect((await t.staging.get('job1', 'User', 'E1'))?.targetId).toBe([...t.target.objects.keys()][0]);

    const { key, value } = decode(onDemandResponse(result.subject, result.members));
    expect(key).toEqual({ result: 'Success', details: {} });
    expect(value.action).toBe('Create');
    expect(value.statusInfo).toMatchObject({ status: 'Success', errorCode: null });
    expect(value.provisioningSteps.map((s) => [s.name, s.type, s.status])).toEqual([
      ['EntryImportAdd', 'Import', 'Success'],
      ['EntrySynchronizationScoping', 'Scoping', 'Success'],
      ['EntrySynchronizationAdd', 'Matching', 'Success'],
      ['EntryExportAdd', 'Export', 'Success'],
    ]);
    expect(value.modifiedProperties).toContainEqual({ displayName: 'userName', oldValue: null, newValue: 'ann@contoso.example' });
    expect(value.sourceIdentity).toMatchObject({ id: 'E1', type: 'User' });
    expect(value.changeId).toBe(t.appended[0]?.changeId);
    expect(Date.parse(value.endTime) - Date.parse(value.startTime)).toBe(t.appended[0]?.durationInMilliseconds);
    expect(value.members).toBeUndefined();

    // Again: nothing differs, so Graph's RedundantExport skip.
    const again = decode(onDemandResponse((await t.run({ objectType: 'User', sourceKey: 'E1' })).subject, []));
    expect(again.key).toEqual({ result: 'Skipped', details: { errorCode: 'RedundantExport', errorMessage: expect.any(String) } });
    expect(again.value.action).toBe('Other');
  });

  it('bulk-upload job: an object never uploaded is NotFound and nothing is written', async () => {
    const t = setup(testJob());
    await expect(t.run({ objectType: 'User', sourceKey: 'nobody' })).rejects.toThrow(NotFoundError);
    await expect(t.run({ objectType: 'User', sourceKey: 'nobody' })).rejects.toThrow(/Nothing for User 'nobody' was ever uploaded/);
    expect(t.appended).toEqual([]);
    expect(t.target.calls).toEqual([]);
  });

  it('pull source: reads the object now, stages it under the key the source keeps, and reconciles it', async () => {
    const t = setup(pullJob());
    t.source.objects.set('User/u1', { objectType: 'User', key: 'u1', data: user('u1'), version: '2026-11-22T09:00:00Z' });
    const result = await t.run({ objectType: 'User', sourceKey: 'U1' });
    expect(t.source.reads).toEqual(['User/U1']);
    const staged = await t.staging.get('pull1', 'User', 'u1');
    expect(staged?.data).toEqual(user('u1'));
    expect(staged?.targetId).toBeDefined();
    expect(result.subject).toMatchObject({ kind: 'done', subject: { objectType: 'User', sourceKey: 'u1' }, log: { provisioningAction: 'create' } });
  });

  it('pull source: a member the source does not have stops the request before anything is staged or written', async () => {
    const t = setup(pullJob());
    t.source.objects.set('User/u1', { objectType: 'User', key: 'u1', data: user('u1') });
    t.source.objects.set('Group/g1', { objectType: 'Group', key: 'g1', data: group('g1', ['u1', 'u2']) });
    await expect(t.run({ objectType: 'Group', sourceKey: 'g1' }, [{ objectType: 'User', sourceKey: 'u1' }, { objectType: 'User', sourceKey: 'u2' }])).rejects.toThrow(
      "The source (memory HR) has no User 'u2'",
    );
    expect(t.staging.rows.size).toBe(0);
    expect(t.target.calls).toEqual([]);
  });

  it('a group: its named members first, then the group with those members; one answer with the members inside', async () => {
    const t = setup(directoryJob());
    t.staging.put('dir1', 'User', 'u1', user('u1'));
    t.staging.put('dir1', 'User', 'u2', user('u2'));
    t.staging.put('dir1', 'Group', 'g1', group('g1', ['u1', 'u2']));
    const result = await t.run({ objectType: 'Group', sourceKey: 'g1' }, [{ objectType: 'User', sourceKey: 'u1' }, { objectType: 'User', sourceKey: 'u2' }]);

    // Two user creates before the group's create and member PATCH.
    expect(t.target.calls.filter((c) => c === 'create' || c === 'addMembers')).toEqual(['create', 'create', 'create', 'addMembers']);
    const targetGroup = [...t.target.objects.values()].find((o) => o.displayName === 'Group g1');
    const userIds = [...t.target.objects.entries()].filter(([, o]) => o.userName !== undefined).map(([id]) => id).sort();
    expect(((targetGroup?.members ?? []) as { value: string }[]).map((m) => m.value).sort()).toEqual(userIds);
    expect(t.appended.map((e) => `${e.sourceIdentity.identityType}/${e.sourceIdentity.id} ${e.provisioningAction}`)).toEqual(['User/u1 create', 'User/u2 create', 'Group/g1 create']);

    const { key, value } = decode(onDemandResponse(result.subject, result.members));
    expect(key.result).toBe('Success');
    expect(value.sourceIdentity).toMatchObject({ id: 'g1', type: 'Group' });
    expect(value.members?.map((m) => [m.sourceIdentity.id, m.action])).toEqual([
      ['u1', 'Create'],
      ['u2', 'Create'],
    ]);
  });

  it('a target that asks to be called later: the object goes to the queue like any retry, and the answer says so', async () => {
    const t = setup(testJob());
    t.staging.put('job1', 'User', 'E1', { externalId: 'E1', userName: 'ann@contoso.example', active: true });
    t.target.failNext('findByAttribute', new ThrottledError('The target answered 429', 7000));
    const result = await t.run({ objectType: 'User', sourceKey: 'E1' });

    expect(result.subject).toMatchObject({ kind: 'queued', delayInMs: 7000 });
    expect(t.queue.sent).toEqual([{ message: { kind: 'reconcile', jobId: 'job1', objectType: 'User', sourceKeys: ['E1'], cycleId: result.cycleId, attempt: 2 }, options: { delayInMs: 7000 } }]);
    expect(t.appended).toEqual([]);
    const { key, value } = decode(onDemandResponse(result.subject, []));
    expect(key).toEqual({ result: 'Failure', details: { errorCode: 'RetryScheduled', errorMessage: expect.stringMatching(/429.*tries again in about 7 s/) } });
    expect(value.statusInfo.errorCategory).toBe('Transient');
  });

  it('a failure that goes to escrow is logged and its escrow retry scheduled with the job\'s escrow epoch, as the queue handler does', async () => {
    const t = setup(testJob());
    await t.jobStates.put({ jobId: 'job1', code: 'Active', countSuccessiveCompleteFailures: 0, escrowEpoch: 4 }, '');
    t.staging.put('job1', 'User', 'E1', { externalId: 'E1', userName: 'ann@contoso.example', active: true });
    // A target that refuses the credentials heals without a change of the object: escrow (goesToEscrow).
    t.target.failNext('create', new PermanentError('the target refused the token', { code: SCIM_ERROR_CODES.unauthorized }));
    const result = await t.run({ objectType: 'User', sourceKey: 'E1' });

    expect(t.appended).toEqual([expect.objectContaining({ provisioningStatusInfo: expect.objectContaining({ status: 'failure' }) })]);
    const sent = t.queue.sent[0];
    expect(t.queue.sent).toHaveLength(1);
    expect(sent?.message).toEqual({
      kind: 'reconcile',
      jobId: 'job1',
      objectType: 'User',
      sourceKeys: ['E1'],
      cycleId: result.cycleId,
      attempt: 1,
      escrow: { firstFailedAt: expect.any(String), failures: 1, epoch: 4 },
      notBefore: expect.any(String),
    });
    // Entra's first escrow retry: 6 hours later (reference §7).
    expect(sent?.options?.delayInMs).toBe(6 * 3600_000);
    const { key } = decode(onDemandResponse(result.subject, []));
    expect(key).toEqual({ result: 'Failure', details: { errorCode: SCIM_ERROR_CODES.unauthorized, errorMessage: 'the target refused the token' } });
  });

  it('built-in directory: a newly linked user sends the groups it is a member of to the queue, as the queue handler does', async () => {
    const t = setup(directoryJob());
    t.staging.put('dir1', 'User', 'u1', user('u1'));
    await t.groupMemberships.recordMembers('g9', ['u1']);
    const result = await t.run({ objectType: 'User', sourceKey: 'u1' });
    expect(t.queue.sent.map((s) => s.message)).toEqual([{ kind: 'reconcile', jobId: 'dir1', objectType: 'Group', sourceKeys: ['g9'], cycleId: result.cycleId, attempt: 1 }]);
  });
});
