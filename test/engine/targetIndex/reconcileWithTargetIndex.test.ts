import { ConflictError, NotFoundError, OutcomeUnknownError, PermanentError } from '../../../src/domain/errors';
import type { JsonObject } from '../../../src/domain/identityObject';
import type { JobDefinition } from '../../../src/domain/jobDefinition';
import { dropTargetIndex } from '../../../src/engine/targetIndex/dropTargetIndex';
import { indexTargetPage } from '../../../src/engine/targetIndex/indexTargetPage';
import { reconcileObject, type ReconcileOutcome } from '../../../src/engine/reconcileObject';
import { MemoryStagingStore } from '../../support/fakes/memoryStagingStore';
import { MemoryTargetConnector } from '../../support/fakes/memoryTargetConnector';
import { MemoryTargetIndexStore } from '../../support/fakes/memoryTargetIndexStore';
import { testJob } from '../../support/jobFixtures';

/*
 * Issue 5 "Measure": an initial cycle reads the target once, page by page, and matches against that snapshot,
 * so it costs about one request per object (the create or update) instead of Entra's GET-then-POST.
 */
const INDEX = 'ix-1';

function source(n: number, extra: JsonObject = {}): JsonObject {
  return { externalId: `w${n}`, userName: `user${n}@contoso.example`, active: true, name: { givenName: `Given${n}`, familyName: 'Example' }, ...extra };
}

function setup(job: JobDefinition = testJob()) {
  const staging = new MemoryStagingStore();
  const target = new MemoryTargetConnector();
  const targetIndexes = new MemoryTargetIndexStore();
  let ids = 0;
  const deps = { staging, connector: target, targetIndexes, now: () => new Date('2026-11-21T10:00:00Z'), newId: () => `id-${++ids}` };
  const run = (sourceKey: string, options: { attempt?: number; targetIndex?: string | null } = {}): Promise<ReconcileOutcome> =>
    reconcileObject(deps, {
      job,
      objectType: 'User',
      sourceKey,
      cycleId: 'cycle-1',
      attempt: options.attempt ?? 1,
      ...(options.targetIndex === null ? {} : { targetIndex: options.targetIndex ?? INDEX }),
    });
  /** The cycle's 'targetIndex' phase: one call per page until the cursor runs out. */
  const buildIndex = async (pageSize: number): Promise<number> => {
    let cursor: string | undefined;
    let pages = 0;
    do {
      const result = await indexTargetPage({ connector: target, targetIndexes, pageSize }, job, INDEX, cursor);
      cursor = result.nextCursor;
      pages++;
    } while (cursor !== undefined);
    return pages;
  };
  return { staging, target, targetIndexes, run, buildIndex };
}

function done(outcome: ReconcileOutcome) {
  if (outcome.kind !== 'done') throw new Error(`expected a log entry, got a retry: ${outcome.reason}`);
  return outcome.log;
}

function count(calls: readonly string[], name: string): number {
  return calls.filter((c) => c === name).length;
}

