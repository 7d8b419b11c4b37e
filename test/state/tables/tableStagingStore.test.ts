import { TableClientFactory } from '../../../src/state/tables/tableClientFactory';
import { TableStagingStore } from '../../../src/state/tables/tableStagingStore';
import { ValidationError } from '../../../src/domain/errors';
import type { StageRecord } from '../../../src/state/stagingStore';
import { testStorageConnection, uniqueName } from '../../support/names';

const AT = '2026-01-01T00:00:00.000Z';

describe('TableStagingStore (Azurite)', () => {
  let store: TableStagingStore;
  /** Lets the service, not our pre-check, reject an oversize entity, to see the transaction roll back. */
  let lenientStore: TableStagingStore;

  beforeAll(async () => {
    const table = await new TableClientFactory({ connectionString: testStorageConnection(), tablePrefix: uniqueName('t') }).getTableClient('Staged');
    store = new TableStagingStore(table);
    lenientStore = new TableStagingStore(table, { maxDataChars: 40_000 });
  });

  it('stages and reads back, with an etag and no link', async () => {
    await store.stage('job1', 'User', [{ sourceKey: 'alice', data: { externalId: 'alice', active: true } }], AT);
    const staged = await store.get('job1', 'User', 'alice');
    expect(staged).toMatchObject({ jobId: 'job1', objectType: 'User', sourceKey: 'alice', data: { externalId: 'alice', active: true }, stagedAt: AT });
    expect(staged?.etag).toBeTruthy();
    expect(staged?.targetId).toBeUndefined();
    expect(await store.get('job1', 'User', 'nobody')).toBeUndefined();
  });

  it('marks an object deleted, keeping its data and link; staging it again undoes the mark', async () => {
    await store.stage('job1', 'User', [{ sourceKey: 'leaver', data: { externalId: 'leaver' } }], AT);
    const staged = await store.get('job1', 'User', 'leaver');
    expect(await store.recordLink(staged!, 'target-1')).toBe('recorded');
    await store.markDeleted('job1', 'User', 'leaver', '2026-02-01T00:00:00.000Z');
    expect(await store.get('job1', 'User', 'leaver')).toMatchObject({ deleted: true, targetId: 'target-1', data: { externalId: 'leaver' }, stagedAt: '2026-02-01T00:00:00.000Z' });
    await store.stage('job1', 'User', [{ sourceKey: 'leaver', data: { externalId: 'leaver', back: true } }], AT);
    const back = await store.get('job1', 'User', 'leaver');
    expect(back?.deleted).toBeUndefined();
    expect(back?.targetId).toBe('target-1');
  });

  it('marks a key that was never staged deleted as a row without data', async () => {
    await store.markDeleted('job1', 'User', 'ghost', AT);
    expect(await store.get('job1', 'User', 'ghost')).toMatchObject({ deleted: true, data: {} });
  });

  it('never stages an older source version over a newer one', async () => {
    await store.stage('job1', 'User', [{ sourceKey: 'v', data: { n: 2 }, sourceVersion: '2026-01-01T00:00:02.000Z' }], AT);
    await store.stage('job1', 'User', [{ sourceKey: 'v', data: { n: 1 }, sourceVersion: '2026-01-01T00:00:01.000Z' }], AT);
    expect((await store.get('job1', 'User', 'v'))?.data).toEqual({ n: 2 });
    await store.stage('job1', 'User', [{ sourceKey: 'v', data: { n: 3 }, sourceVersion: '2026-01-01T00:00:03.000Z' }], AT);
    expect((await store.get('job1', 'User', 'v'))?.data).toEqual({ n: 3 });
    // Concurrent stagers of different versions: the newest always ends staged.
    await Promise.all([5, 9, 7, 6, 8].map((n) => store.stage('job1', 'User', [{ sourceKey: 'v', data: { n }, sourceVersion: `2026-01-01T00:00:0${n}.000Z` }], AT)));
    expect((await store.get('job1', 'User', 'v'))?.data).toEqual({ n: 9 });
  });

  it('reports a storage failure part-way, and a retry of the same call makes it whole', async () => {
    const records: StageRecord[] = [
      { sourceKey: 'ok1', data: { n: 1 } },
      { sourceKey: 'huge', data: { blob: 'x'.repeat(33_000) } },
      { sourceKey: 'ok2', data: { n: 2 } },
    ];
    // The lenient store lets the service itself reject the oversize entity: the call fails as a whole.
    await expect(lenientStore.stage('partial', 'User', records, AT)).rejects.toThrow(/PropertyValueTooLarge|exceeds the maximum/);
    const fixed = records.map((r) => (r.sourceKey === 'huge' ? { sourceKey: 'huge', data: { n: 3 } } : r));
    await store.stage('partial', 'User', fixed, AT);
    for (const key of ['ok1', 'huge', 'ok2']) expect(await store.get('partial', 'User', key)).toBeDefined();
  });

  it('rejects oversize data itself, naming the record, before calling the service', async () => {
    const error = await store.stage('big', 'User', [{ sourceKey: 'a', data: {} }, { sourceKey: 'b', data: { blob: 'x'.repeat(32_001) } }], AT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([expect.objectContaining({ path: 'records[1].data' })]);
    expect(await store.get('big', 'User', 'a')).toBeUndefined();
  });

  it('throws on more than 100 records', async () => {
    const records = Array.from({ length: 101 }, (_, i) => ({ sourceKey: `k${i}`, data: {} }));
    await expect(store.stage('many', 'User', records, AT)).rejects.toThrow(/at most 100/);
  });

  it('stages exactly 100 records in one call', async () => {
    const records = Array.from({ length: 100 }, (_, i) => ({ sourceKey: `k${i}`, data: { i } }));
    await store.stage('hundred', 'User', records, AT);
    expect((await store.get('hundred', 'User', 'k99'))?.data).toEqual({ i: 99 });
  });

  it('lets the later record win when a key appears twice', async () => {
    await store.stage(
      'dedupe',
      'User',
      [
        { sourceKey: 'bob', data: { v: 1 } },
        { sourceKey: 'carol', data: { v: 1 } },
        { sourceKey: 'bob', data: { v: 2 } },
      ],
      AT,
    );
    expect((await store.get('dedupe', 'User', 'bob'))?.data).toEqual({ v: 2 });
    expect((await store.get('dedupe', 'User', 'carol'))?.data).toEqual({ v: 1 });
  });

  it('keeps the link when the object is restaged, and clears it on request', async () => {
    await store.stage('link', 'User', [{ sourceKey: 'dave', data: { v: 1 } }], AT);
    const first = await store.get('link', 'User', 'dave');
    expect(await store.recordLink(first!, 'target-42')).toBe('recorded');
    await store.stage('link', 'User', [{ sourceKey: 'dave', data: { v: 2 } }], '2026-01-02T00:00:00.000Z');
    const restaged = await store.get('link', 'User', 'dave');
    expect(restaged).toMatchObject({ data: { v: 2 }, targetId: 'target-42', stagedAt: '2026-01-02T00:00:00.000Z' });
    expect(await store.recordLink(restaged!, undefined)).toBe('recorded');
    expect((await store.get('link', 'User', 'dave'))?.targetId).toBeUndefined();
  });

  it('reports stale when the row was restaged since it was read, and writes nothing', async () => {
    await store.stage('stale', 'User', [{ sourceKey: 'erin', data: { v: 1 } }], AT);
    const read = await store.get('stale', 'User', 'erin');
    await store.stage('stale', 'User', [{ sourceKey: 'erin', data: { v: 2 } }], AT); // a concurrent upload
    expect(await store.recordLink(read!, 'target-1')).toBe('stale');
    const now = await store.get('stale', 'User', 'erin');
    expect(now?.targetId).toBeUndefined();
    expect(await store.recordLink(now!, 'target-1')).toBe('recorded');
  });

  it('reports stale when the row does not exist', async () => {
    const ghost = { jobId: 'ghost', objectType: 'User', sourceKey: 'nobody', data: {}, stagedAt: AT, etag: 'W/"datetime\'2026-01-01T00%3A00%3A00Z\'"' };
    expect(await store.recordLink(ghost, 'x')).toBe('stale');
  });

  it('round-trips keys with / # ? \\ %, control characters and unicode, and keeps object types apart', async () => {
    const keys = ['a/b', 'c#d', 'e?f', 'g\\h', '50%', 'tab\there', 'Zoë 山田 😀', 'x|y'];
    await store.stage('keys', 'User', keys.map((sourceKey, i) => ({ sourceKey, data: { i } })), AT);
    await store.stage('keys', 'Group', [{ sourceKey: 'a/b', data: { group: true } }], AT);
    for (const [i, key] of keys.entries()) {
      const staged = await store.get('keys', 'User', key);
      expect(staged).toMatchObject({ sourceKey: key, data: { i } });
    }
    expect((await store.get('keys', 'Group', 'a/b'))?.data).toEqual({ group: true });
  });
});
