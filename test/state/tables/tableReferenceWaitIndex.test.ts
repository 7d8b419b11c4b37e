import { TableClientFactory } from '../../../src/state/tables/tableClientFactory';
import { TableReferenceWaitIndex } from '../../../src/state/tables/tableReferenceWaitIndex';
import { testStorageConnection, uniqueName } from '../../support/names';

describe('TableReferenceWaitIndex (Azurite)', () => {
  let index: TableReferenceWaitIndex;
  beforeEach(async () => {
    const factory = new TableClientFactory({ connectionString: testStorageConnection(), tablePrefix: uniqueName('t') });
    index = new TableReferenceWaitIndex(await factory.getTableClient('ReferenceWaits'));
  });

  it('lists who waits for a referenced key, per job and type, each once, keys with reserved characters included', async () => {
    await index.recordWait('job1', 'User', 'boss/1#?', 'w|1');
    await index.recordWait('job1', 'User', 'boss/1#?', 'w%2');
    await index.recordWait('job1', 'User', 'boss/1#?', 'w|1');
    await index.recordWait('job1', 'Group', 'boss/1#?', 'g1');
    await index.recordWait('job2', 'User', 'boss/1#?', 'x');
    await index.recordWait('job1', 'User', 'boss', 'y');
    expect((await index.waitersFor('job1', 'User', 'boss/1#?')).sort()).toEqual(['w%2', 'w|1']);
    expect(await index.waitersFor('job1', 'Group', 'boss/1#?')).toEqual(['g1']);
    expect(await index.waitersFor('job2', 'User', 'boss/1#?')).toEqual(['x']);
    expect(await index.waitersFor('job1', 'User', 'nobody')).toEqual([]);
  });

  it('clears only the named waits, and clearing twice is harmless', async () => {
    await index.recordWait('job1', 'User', 'boss', 'w1');
    await index.recordWait('job1', 'User', 'boss', 'w2');
    await index.clearWaits('job1', 'User', 'boss', ['w1', 'never-waited']);
    await index.clearWaits('job1', 'User', 'boss', ['w1']);
    expect(await index.waitersFor('job1', 'User', 'boss')).toEqual(['w2']);
  });
});