describe('an initial cycle matched against the target index', () => {
  it('creates N new objects with N creates and one listing: no GET per object', async () => {
    const { staging, target, run, buildIndex } = setup();
    const n = 40;
    await buildIndex(100);
    for (let i = 1; i <= n; i++) staging.put('job1', 'User', String(i), source(i));
    for (let i = 1; i <= n; i++) expect(done(await run(String(i))).provisioningAction).toBe('create');
    expect(target.calls).toEqual(['listPage', ...Array<string>(n).fill('create')]);
    expect(target.calls.length / n).toBeLessThanOrEqual(1.05);
    expect(target.objects.size).toBe(n);
  });

  it('reads M existing objects in ceil(M / pageSize) pages, then matches and updates them from the index, without reading them again', async () => {
    const { staging, target, run, buildIndex } = setup();
    // Five accounts exist already, userNames spelled in another case, their given names out of date.
    for (let i = 1; i <= 5; i++) await target.create('User', { userName: `USER${i}@Contoso.example`, name: { givenName: 'Old' }, active: true });
    for (let i = 1; i <= 12; i++) staging.put('job1', 'User', String(i), source(i));
    target.calls.length = 0;
    expect(await buildIndex(2)).toBe(3);
    expect(target.calls).toEqual(['listPage', 'listPage', 'listPage']);
    target.calls.length = 0;
    const logs = [];
    for (let i = 1; i <= 12; i++) logs.push(done(await run(String(i))));
    expect(logs.map((l) => l.provisioningAction)).toEqual([...Array<string>(5).fill('update'), ...Array<string>(7).fill('create')]);
    expect(count(target.calls, 'update')).toBe(5);
    expect(count(target.calls, 'create')).toBe(7);
    expect(count(target.calls, 'findByAttribute') + count(target.calls, 'getById')).toBe(0);
    expect(target.objects.size).toBe(12);
    // The update was diffed against the indexed data: only what differed was sent.
    const first = logs[0];
    expect(first?.modifiedProperties.map((p) => [p.displayName, p.oldValue, p.newValue])).toEqual(
      expect.arrayContaining([['name.givenName', 'Old', 'Given1']]),
    );
    expect(first?.provisioningSteps.find((s) => s.name === 'EntrySynchronizationUpdate')?.details).toMatchObject({ JoiningProperty: 'userName', MatchedIn: 'TargetIndex' });
    expect((await staging.get('job1', 'User', '1'))?.targetId).toBe(first?.targetIdentity.id);
  });

  it('fails with DuplicateTargetEntries when an indexed value names two target objects', async () => {
    const { staging, target, run, buildIndex } = setup();
    await target.create('User', { userName: 'user1@contoso.example' });
    await target.create('User', { userName: 'User1@Contoso.example' });
    await buildIndex(1);
    staging.put('job1', 'User', '1', source(1));
    const log = done(await run('1'));
    expect(log.provisioningStatusInfo.errorInformation?.errorCode).toBe('DuplicateTargetEntries');
    expect(count(target.calls, 'create')).toBe(2);
  });

  it('matches with a GET when the create conflicts because the object arrived after the snapshot, and updates it', async () => {
    const { staging, target, run, buildIndex } = setup();
    await buildIndex(100);
    const late = await target.create('User', { userName: 'user1@contoso.example', name: { givenName: 'Late' } });
    target.calls.length = 0;
    target.failNext('create', new ConflictError('userName user1@contoso.example is already in use'));
    staging.put('job1', 'User', '1', source(1));
    const log = done(await run('1'));
    expect(log.provisioningAction).toBe('update');
    expect(log.targetIdentity.id).toBe(late.id);
    expect(target.calls).toEqual(['create', 'findByAttribute', 'findByAttribute', 'update']);
    expect(log.provisioningSteps.map((s) => [s.name, s.status])).toEqual([
      ['EntryImportAdd', 'success'],
      ['EntrySynchronizationScoping', 'success'],
      ['EntrySynchronizationAdd', 'success'],
      ['EntryImportObjectNotFound', 'warning'],
      ['EntryImportAdd', 'success'],
      ['EntrySynchronizationScoping', 'success'],
      ['EntrySynchronizationUpdate', 'success'],
      ['EntryExportUpdate', 'success'],
    ]);
    expect(target.objects.size).toBe(1);
  });

  it('matches with a GET when the indexed object is gone from the target by the time it is updated', async () => {
    const { staging, target, run, buildIndex } = setup();
    const gone = await target.create('User', { userName: 'user1@contoso.example', name: { givenName: 'Old' } });
    await buildIndex(100);
    await target.delete('User', gone.id);
    target.calls.length = 0;
    target.failNext('update', new NotFoundError(`SCIM target answered 404 to PATCH /Users/${gone.id}`));
    staging.put('job1', 'User', '1', source(1));
    const log = done(await run('1'));
    expect(log.provisioningAction).toBe('create');
    expect(target.calls).toEqual(['update', 'findByAttribute', 'findByAttribute', 'create']);
    expect(target.objects.size).toBe(1);
  });

  it('never trusts the index again for an object whose create may have reached the target (outcome unknown)', async () => {
    const { staging, target, run, buildIndex } = setup();
    await buildIndex(100);
    staging.put('job1', 'User', '1', source(1));
    target.failNext('create', new OutcomeUnknownError('SCIM target timed out during POST /Users'));
    expect((await run('1')).kind).toBe('retry');
    // The target did apply it.
    await target.create('User', { ...source(1), name: { givenName: 'Given1', familyName: 'Example' } });
    target.calls.length = 0;
    const log = done(await run('1', { attempt: 2 }));
    expect(log.provisioningAction).not.toBe('create');
    expect(target.calls[0]).toBe('findByAttribute');
    expect(count(target.calls, 'create')).toBe(0);
    expect(target.objects.size).toBe(1);
  });

  it('asks the target when the index is gone (a late message after the cycle dropped it)', async () => {
    const { staging, target, targetIndexes, run, buildIndex } = setup();
    await buildIndex(100);
    await dropTargetIndex({ targetIndexes }, 'job1', INDEX);
    await dropTargetIndex({ targetIndexes }, 'job1', INDEX);
    staging.put('job1', 'User', '1', source(1));
    target.calls.length = 0;
    expect(done(await run('1')).provisioningAction).toBe('create');
    expect(target.calls).toEqual(['findByAttribute', 'findByAttribute', 'create']);
  });

  it('reads by id only an object the index holds without data (too large to keep)', async () => {
    const { staging, target, targetIndexes, run } = setup();
    const big = await target.create('User', { userName: 'user1@contoso.example', name: { givenName: 'Old' } });
    await targetIndexes.add('job1', INDEX, [{ targetType: 'urn:ietf:params:scim:schemas:core:2.0:user', attribute: 'username', value: 'user1@contoso.example', target: { id: big.id } }]);
    staging.put('job1', 'User', '1', source(1));
    target.calls.length = 0;
    const log = done(await run('1'));
    expect(log.provisioningAction).toBe('update');
    expect(target.calls).toEqual(['getById', 'update']);
  });

  it('goes through the link, not the index, for an object provisioned before', async () => {
    const { staging, target, targetIndexes, run, buildIndex } = setup();
    staging.put('job1', 'User', '1', source(1));
    done(await run('1', { targetIndex: null }));
    await buildIndex(100);
    target.calls.length = 0;
    const lookups = targetIndexes.lookups;
    expect(done(await run('1')).provisioningStatusInfo.errorInformation?.errorCode).toBe('RedundantExport');
    expect(target.calls).toEqual(['getById']);
    expect(targetIndexes.lookups).toBe(lookups);
  });

  it('refuses to index a target that cannot list its objects', async () => {
    const { targetIndexes } = setup();
    const { listPage: _omitted, ...rest } = Object.getOwnPropertyDescriptors(MemoryTargetConnector.prototype);
    const cannotList = Object.create(Object.prototype, rest) as MemoryTargetConnector;
    await expect(indexTargetPage({ connector: cannotList, targetIndexes }, testJob(), INDEX)).rejects.toThrow(PermanentError);
  });
});
