import { ConflictError, OutcomeUnknownError, ThrottledError, TransientError } from '../../src/domain/errors';
import type { JsonObject } from '../../src/domain/identityObject';
import type { JobDefinition } from '../../src/domain/jobDefinition';
import { reconcileObject, type ReconcileOutcome } from '../../src/engine/reconcileObject';
import { MemoryStagingStore } from '../support/fakes/memoryStagingStore';
import { MemoryTargetConnector } from '../support/fakes/memoryTargetConnector';
import { testJob } from '../support/jobFixtures';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function record(id: string, extra: JsonObject = {}): JsonObject {
  return {
    externalId: id,
    userName: `user${id}@contoso.example`,
    active: true,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [{ type: 'work', value: `user${id}@contoso.example` }],
    [ENTERPRISE]: { department: 'Engineering' },
    ...extra,
  };
}

function setup(job: JobDefinition = testJob()) {
  const staging = new MemoryStagingStore();
  const target = new MemoryTargetConnector();
  let ids = 0;
  const deps = { staging, connector: target, now: () => new Date('2026-11-21T10:00:00Z'), newId: () => `id-${++ids}` };
  const run = (sourceKey: string, attempt = 1): Promise<ReconcileOutcome> => reconcileObject(deps, { job, objectType: 'User', sourceKey, cycleId: 'cycle-1', attempt });
  return { staging, target, run };
}

function done(outcome: ReconcileOutcome) {
  if (outcome.kind !== 'done') throw new Error(`expected a log entry, got a retry: ${outcome.reason}`);
  return outcome.log;
}

