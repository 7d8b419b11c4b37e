import type { JsonObject } from '../../src/domain/identityObject';
import { reconcileWaitingReferrers } from '../../src/app/reconcileWaitingReferrers';
import { reconcileObject, type ReconcileOutcome } from '../../src/engine/reconcileObject';
import { MemoryReferenceWaitIndex } from '../support/fakes/memoryReferenceWaitIndex';
import { MemoryStagingStore } from '../support/fakes/memoryStagingStore';
import { MemoryTargetConnector } from '../support/fakes/memoryTargetConnector';
import { MemoryWorkQueue } from '../support/fakes/memoryWorkQueue';
import { testJob } from '../support/jobFixtures';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** Users keyed by externalId, as bulk uploads are; the manager is named by its externalId (inbound-and-scim.md §1.5). */
const worker = (id: string, manager?: string | JsonObject): JsonObject => ({
  externalId: id,
  userName: `${id}@contoso.example`,
  active: true,
  [ENTERPRISE]: manager === undefined ? {} : { manager: typeof manager === 'string' ? { value: manager } : manager },
});

function setup() {
  const job = testJob({}, {
    attributeMappings: [
      { source: { expression: '[externalId]' }, targetAttributeName: 'externalId', matchingPriority: 1 },
      { source: { expression: '[userName]' }, targetAttributeName: 'userName' },
      { source: { expression: `[${ENTERPRISE}:manager]` }, targetAttributeName: `${ENTERPRISE}:manager` },
    ],
  });
  const staging = new MemoryStagingStore();
  const target = new MemoryTargetConnector();
  const referenceWaits = new MemoryReferenceWaitIndex();
  const queue = new MemoryWorkQueue();
  let ids = 0;
  const deps = { staging, connector: target, referenceWaits, now: () => new Date('2026-11-21T10:00:00Z'), newId: () => `id-${++ids}` };
  const run = async (sourceKey: string) => done(await reconcileObject(deps, { job, objectType: 'User', sourceKey, cycleId: 'c', attempt: 1 }));
  const put = (data: JsonObject) => staging.put(job.id, 'User', String(data.externalId), data);
  const targetOf = async (key: string): Promise<JsonObject | undefined> => {
    const id = (await staging.get(job.id, 'User', key))?.targetId;
    return id === undefined ? undefined : target.objects.get(id);
  };
  const managerOf = async (key: string) => {
    const extension = (await targetOf(key))?.[ENTERPRISE] as { manager?: { value?: string } } | undefined;
    return extension?.manager?.value;
  };
  return { job, staging, target, referenceWaits, queue, run, put, targetOf, managerOf };
}

function done(outcome: ReconcileOutcome) {
  if (outcome.kind !== 'done') throw new Error(`expected a log entry, got a retry: ${outcome.reason}`);
  return outcome;
}

