import type { JsonObject } from '../../src/domain/identityObject';
import { reconcileObject, type ReconcileOutcome } from '../../src/engine/reconcileObject';
import { MemoryStagingStore } from '../support/fakes/memoryStagingStore';
import { MemoryTargetConnector } from '../support/fakes/memoryTargetConnector';
import { directoryJob } from '../support/jobFixtures';

const user = (id: string): JsonObject => ({ id, userName: `${id}@contoso.example`, active: true, displayName: id });
const group = (id: string, members: string[]): JsonObject => ({ id, displayName: `Group ${id}`, members: members.map((value) => ({ value })) });

function setup() {
  const job = directoryJob();
  const staging = new MemoryStagingStore();
  const target = new MemoryTargetConnector();
  let ids = 0;
  const deps = { staging, connector: target, now: () => new Date('2026-11-21T10:00:00Z'), newId: () => `id-${++ids}` };
  const run = (objectType: 'User' | 'Group', sourceKey: string): Promise<ReconcileOutcome> => reconcileObject(deps, { job, objectType, sourceKey, cycleId: 'c', attempt: 1 });
  const provisionUser = async (id: string): Promise<string> => {
    staging.put(job.id, 'User', id, user(id));
    const outcome = await run('User', id);
    if (outcome.kind !== 'done' || !outcome.linkedTargetId) throw new Error(`user ${id} was not linked`);
    return outcome.linkedTargetId;
  };
  const targetGroup = () => [...target.objects.values()].find((o) => typeof o.displayName === 'string' && o.displayName.startsWith('Group'));
  const memberIds = () => ((targetGroup()?.members ?? []) as { value: string }[]).map((m) => m.value).sort();
  return { job, staging, target, run, provisionUser, targetGroup, memberIds };
}

function done(outcome: ReconcileOutcome) {
  if (outcome.kind !== 'done') throw new Error(`expected a log entry, got a retry: ${outcome.reason}`);
  return outcome;
}

describe('reconcileObject for groups (reference/inbound-and-scim.md §2.7)', () => {
  it('creates the group empty, then adds the resolved members in a PATCH, and links both', async () => {
    const { job, staging, target, run, provisionUser, targetGroup, memberIds } = setup();
    const [a, b] = [await provisionUser('u1'), await provisionUser('u2')];
    staging.put(job.id, 'Group', 'g1', group('g1', ['u1', 'u2']));
    target.calls.length = 0;
    const outcome = done(await run('Group', 'g1'));
    expect(outcome.log.provisioningAction).toBe('create');
    expect(outcome.log.provisioningSteps.map((s) => s.name)).toEqual(['EntryImportAdd', 'EntrySynchronizationScoping', 'EntrySynchronizationAdd', 'EntryExportAdd', 'EntryExportUpdate']);
    expect(target.calls).toEqual(['findByAttribute', 'create', 'getMemberIds', 'addMembers']);
    expect(targetGroup()).toMatchObject({ displayName: 'Group g1', externalId: 'g1' });
    expect(memberIds()).toEqual([a, b].sort());
    expect((await staging.get(job.id, 'Group', 'g1'))?.targetId).toBe(targetGroup()?.id);
    expect(outcome.linkedTargetId).toBe(targetGroup()?.id);
  });

  it('leaves out members that are not provisioned yet, notes them, and adds them once they are', async () => {
    const { job, staging, run, provisionUser, memberIds } = setup();
    const a = await provisionUser('u1');
    staging.put(job.id, 'User', 'u2', user('u2')); // staged, not reconciled yet
    staging.put(job.id, 'Group', 'g1', group('g1', ['u1', 'u2', 'never-staged']));
    const first = done(await run('Group', 'g1'));
    const skip = first.log.provisioningSteps.find((s) => s.name === 'EntrySynchronizationSkip');
    expect(skip).toMatchObject({ provisioningStepType: 'referenceResolution', status: 'warning', details: { SkipReason: 'UnableToResolveReferenceAttributeValue', UnresolvedMembers: 'u2, never-staged' } });
    expect(first.log.provisioningStatusInfo.status).toBe('success');
    expect(memberIds()).toEqual([a]);

    const b = await provisionUser('u2');
    const second = done(await run('Group', 'g1'));
    expect(second.log.provisioningAction).toBe('update');
    expect(second.log.modifiedProperties).toEqual([{ displayName: 'members', oldValue: '1 member(s)', newValue: '2 member(s)' }]);
    expect(second.log.provisioningSteps.map((s) => s.details.SkipReason)).not.toContain('RedundantExport');
    expect(memberIds()).toEqual([a, b].sort());
  });

  it('removes members that left the source group (and anything else in the target group), and is then redundant', async () => {
    const { job, staging, target, run, provisionUser, memberIds } = setup();
    const [a, b] = [await provisionUser('u1'), await provisionUser('u2')];
    staging.put(job.id, 'Group', 'g1', group('g1', ['u1', 'u2']));
    done(await run('Group', 'g1'));
    staging.put(job.id, 'Group', 'g1', group('g1', ['u2']));
    const removed = done(await run('Group', 'g1'));
    expect(removed.log.provisioningAction).toBe('update');
    expect(memberIds()).toEqual([b]);
    expect(target.memberBatches.at(-1)).toEqual({ op: 'remove', ids: [a] });
    const again = done(await run('Group', 'g1'));
    expect(again.log.provisioningStatusInfo.errorInformation?.errorCode).toBe('RedundantExport');
  });

  it('a member whose user was deleted in the source leaves the group', async () => {
    const { job, staging, run, provisionUser, memberIds } = setup();
    const [, b] = [await provisionUser('u1'), await provisionUser('u2')];
    staging.put(job.id, 'Group', 'g1', group('g1', ['u1', 'u2']));
    done(await run('Group', 'g1'));
    await staging.markDeleted(job.id, 'User', 'u1', '2026-11-21T10:00:00Z');
    done(await run('Group', 'g1'));
    expect(memberIds()).toEqual([b]);
  });

  it('adds many members in batches of 100', async () => {
    const { job, staging, target, run } = setup();
    const ids = Array.from({ length: 250 }, (_, i) => `u${i}`);
    for (const id of ids) {
      staging.put(job.id, 'User', id, user(id));
      const row = await staging.get(job.id, 'User', id);
      if (row) await staging.recordLink(row, `t-${id}`);
    }
    staging.put(job.id, 'Group', 'g1', group('g1', ids));
    done(await run('Group', 'g1'));
    expect(target.memberBatches.map((b) => [b.op, b.ids.length])).toEqual([['add', 100], ['add', 100], ['add', 50]]);
  });

  it('renames a linked group with a PATCH of displayName and leaves members alone when they match', async () => {
    const { job, staging, target, run, provisionUser, targetGroup } = setup();
    await provisionUser('u1');
    staging.put(job.id, 'Group', 'g1', group('g1', ['u1']));
    done(await run('Group', 'g1'));
    staging.put(job.id, 'Group', 'g1', { ...group('g1', ['u1']), displayName: 'Group renamed' });
    target.calls.length = 0;
    const outcome = done(await run('Group', 'g1'));
    expect(outcome.log.provisioningAction).toBe('update');
    expect(target.calls).toEqual(['getById', 'update', 'getMemberIds']);
    expect(targetGroup()?.displayName).toBe('Group renamed');
    expect(outcome.linkedTargetId).toBeUndefined();
  });
});