describe('reconcileObject', () => {
  it('creates a new object with every mapped attribute and the default, and links it', async () => {
    const { staging, target, run } = setup();
    staging.put('job1', 'User', '1', record('1', { [ENTERPRISE]: {} }));
    const log = done(await run('1'));
    expect(log.provisioningAction).toBe('create');
    expect(log.provisioningStatusInfo.status).toBe('success');
    expect(log.provisioningSteps.map((s) => s.name)).toEqual(['EntryImportAdd', 'EntrySynchronizationScoping', 'EntrySynchronizationAdd', 'EntryExportAdd']);
    const [id, created] = [...target.objects.entries()][0] ?? [];
    expect(created).toMatchObject({
      externalId: '1',
      userName: 'user1@contoso.example',
      active: true,
      displayName: 'Ada Lovelace',
      title: 'HR',
      emails: [{ type: 'work', value: 'user1@contoso.example' }],
      [ENTERPRISE]: { department: 'Unassigned' },
    });
    expect((await staging.get('job1', 'User', '1'))?.targetId).toBe(id);
    expect(log.targetIdentity.id).toBe(id);
    expect(log.sourceIdentity.id).toBe('1');
  });

  it('skips with RedundantExport when nothing differs, reading through the link only', async () => {
    const { staging, target, run } = setup();
    staging.put('job1', 'User', '1', record('1'));
    done(await run('1'));
    target.calls.length = 0;
    const log = done(await run('1'));
    expect(log.provisioningStatusInfo.status).toBe('skipped');
    expect(log.provisioningStatusInfo.errorInformation?.errorCode).toBe('RedundantExport');
    expect(target.calls).toEqual(['getById']);
  });

  it('updates only the changed attributes, with old and new values; add-only and defaults stay put', async () => {
    const { staging, target, run } = setup();
    staging.put('job1', 'User', '1', record('1'));
    done(await run('1'));
    staging.put('job1', 'User', '1', record('1', { active: false, [ENTERPRISE]: { department: 'Sales' } }));
    const log = done(await run('1'));
    // The source turned the account off: Entra logs that as a disable.
    expect(log.provisioningAction).toBe('disable');
    expect(log.provisioningSteps.map((s) => s.name)).toContain('EntryExportUpdateSoftDelete');
    expect(log.modifiedProperties).toEqual([
      { displayName: 'active', oldValue: 'true', newValue: 'false' },
      { displayName: `${ENTERPRISE}:department`, oldValue: 'Engineering', newValue: 'Sales' },
    ]);
    const object = [...target.objects.values()][0];
    expect(object).toMatchObject({ active: false, title: 'HR', [ENTERPRISE]: { department: 'Sales' } });
  });

  it('matches an existing target object by the first matching attribute that finds one, and links it', async () => {
    const { staging, target, run } = setup();
    target.objects.set('existing', { id: 'existing', userName: 'user1@contoso.example', active: true });
    staging.put('job1', 'User', '1', record('1'));
    const log = done(await run('1'));
    expect(log.provisioningAction).toBe('update');
    expect(log.provisioningSteps.find((s) => s.provisioningStepType === 'matching')?.details.JoiningProperty).toBe('userName');
    expect(target.objects.size).toBe(1);
    expect((await staging.get('job1', 'User', '1'))?.targetId).toBe('existing');
  });

  it('skips with ImportSkipped when no matching attribute has a value', async () => {
    const { staging, run } = setup(testJob({}, {
      attributeMappings: [
        { source: { expression: '[userName]' }, targetAttributeName: 'userName', matchingPriority: 1 },
        { source: { expression: '[title]' }, targetAttributeName: 'title' },
      ],
    }));
    staging.put('job1', 'User', '1', { externalId: '1', title: 'x' });
    const log = done(await run('1'));
    expect(log.provisioningStatusInfo.errorInformation?.errorCode).toBe('ImportSkipped');
  });

  it('skips objects out of scope', async () => {
    const { staging, target, run } = setup(testJob({}, {
      attributeMappings: [{ source: { expression: '[externalId]' }, targetAttributeName: 'externalId', matchingPriority: 1 }],
      scope: { groups: [{ clauses: [{ sourceOperandName: 'userType', operatorName: 'EQUALS', targetOperand: { values: ['Employee'] } }] }] },
    }));
    staging.put('job1', 'User', '1', { externalId: '1', userType: 'Contractor' });
    const log = done(await run('1'));
    expect(log.provisioningStatusInfo.errorInformation?.errorCode).toBe('NotEffectivelyEntitled');
    expect(target.calls).toEqual([]);
  });

  it('fails with DuplicateTargetEntries when a matching value finds two objects', async () => {
    const { staging, target, run } = setup();
    target.objects.set('a', { id: 'a', externalId: '1' });
    target.objects.set('b', { id: 'b', externalId: '1' });
    staging.put('job1', 'User', '1', record('1'));
    const log = done(await run('1'));
    expect(log.provisioningStatusInfo.status).toBe('failure');
    expect(log.provisioningStatusInfo.errorInformation?.errorCode).toBe('DuplicateTargetEntries');
  });

  it('asks for a retry after Retry-After when the target throttles', async () => {
    const { staging, target, run } = setup();
    staging.put('job1', 'User', '1', record('1'));
    target.failNext('findByAttribute', new ThrottledError('slow down', 7000));
    expect(await run('1')).toEqual({ kind: 'retry', delayInMs: 7000, reason: 'slow down' });
  });

  it('logs a failure once transient errors exhaust the attempts', async () => {
    const { staging, target, run } = setup();
    staging.put('job1', 'User', '1', record('1'));
    target.failNext('findByAttribute', new TransientError('boom'));
    const log = done(await run('1', 3));
    expect(log.provisioningStatusInfo).toMatchObject({ status: 'failure', errorInformation: { errorCode: 'TransientError', errorCategory: 'Transient' } });
  });

  it('never creates twice when a create times out after the target applied it', async () => {
    const { staging, target, run } = setup();
    staging.put('job1', 'User', '1', record('1'));
    // The target creates the object but the answer is lost.
    const realCreate = target.create.bind(target);
    target.create = async (type, data) => {
      await realCreate(type, data);
      throw new OutcomeUnknownError('timed out');
    };
    const first = await run('1');
    expect(first.kind).toBe('retry');
    target.create = realCreate;
    const log = done(await run('1', 2));
    expect(log.provisioningAction).toBe('other');
    expect(log.provisioningStatusInfo.errorInformation?.errorCode).toBe('RedundantExport');
    expect(target.objects.size).toBe(1);
    expect((await staging.get('job1', 'User', '1'))?.targetId).toBe([...target.objects.keys()][0]);
  });

  it('retries a create refused as a conflict instead of logging it as failed', async () => {
    const { staging, target, run } = setup();
    staging.put('job1', 'User', '1', record('1'));
    target.failNext('create', new ConflictError('userName taken'));
    const outcome = await run('1');
    expect(outcome).toMatchObject({ kind: 'retry' });
  });

  it('reconciles the newer state when the source changes during the reconcile', async () => {
    const { staging, target, run } = setup();
    staging.put('job1', 'User', '1', record('1'));
    let restaged = false;
    staging.beforeRecordLink = () => {
      if (restaged) return;
      restaged = true;
      staging.put('job1', 'User', '1', record('1', { [ENTERPRISE]: { department: 'Newer' } }));
    };
    const log = done(await run('1'));
    expect(log.provisioningAction).toBe('create');
    const object = [...target.objects.values()][0];
    expect(object?.[ENTERPRISE]).toEqual({ department: 'Newer' });
    expect(target.objects.size).toBe(1);
  });

  it('matches again when the linked target object has vanished', async () => {
    const { staging, target, run } = setup();
    staging.put('job1', 'User', '1', record('1'));
    done(await run('1'));
    target.objects.clear();
    const log = done(await run('1'));
    expect(log.provisioningAction).toBe('create');
    expect(log.provisioningSteps.map((s) => s.name)).toContain('EntryImportObjectNotFound');
    expect(target.objects.size).toBe(1);
  });

  it('reports an object that is not staged as skipped', async () => {
    const { run } = setup();
    const log = done(await run('nobody'));
    expect(log.provisioningStatusInfo.status).toBe('skipped');
  });
});