describe('reconcileObject with a manager mapping (reference/entra-engine.md §5.4)', () => {
  it('writes a linked manager as its target id on create, never the source key', async () => {
    const t = setup();
    t.put(worker('boss'));
    const boss = (await t.run('boss')).linkedTargetId;
    t.put(worker('w1', 'boss'));
    const outcome = await t.run('w1');
    expect(outcome.log.provisioningAction).toBe('create');
    expect(boss).toBeDefined();
    expect(await t.managerOf('w1')).toBe(boss);
    expect(outcome.log.modifiedProperties).toContainEqual({ displayName: `${ENTERPRISE}:manager`, oldValue: null, newValue: boss });
    expect(outcome.log.provisioningSteps.some((s) => s.provisioningStepType === 'referenceResolution')).toBe(false);
    expect(t.referenceWaits.waits.size).toBe(0);
  });

  it('leaves an unlinked manager out, logs it as Entra does, and records the wait', async () => {
    const t = setup();
    t.put(worker('boss')); // staged, not reconciled yet
    t.put(worker('w1', 'boss'));
    t.put(worker('w2', 'nobody')); // never staged
    const outcome = await t.run('w1');
    expect(outcome.log.provisioningAction).toBe('create');
    expect(outcome.log.provisioningStatusInfo.status).toBe('success');
    expect(outcome.log.provisioningSteps.map((s) => s.name)).toEqual(['EntryImportAdd', 'EntrySynchronizationScoping', 'EntrySynchronizationAdd', 'EntrySynchronizationSkip', 'EntryExportAdd']);
    expect(outcome.log.provisioningSteps[3]).toMatchObject({
      provisioningStepType: 'referenceResolution',
      status: 'warning',
      details: { SkipReason: 'UnableToResolveReferenceAttributeValue', UnresolvedReference: 'boss' },
    });
    expect((await t.targetOf('w1'))?.[ENTERPRISE]).toBeUndefined();
    expect(outcome.log.modifiedProperties.map((p) => p.displayName)).not.toContain(`${ENTERPRISE}:manager`);
    await t.run('w2');
    expect(await t.referenceWaits.waitersFor(t.job.id, 'User', 'boss')).toEqual(['w1']);
    expect(await t.referenceWaits.waitersFor(t.job.id, 'User', 'nobody')).toEqual(['w2']);
  });

  it('re-enqueues the waiting user once its manager is linked, which then gets the manager', async () => {
    const t = setup();
    t.put(worker('boss'));
    t.put(worker('w1', 'boss'));
    await t.run('w1');
    const linked = await t.run('boss');
    expect(linked.linkedTargetId).toBeDefined();

    expect(await reconcileWaitingReferrers(t, t.job, 'User', ['boss'], 'c2')).toBe(1);
    expect(t.queue.sent.map((s) => s.message)).toEqual([{ kind: 'reconcile', jobId: t.job.id, objectType: 'User', sourceKeys: ['w1'], cycleId: 'c2', attempt: 1 }]);
    expect(t.referenceWaits.waits.size).toBe(0);

    t.target.calls.length = 0;
    const again = await t.run('w1');
    expect(again.log.provisioningAction).toBe('update');
    expect(t.target.calls).toEqual(['getById', 'update']);
    expect(again.log.modifiedProperties).toEqual([{ displayName: `${ENTERPRISE}:manager`, oldValue: null, newValue: linked.linkedTargetId }]);
    expect(await t.managerOf('w1')).toBe(linked.linkedTargetId);
    // In sync now: the manager is not sent again.
    expect((await t.run('w1')).log.provisioningStatusInfo.errorInformation?.errorCode).toBe('RedundantExport');
  });

  it('reads the link again after recording the wait, so a manager linked meanwhile is not missed', async () => {
    const t = setup();
    t.put(worker('boss'));
    t.put(worker('w1', 'boss'));
    const record = t.referenceWaits.recordWait.bind(t.referenceWaits);
    let bossId: string | undefined;
    // The manager's reconcile links it just after w1 found it unlinked, and before it looks for waits.
    t.referenceWaits.recordWait = async (...args) => {
      await record(...args);
      bossId = (await t.run('boss')).linkedTargetId;
    };
    const outcome = await t.run('w1');
    expect(bossId).toBeDefined();
    expect(await t.managerOf('w1')).toBe(bossId);
    expect(outcome.log.provisioningSteps.some((s) => s.provisioningStepType === 'referenceResolution')).toBe(false);
  });

  it('enqueues nothing for a job that maps no manager, or when nobody waits', async () => {
    const t = setup();
    expect(await reconcileWaitingReferrers(t, t.job, 'User', ['boss'], 'c')).toBe(0);
    await t.referenceWaits.recordWait(t.job.id, 'User', 'boss', 'w1');
    expect(await reconcileWaitingReferrers(t, testJob(), 'User', ['boss'], 'c')).toBe(0);
    expect(t.queue.sent).toEqual([]);
  });

  it('updates the manager when the source names another one, and removes it when the source empties it', async () => {
    const t = setup();
    t.put(worker('boss'));
    t.put(worker('boss2'));
    const [boss, boss2] = [(await t.run('boss')).linkedTargetId, (await t.run('boss2')).linkedTargetId];
    t.put(worker('w1', 'boss'));
    await t.run('w1');
    expect(await t.managerOf('w1')).toBe(boss);

    t.put(worker('w1', 'boss2'));
    const changed = await t.run('w1');
    expect(changed.log.modifiedProperties).toEqual([{ displayName: `${ENTERPRISE}:manager`, oldValue: boss, newValue: boss2 }]);
    expect(await t.managerOf('w1')).toBe(boss2);

    // NULL (no manager attribute) is not provisioned, as for every attribute: the target keeps its manager.
    t.put(worker('w1'));
    expect((await t.run('w1')).log.provisioningStatusInfo.errorInformation?.errorCode).toBe('RedundantExport');
    expect(await t.managerOf('w1')).toBe(boss2);

    // "" overwrites: for a reference that means removing it (a PATCH remove, never an empty id).
    t.put(worker('w1', { value: '' }));
    const cleared = await t.run('w1');
    expect(cleared.log.modifiedProperties).toEqual([{ displayName: `${ENTERPRISE}:manager`, oldValue: boss2, newValue: null }]);
    expect(await t.managerOf('w1')).toBeUndefined();
  });

  it('treats a manager deleted in the source as unresolved', async () => {
    const t = setup();
    t.put(worker('boss'));
    await t.run('boss');
    await t.staging.markDeleted(t.job.id, 'User', 'boss', '2026-11-21T10:00:01Z');
    t.put(worker('w1', 'boss'));
    const outcome = await t.run('w1');
    expect(outcome.log.provisioningSteps.map((s) => s.details.SkipReason)).toContain('UnableToResolveReferenceAttributeValue');
    expect(await t.managerOf('w1')).toBeUndefined();
  });
});
