import type { HeldDeletion } from '../../../src/state/stagedDeleteStore';
import { TableClientFactory } from '../../../src/state/tables/tableClientFactory';
import { TableStagedDeleteStore } from '../../../src/state/tables/tableStagedDeleteStore';
import { testStorageConnection, uniqueName } from '../../support/names';

const held = (sourceKey: string, overrides: Partial<HeldDeletion> = {}): HeldDeletion => ({
  jobId: 'job1',
  objectType: 'User',
  sourceKey,
  action: 'delete',
  targetId: `t-${sourceKey}`,
  cycleId: 'c1',
  heldAt: '2026-11-21T10:00:00.000Z',
  ...overrides,
});

describe('TableStagedDeleteStore (Azurite)', () => {
  let store: TableStagedDeleteStore;
  beforeEach(async () => {
    const factory = new TableClientFactory({ connectionString: testStorageConnection(), tablePrefix: uniqueName('t') });
    store = new TableStagedDeleteStore(await factory.getTableClient('StagedDeletes'));
  });

  it('lists what the job holds, one record per object, the newest hold winning', async () => {
    await store.hold(held('a'));
    await store.hold(held('b/1?', { action: 'disable', objectType: 'Group' }));
    await store.hold(held('a', { cycleId: 'c2' }));
    await store.hold(held('x', { jobId: 'job2' }));
    const listed = await store.list('job1');
    expect(listed.map(({ etag: _etag, ...rest }) => rest).sort((l, r) => l.sourceKey.localeCompare(r.sourceKey))).toEqual([
      held('a', { cycleId: 'c2' }),
      held('b/1?', { action: 'disable', objectType: 'Group' }),
    ]);
    expect(listed.every((d) => d.etag.length > 0)).toBe(true);
  });

  it('forgets a released hold, and a release repeated is no error', async () => {
    await store.hold(held('a'));
    const [listed] = await store.list('job1');
    if (!listed) throw new Error('nothing listed');
    await store.release(listed);
    await store.release(listed);
    expect(await store.list('job1')).toEqual([]);
  });

  it('keeps a hold renewed after it was listed: the release applies only to the version listed', async () => {
    await store.hold(held('a'));
    const [listed] = await store.list('job1');
    if (!listed) throw new Error('nothing listed');
    await store.hold(held('a', { cycleId: 'c9' }));
    await store.release(listed);
    expect((await store.list('job1')).map((d) => d.cycleId)).toEqual(['c9']);
  });
});