describe('reconcileObject under concurrency', () => {
  it('lets only one of two concurrent reconciles of one new object create it', async () => {
    const { staging, target, run } = setup();
    staging.put('job1', 'User', '1', record('1'));
    const [a, b] = await Promise.all([run('1'), run('1')]);
    const kinds = [a, b].map((o) => (o.kind === 'done' ? o.log.provisioningAction : 'retry'));
    // One creates; the other either waits for the lease (retry) or, if the first was already done, finds the link.
    expect(kinds.filter((k) => k === 'create')).toHaveLength(1);
    expect(target.objects.size).toBe(1);
    // The retried one then finds the object through the link.
    const later = done(await run('1', 2));
    expect(later.provisioningStatusInfo.errorInformation?.errorCode).toBe('RedundantExport');
    expect(target.objects.size).toBe(1);
  });

  it('keeps the link when the object is restaged during its create, then applies the newer data', async () => {
    const { staging, target, run } = setup();
    staging.put('job1', 'User', '1', record('1'));
    const realCreate = target.create.bind(target);
    target.create = async (type, data) => {
      staging.put('job1', 'User', '1', record('1', { [ENTERPRISE]: { department: 'Restaged' } }));
      return realCreate(type, data);
    };
    const log = done(await run('1'));
    expect(target.objects.size).toBe(1);
    expect(log.provisioningAction).toBe('create');
    expect(log.provisioningSteps.map((s) => s.name)).toEqual(expect.arrayContaining(['EntryExportAdd', 'EntryExportUpdate']));
    expect([...target.objects.values()][0]?.[ENTERPRISE]).toEqual({ department: 'Restaged' });
    expect((await staging.get('job1', 'User', '1'))?.targetId).toBe([...target.objects.keys()][0]);
  });
});

