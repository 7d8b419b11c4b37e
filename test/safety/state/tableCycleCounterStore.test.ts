import { TableClientFactory } from '../../../src/state/tables/tableClientFactory';
import { TableCycleCounterStore } from '../../../src/state/tables/tableCycleCounterStore';
import { testStorageConnection, uniqueName } from '../../support/names';

async function newStore(): Promise<TableCycleCounterStore> {
  const factory = new TableClientFactory({ connectionString: testStorageConnection(), tablePrefix: uniqueName('t') });
  return new TableCycleCounterStore(await factory.getTableClient('CycleCounters'));
}

describe('TableCycleCounterStore (Azurite)', () => {
  let store: TableCycleCounterStore;
  beforeAll(async () => {
    store = await newStore();
  });

  it('sums the writes of one cycle, apart from other cycles and jobs', async () => {
    await store.add('job1', 'c1', 'w1', { 'create.success': 2, 'other.failure': 1 });
    await store.add('job1', 'c1', 'w2', { 'create.success': 3 });
    await store.add('job1', 'c2', 'w1', { 'create.success': 100 });
    await store.add('job2', 'c1', 'w1', { 'create.success': 100 });
    expect(await store.sum('job1', 'c1')).toEqual({ 'create.success': 5, 'other.failure': 1 });
    expect(await store.sum('job1', 'none')).toEqual({});
  });

  it('counts a write once however often it is repeated: the last one wins', async () => {
    await store.add('job1', 'c3', 'w1', { 'create.success': 1 });
    await store.add('job1', 'c3', 'w1', { 'create.success': 1 });
    await store.add('job1', 'c3', 'w1', { 'other.skipped': 1 });
    expect(await store.sum('job1', 'c3')).toEqual({ 'other.skipped': 1 });
  });

  it('keeps keys with characters tables refuse apart', async () => {
    await store.add('job/1', 'cycle#1', 'w?1', { 'delete.success': 1 });
    await store.add('job/1', 'cycle#1', 'w|1', { 'delete.success': 1 });
    expect(await store.sum('job/1', 'cycle#1')).toEqual({ 'delete.success': 2 });
  });

  it('allows fewer deletions than the threshold: a threshold of 3 permits 2', async () => {
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await store.reserveDeletion('job1', 'd1', 3));
    expect(verdicts).toEqual(['allowed', 'allowed', 'held', 'held']);
    // Reservations are no reconcile counts.
    expect(await store.sum('job1', 'd1')).toEqual({});
  });

  it('holds every deletion with a threshold of 1', async () => {
    expect(await store.reserveDeletion('job1', 'd2', 1, 'a')).toBe('held');
  });

  it('gives the same verdict to the same object twice, and counts it once', async () => {
    expect(await store.reserveDeletion('job1', 'd3', 3, 'a')).toBe('allowed');
    expect(await store.reserveDeletion('job1', 'd3', 3, 'a')).toBe('allowed');
    expect(await store.reserveDeletion('job1', 'd3', 3, 'b')).toBe('allowed');
    expect(await store.reserveDeletion('job1', 'd3', 3, 'c')).toBe('held');
    expect(await store.reserveDeletion('job1', 'd3', 3, 'c')).toBe('held');
    expect(await store.reserveDeletion('job1', 'd3', 3, 'a')).toBe('allowed');
  });

  it('is atomic across concurrent handlers: exactly threshold - 1 of many racing deletions are allowed', async () => {
    // Four handlers, each with its own client on one table, each reserving six objects at once.
    const factory = new TableClientFactory({ connectionString: testStorageConnection(), tablePrefix: uniqueName('t') });
    const handlers = await Promise.all([1, 2, 3, 4].map(async () => new TableCycleCounterStore(await factory.getTableClient('CycleCounters'))));
    const verdicts = await Promise.all(handlers.flatMap((handler, h) => [0, 1, 2, 3, 4, 5].map((i) => handler.reserveDeletion('job1', 'race', 10, `obj-${h}-${i}`))));
    expect(verdicts).toHaveLength(24);
    expect(verdicts.filter((v) => v === 'allowed')).toHaveLength(9);
  });
});