describe('reconcileObject: scope, IsSoftDeleted, Redact', () => {
  const scopedJob = (extraMappings: unknown[] = [], settings: Record<string, unknown> = {}) =>
    testJob({ settings: { maxAttempts: 3, ...settings } }, {
      attributeMappings: [
        { source: { expression: '[externalId]' }, targetAttributeName: 'externalId', matchingPriority: 1 },
        { source: { expression: '[userName]' }, targetAttributeName: 'userName' },
        ...extraMappings,
      ],
      scope: { groups: [{ clauses: [{ sourceOperandName: 'userType', operatorName: 'EQUALS', targetOperand: { values: ['Employee'] } }] }] },
    });

  it('disables a provisioned object that leaves scope, through Not([IsSoftDeleted])', async () => {
    const { staging, target, run } = setup(scopedJob([{ source: { expression: 'Not([IsSoftDeleted])' }, targetAttributeName: 'active' }]));
    staging.put('job1', 'User', '1', { externalId: '1', userName: 'a@x', userType: 'Employee' });
    expect(done(await run('1')).provisioningAction).toBe('create');
    expect([...target.objects.values()][0]?.active).toBe(true);
    staging.put('job1', 'User', '1', { externalId: '1', userName: 'a@x', userType: 'Contractor' });
    const log = done(await run('1'));
    expect(log.provisioningAction).toBe('disable');
    expect(log.modifiedProperties).toEqual([{ displayName: 'active', oldValue: 'true', newValue: 'false' }]);
    expect([...target.objects.values()][0]?.active).toBe(false);
    // Already disabled: nothing more to send.
    expect(done(await run('1')).provisioningStatusInfo.errorInformation?.errorCode).toBe('RedundantExport');
  });

  it('disables with active = false when no mapping reads IsSoftDeleted', async () => {
    const { staging, target, run } = setup(scopedJob());
    staging.put('job1', 'User', '1', { externalId: '1', userName: 'a@x', userType: 'Employee' });
    done(await run('1'));
    staging.put('job1', 'User', '1', { externalId: '1', userName: 'changed@x', userType: 'Contractor' });
    const log = done(await run('1'));
    expect(log.provisioningAction).toBe('disable');
    // Only the disable flows for an object out of scope, not its other changes.
    expect([...target.objects.values()][0]).toMatchObject({ active: false, userName: 'a@x' });
  });

  it('leaves an object that leaves scope alone with skipOutOfScopeDeletions', async () => {
    const { staging, target, run } = setup(scopedJob([], { skipOutOfScopeDeletions: true }));
    staging.put('job1', 'User', '1', { externalId: '1', userName: 'a@x', userType: 'Employee' });
    done(await run('1'));
    staging.put('job1', 'User', '1', { externalId: '1', userName: 'a@x', userType: 'Contractor' });
    const log = done(await run('1'));
    expect(log.provisioningStatusInfo).toMatchObject({ status: 'skipped', errorInformation: { errorCode: 'NotEffectivelyEntitled' } });
    expect([...target.objects.values()][0]?.active).toBeUndefined();
  });

  it('never matches an out-of-scope object to an unlinked target object', async () => {
    const { staging, target, run } = setup(scopedJob());
    target.objects.set('theirs', { id: 'theirs', externalId: '1', active: true });
    staging.put('job1', 'User', '1', { externalId: '1', userName: 'a@x', userType: 'Contractor' });
    const log = done(await run('1'));
    expect(log.provisioningStatusInfo.errorInformation?.errorCode).toBe('NotEffectivelyEntitled');
    expect(target.calls).toEqual([]);
    expect(target.objects.get('theirs')?.active).toBe(true);
  });

  it('masks Redact-ed values in modified properties and import details, while the value flows', async () => {
    const { staging, target, run } = setup(scopedJob([{ source: { expression: 'Redact([nickName])' }, targetAttributeName: 'nickName' }]));
    staging.put('job1', 'User', '1', { externalId: '1', userName: 'a@x', userType: 'Employee', nickName: 's3cret-nick', password: 'hunter2' });
    const log = done(await run('1'));
    expect([...target.objects.values()][0]?.nickName).toBe('s3cret-nick');
    const text = JSON.stringify(log);
    expect(text).not.toContain('s3cret-nick');
    expect(text).not.toContain('hunter2');
    expect(log.modifiedProperties).toContainEqual({ displayName: 'nickName', oldValue: null, newValue: '[Redacted]' });
  });
});

describe('reconcileObject: SelectUniqueValue', () => {
  const uniqueJob = () =>
    testJob({}, {
      attributeMappings: [
        { source: { expression: '[externalId]' }, targetAttributeName: 'externalId', matchingPriority: 1 },
        {
          source: {
            expression:
              'SelectUniqueValue(Join("@", Join(".", [name.givenName], [name.familyName]), "contoso.com"), Join("@", Join(".", Mid([name.givenName], 1, 1), [name.familyName]), "contoso.com"), Join("@", Join(".", Mid([name.givenName], 1, 2), [name.familyName]), "contoso.com"))',
          },
          targetAttributeName: 'userName',
          flowType: 'ObjectAddOnly',
        },
      ],
    });
  const john = { externalId: '7', name: { givenName: 'John', familyName: 'Smith' } };

  it('creates with the first candidate the target does not hold yet', async () => {
    const { staging, target, run } = setup(uniqueJob());
    target.objects.set('x', { id: 'x', userName: 'John.Smith@contoso.com' });
    staging.put('job1', 'User', '7', john);
    const log = done(await run('7'));
    expect(log.provisioningAction).toBe('create');
    const created = [...target.objects.values()].find((o) => o.externalId === '7');
    expect(created?.userName).toBe('J.Smith@contoso.com');
    expect(log.modifiedProperties).toContainEqual({ displayName: 'userName', oldValue: null, newValue: 'J.Smith@contoso.com' });
  });

  it('escrows the object, saying why, when every candidate is taken', async () => {
    const { staging, target, run } = setup(uniqueJob());
    for (const name of ['John.Smith', 'J.Smith', 'Jo.Smith']) target.objects.set(name, { id: name, userName: `${name}@contoso.com` });
    staging.put('job1', 'User', '7', john);
    // Fast retries cannot free a name: the object goes to escrow at once, retried in 6 hours (src/safety).
    const first = await run('7');
    expect(first).toMatchObject({ kind: 'done', escrow: { progress: { failures: 1 }, retryAt: '2026-11-21T16:00:00.000Z' } });
    const last = done(first);
    expect(last.provisioningStatusInfo.errorInformation).toMatchObject({ errorCode: 'SelectUniqueValueExhausted', reason: expect.stringContaining('every candidate for userName taken') });
    expect(target.objects.size).toBe(3);
  });

  it('does not pick a new value on update', async () => {
    const { staging, target, run } = setup(uniqueJob());
    staging.put('job1', 'User', '7', john);
    done(await run('7'));
    staging.put('job1', 'User', '7', { ...john, name: { givenName: 'Johnny', familyName: 'Smith' } });
    const log = done(await run('7'));
    expect(log.provisioningStatusInfo.errorInformation?.errorCode).toBe('RedundantExport');
    expect([...target.objects.values()][0]?.userName).toBe('John.Smith@contoso.com');
  });
});

describe('reconcileObject: deletes and flowTypes', () => {
  it('deletes the target object of an object deleted in the source, and forgets the link', async () => {
    const { staging, target, run } = setup();
    staging.put('job1', 'User', '1', record('1'));
    done(await run('1'));
    await staging.markDeleted('job1', 'User', '1', '2026-11-21T11:00:00Z');
    const log = done(await run('1'));
    expect(log.provisioningAction).toBe('delete');
    expect(log.provisioningSteps.map((s) => s.name)).toContain('EntryExportDelete');
    expect(target.objects.size).toBe(0);
    expect((await staging.get('job1', 'User', '1'))?.targetId).toBeUndefined();
  });

  it('does nothing for an object deleted in the source that was never provisioned', async () => {
    const { staging, target, run } = setup();
    await staging.markDeleted('job1', 'User', '9', '2026-11-21T11:00:00Z');
    const log = done(await run('9'));
    expect(log.provisioningStatusInfo.errorInformation?.errorCode).toBe('NotEffectivelyEntitled');
    expect(target.calls).toEqual([]);
  });

  it.each([
    ['Update, Delete', 'create', 'FlowTypeNotEnabled'],
    ['Add, Delete', 'update', 'FlowTypeNotEnabled'],
    ['Add, Update', 'delete', 'FlowTypeNotEnabled'],
  ])('with flowTypes "%s" a %s is skipped', async (flowTypes, action, reason) => {
    const { staging, target, run } = setup(testJob({}, { flowTypes }));
    if (action !== 'create') {
      target.objects.set('t1', { id: 't1', externalId: '1', userName: 'user1@contoso.example' });
    }
    staging.put('job1', 'User', '1', record('1'));
    if (action === 'delete') await staging.markDeleted('job1', 'User', '1', '2026-11-21T11:00:00Z');
    // A delete reaches only linked objects: link first through a match when the mapping allows updates.
    if (action === 'delete') await staging.recordLink((await staging.get('job1', 'User', '1'))!, 't1');
    const log = done(await run('1'));
    expect(log.provisioningStatusInfo.errorInformation?.errorCode).toBe(reason);
  });
});

describe('reconcileObject: a create whose answer is lost', () => {
  it('keeps the create lease, so a retry that comes before the target commits does not create a second object', async () => {
    let now = new Date('2026-11-21T10:00:00Z');
    const staging = new MemoryStagingStore();
    const target = new MemoryTargetConnector();
    let ids = 0;
    const job = testJob();
    const deps = { staging, connector: target, now: () => now, newId: () => `id-${++ids}` };
    const run = (attempt: number) => reconcileObject(deps, { job, objectType: 'User', sourceKey: '1', cycleId: 'c', attempt });
    staging.put('job1', 'User', '1', record('1'));
    // The target times out on the POST and commits the object only later.
    const realCreate = target.create.bind(target);
    let late: (() => Promise<unknown>) | undefined;
    target.create = async (type, data) => {
      late = () => realCreate(type, data);
      throw new OutcomeUnknownError('timed out');
    };
    expect((await run(1)).kind).toBe('retry');
    target.create = realCreate;
    // The retry arrives a second later, before the target has committed: it must wait, not create.
    now = new Date(now.getTime() + 1000);
    const second = await run(2);
    expect(second).toMatchObject({ kind: 'retry', reason: expect.stringContaining('creating it') });
    // It looks again on the transient backoff (2 s at attempt 2), not after the whole lease.
    expect(second).toMatchObject({ delayInMs: 2000 });
    expect(target.objects.size).toBe(0);
    // The late commit lands; once the lease has expired the next retry matches it.
    await late?.();
    now = new Date(now.getTime() + job.target.timeoutInMs + 31_000);
    const third = done(await run(3));
    expect(third.provisioningStatusInfo.errorInformation?.errorCode).toBe('RedundantExport');
    expect(target.objects.size).toBe(1);
  });
});

describe('reconcileObject: failures stay with their object', () => {
  it('turns a storage failure reading the staged row into a retry of that object alone', async () => {
    const { staging, run } = setup();
    staging.put('job1', 'User', '1', record('1'));
    staging.get = async () => {
      throw new TransientError('table unavailable');
    };
    expect(await run('1')).toMatchObject({ kind: 'retry', reason: 'table unavailable' });
  });

  it('retries an unclassified error and finally logs it as a failure', async () => {
    const { staging, target, run } = setup();
    staging.put('job1', 'User', '1', record('1'));
    target.failNext('findByAttribute', new TypeError('boom'));
    expect(await run('1')).toMatchObject({ kind: 'retry', reason: 'Unexpected error: boom' });
    target.failNext('findByAttribute', new TypeError('boom'));
    const log = done(await run('1', 3));
    expect(log.provisioningStatusInfo.errorInformation?.errorCode).toBe('UnexpectedError');
  });
});
