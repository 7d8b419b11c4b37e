import { TableClientFactory } from '../../../src/state/tables/tableClientFactory';
import { TableStagingStore } from '../../../src/state/tables/tableStagingStore';
import { ValidationError } from '../../../src/domain/errors';
import type { StagedKey, StageRecord, StagingStore } from '../../../src/state/stagingStore';
import { MemoryStagingStore } from '../../support/fakes/memoryStagingStore';
import { stagingBucket } from '../../../src/state/tables/stagingBucket';
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

/**
 * Change detection, the listing for a full read's sweep, and forgetting links: run against the Table adapter and
 * the in-memory fake, so that use-case tests on the fake see what production does.
 */
describe.each([
  ['TableStagingStore (Azurite)', async (): Promise<StagingStore> => new TableStagingStore(await new TableClientFactory({ connectionString: testStorageConnection(), tablePrefix: uniqueName('t') }).getTableClient('Staged'))],
  ['MemoryStagingStore', async (): Promise<StagingStore> => new MemoryStagingStore()],
])('%s: changes, sweeps and links', (_name, create) => {
  let store: StagingStore;
  beforeEach(async () => {
    store = await create();
  });

  async function allKeys(jobId: string, objectType: string, pageSize?: number): Promise<StagedKey[]> {
    const keys: StagedKey[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await store.listKeys(jobId, objectType, { ...(pageSize ? { pageSize } : {}), ...(continuationToken ? { continuationToken } : {}) });
      if (pageSize) expect(page.keys.length).toBeLessThanOrEqual(pageSize);
      keys.push(...page.keys);
      continuationToken = page.continuationToken;
    } while (continuationToken);
    return keys.sort((a, b) => a.sourceKey.localeCompare(b.sourceKey));
  }

  it('writes objects a window reconciled with their link or create lease, as seen by the cycle, and unchanged when staged the same again', async () => {
    await store.insertReconciled('j', 'User', [{ sourceKey: 'a', data: { x: 1 }, targetId: 't-a' }, { sourceKey: 'b', data: { x: 2 }, creatingUntil: '2026-01-01T00:01:00.000Z' }, { sourceKey: 'c', data: { x: 3 } }], AT, { cycleId: 'c1', page: 0 });
    expect(await store.get('j', 'User', 'a')).toMatchObject({ data: { x: 1 }, targetId: 't-a', stagedAt: AT });
    const b = await store.get('j', 'User', 'b');
    expect(b).toMatchObject({ data: { x: 2 }, creatingUntil: '2026-01-01T00:01:00.000Z' });
    expect(b?.targetId).toBeUndefined();
    expect((await allKeys('j', 'User')).map((k) => [k.sourceKey, k.lastSeenCycle, k.deleted])).toEqual([
      ['a', 'c1', false],
      ['b', 'c1', false],
      ['c', 'c1', false],
    ]);
    // The content hash was written: the next cycle finds a and c unchanged.
    expect(await store.stage('j', 'User', [{ sourceKey: 'a', data: { x: 1 } }, { sourceKey: 'c', data: { x: 4 } }], AT, { cycleId: 'c2', page: 0 })).toEqual({ changedKeys: ['c'], seenInCycleKeys: [] });
    expect(await store.get('j', 'User', 'a')).toMatchObject({ targetId: 't-a' });
  });

  it('keeps the data and link of a row that exists after all, which only gains the cycle mark and a missing link', async () => {
    await store.stage('j', 'User', [{ sourceKey: 'a', data: { x: 'pushed' } }, { sourceKey: 'b', data: { x: 'pushed' } }], AT);
    const a = await store.get('j', 'User', 'a');
    expect(await store.recordLink(a!, 't-mine')).toBe('recorded');
    await store.insertReconciled('j', 'User', [{ sourceKey: 'a', data: { x: 'window' }, targetId: 't-window' }, { sourceKey: 'b', data: { x: 'window' }, targetId: 't-b' }], AT, { cycleId: 'c1', page: 3 });
    expect(await store.get('j', 'User', 'a')).toMatchObject({ data: { x: 'pushed' }, targetId: 't-mine' });
    expect(await store.get('j', 'User', 'b')).toMatchObject({ data: { x: 'pushed' }, targetId: 't-b' });
    expect((await allKeys('j', 'User')).map((k) => k.lastSeenCycle)).toEqual(['c1', 'c1']);
  });

  it('writes hundreds of reconciled rows at once, falling back row by row where a partition holds one that exists', async () => {
    // Two keys in the same staging partition, one of them staged before (on-demand provisioning raced the window).
    const keys = Array.from({ length: 400 }, (_, i) => `k${i}`);
    const sameBucket = keys.filter((k) => stagingBucket(k) === stagingBucket('k0'));
    expect(sameBucket.length).toBeGreaterThan(1);
    await store.stage('j', 'User', [{ sourceKey: 'k0', data: { x: 'pushed' } }], AT);
    await store.insertReconciled('j', 'User', keys.map((k, i) => ({ sourceKey: k, data: { x: k }, targetId: `t-${k}`, page: i % 4 })), AT, { cycleId: 'c1', page: 0 });
    expect(await store.get('j', 'User', 'k0')).toMatchObject({ data: { x: 'pushed' }, targetId: 't-k0' });
    const other = sameBucket[1]!;
    expect(await store.get('j', 'User', other)).toMatchObject({ data: { x: other }, targetId: `t-${other}` });
    expect(await store.get('j', 'User', 'k399')).toMatchObject({ data: { x: 'k399' }, targetId: 't-k399' });
    expect((await allKeys('j', 'User')).filter((k) => k.lastSeenCycle === 'c1')).toHaveLength(400);
    // Each row records the page that read it: the same page done again is not an earlier one.
    expect(await store.stage('j', 'User', [{ sourceKey: 'k1', data: { x: 'k1' } }, { sourceKey: 'k2', data: { x: 'k2' } }], AT, { cycleId: 'c1', page: 2 })).toEqual({ changedKeys: [], seenInCycleKeys: ['k1'] });
  });

  it('reports records an earlier page of this cycle staged with the same content as seen in the cycle, not in another cycle', async () => {
    await store.stage('j', 'User', [{ sourceKey: 'a', data: { x: 1 } }, { sourceKey: 'b', data: { x: 1 } }], AT, { cycleId: 'c1', page: 0 });
    const again = await store.stage('j', 'User', [{ sourceKey: 'a', data: { x: 1 } }, { sourceKey: 'b', data: { x: 2 } }], AT, { cycleId: 'c1', page: 1 });
    expect(again).toEqual({ changedKeys: ['b'], seenInCycleKeys: ['a'] });
    expect(await store.stage('j', 'User', [{ sourceKey: 'a', data: { x: 1 } }], AT, { cycleId: 'c2', page: 1 })).toEqual({ changedKeys: [], seenInCycleKeys: [] });
  });

  it('does not report the records of the same page done again as seen: its first attempt may have died before enqueueing them', async () => {
    const page = [{ sourceKey: 'a', data: { x: 1 } }, { sourceKey: 'b', data: { x: 1 } }];
    await store.stage('j', 'User', page, AT, { cycleId: 'c1', page: 3 });
    expect(await store.stage('j', 'User', page, AT, { cycleId: 'c1', page: 3 })).toEqual({ changedKeys: [], seenInCycleKeys: [] });
    // Page 4 overlaps page 3, which was done (and enqueued) before page 4 could start; page 4 done again likewise.
    expect(await store.stage('j', 'User', [{ sourceKey: 'b', data: { x: 1 } }, { sourceKey: 'c', data: { x: 1 } }], AT, { cycleId: 'c1', page: 4 })).toEqual({ changedKeys: ['c'], seenInCycleKeys: ['b'] });
    expect(await store.stage('j', 'User', [{ sourceKey: 'b', data: { x: 1 } }, { sourceKey: 'c', data: { x: 1 } }], AT, { cycleId: 'c1', page: 4 })).toEqual({ changedKeys: [], seenInCycleKeys: ['b'] });
    // New content on a page is that page's: done again, it is not seen either.
    await store.stage('j', 'User', [{ sourceKey: 'a', data: { x: 2 } }], AT, { cycleId: 'c1', page: 5 });
    expect(await store.stage('j', 'User', [{ sourceKey: 'a', data: { x: 2 } }], AT, { cycleId: 'c1', page: 5 })).toEqual({ changedKeys: [], seenInCycleKeys: [] });
    // Without a page, nothing is reported as seen.
    expect(await store.stage('j', 'User', page, AT, { cycleId: 'c1' })).toMatchObject({ seenInCycleKeys: [] });
  });

  it('inserts expected-new records without reading, and still compares one that exists', async () => {
    await store.stage('j', 'User', [{ sourceKey: 'old', data: { x: 1 } }], AT, { cycleId: 'c1' });
    const result = await store.stage('j', 'User', [{ sourceKey: 'old', data: { x: 1 } }, { sourceKey: 'new', data: { x: 1 } }], AT, { cycleId: 'c2', expectNew: true });
    expect(result).toEqual({ changedKeys: ['new'], seenInCycleKeys: [] });
    expect((await store.get('j', 'User', 'new'))?.data).toEqual({ x: 1 });
    expect((await allKeys('j', 'User')).map((k) => [k.sourceKey, k.lastSeenCycle])).toEqual([
      ['new', 'c2'],
      ['old', 'c2'],
    ]);
  });

  it('reports new and changed records as changed, and the same content in another property order as unchanged', async () => {
    const cycle = { cycleId: 'c1' };
    expect((await store.stage('j', 'User', [{ sourceKey: 'a', data: { x: 1, y: { p: 1, q: [1, 2] } } }, { sourceKey: 'b', data: { x: 1 } }], AT, cycle)).changedKeys).toEqual(['a', 'b']);
    const before = await store.get('j', 'User', 'a');
    expect((await store.stage('j', 'User', [{ sourceKey: 'a', data: { y: { q: [1, 2], p: 1 }, x: 1 } }, { sourceKey: 'b', data: { x: 2 } }], AT, cycle)).changedKeys).toEqual(['b']);
    // An unchanged restage leaves the row alone, so a reconcile that read it can still record its link.
    expect((await store.get('j', 'User', 'a'))?.etag).toBe(before?.etag);
    expect(await store.recordLink(before!, 't-a')).toBe('recorded');
    // Array order is content.
    expect((await store.stage('j', 'User', [{ sourceKey: 'a', data: { x: 1, y: { p: 1, q: [2, 1] } } }], AT, { cycleId: 'c2' })).changedKeys).toEqual(['a']);
    expect((await store.get('j', 'User', 'a'))?.targetId).toBe('t-a');
  });

  it('detects changes of versioned records without a cycle too (pushes with source versions)', async () => {
    const v = (n: number) => `2026-01-01T00:00:0${n}.000Z`;
    expect((await store.stage('j', 'User', [{ sourceKey: 'a', data: { n: 1 }, sourceVersion: v(1) }], AT)).changedKeys).toEqual(['a']);
    expect((await store.stage('j', 'User', [{ sourceKey: 'a', data: { n: 1 }, sourceVersion: v(2) }], AT)).changedKeys).toEqual([]);
    // The newer version was recorded all the same: the older one no longer stages.
    expect((await store.stage('j', 'User', [{ sourceKey: 'a', data: { n: 0 }, sourceVersion: v(1) }], AT)).changedKeys).toEqual([]);
    expect((await store.get('j', 'User', 'a'))?.data).toEqual({ n: 1 });
  });

  it('stages a bulk upload (no versions, no cycle) blindly and reports every key', async () => {
    await store.stage('bulk', 'User', [{ sourceKey: 'a', data: { n: 1 } }], AT);
    const before = await store.get('bulk', 'User', 'a');
    expect((await store.stage('bulk', 'User', [{ sourceKey: 'a', data: { n: 1 } }, { sourceKey: 'b', data: {} }], '2026-01-02T00:00:00.000Z')).changedKeys).toEqual(['a', 'b']);
    expect(await store.get('bulk', 'User', 'a')).toMatchObject({ data: { n: 1 }, stagedAt: '2026-01-02T00:00:00.000Z' });
    expect((await store.get('bulk', 'User', 'a'))?.etag).not.toBe(before?.etag);
  });

  it('counts an object back after a delete as changed, and an older version as unchanged', async () => {
    await store.stage('j', 'User', [{ sourceKey: 'a', data: { n: 1 }, sourceVersion: '2026-01-01T00:00:02.000Z' }], AT);
    await store.markDeleted('j', 'User', 'a', AT);
    expect((await store.stage('j', 'User', [{ sourceKey: 'a', data: { n: 1 }, sourceVersion: '2026-01-01T00:00:02.000Z' }], AT)).changedKeys).toEqual(['a']);
    expect((await store.get('j', 'User', 'a'))?.deleted).toBeUndefined();
    expect((await store.stage('j', 'User', [{ sourceKey: 'a', data: { n: 0 }, sourceVersion: '2026-01-01T00:00:01.000Z' }], AT)).changedKeys).toEqual([]);
    expect((await store.get('j', 'User', 'a'))?.data).toEqual({ n: 1 });
  });

  it('lists a job\'s keys of one type in pages, with the cycle that last saw each, and no other job\'s or type\'s', async () => {
    const records = Array.from({ length: 7 }, (_, i) => ({ sourceKey: `k${i}`, data: { i } }));
    await store.stage('sweep', 'User', records, AT, { cycleId: 'c1' });
    await store.stage('sweep', 'Group', [{ sourceKey: 'g', data: {} }], AT, { cycleId: 'c1' });
    await store.stage('sweep2', 'User', [{ sourceKey: 'other', data: {} }], AT, { cycleId: 'c1' });
    await store.stage('swee', 'User', [{ sourceKey: 'prefix', data: {} }], AT, { cycleId: 'c1' });
    // The next cycle sees k0-k4 (k0 changed, the others not) and a push restages k5 without a cycle.
    expect((await store.stage('sweep', 'User', [{ sourceKey: 'k0', data: { i: 'new' } }, ...records.slice(1, 5)], AT, { cycleId: 'c2' })).changedKeys).toEqual(['k0']);
    await store.stage('sweep', 'User', [{ sourceKey: 'k5', data: { i: 'pushed' } }], '2026-01-05T00:00:00.000Z');
    await store.markDeleted('sweep', 'User', 'k6', AT);
    const keys = await allKeys('sweep', 'User', 3);
    expect(keys.map((k) => [k.sourceKey, k.lastSeenCycle, k.deleted])).toEqual([
      ['k0', 'c2', false],
      ['k1', 'c2', false],
      ['k2', 'c2', false],
      ['k3', 'c2', false],
      ['k4', 'c2', false],
      ['k5', 'c1', false],
      ['k6', 'c1', true],
    ]);
    expect(keys.find((k) => k.sourceKey === 'k5')?.stagedAt).toBe('2026-01-05T00:00:00.000Z');
    expect((await allKeys('sweep', 'Group')).map((k) => k.sourceKey)).toEqual(['g']);
    expect(await allKeys('nobody', 'User')).toEqual([]);
  });

  it('marks deleted only if the row is still the one listed, when asked to', async () => {
    await store.stage('cond', 'User', [{ sourceKey: 'a', data: { v: 1 } }, { sourceKey: 'b', data: { v: 1 } }], AT, { cycleId: 'c1' });
    const [a, b] = await allKeys('cond', 'User');
    await store.stage('cond', 'User', [{ sourceKey: 'b', data: { v: 2 } }], AT); // restaged by a push after the listing
    expect(await store.markDeleted('cond', 'User', 'a', AT, { ifEtag: a!.etag })).toBe('marked');
    expect(await store.markDeleted('cond', 'User', 'b', AT, { ifEtag: b!.etag })).toBe('stale');
    expect((await store.get('cond', 'User', 'a'))?.deleted).toBe(true);
    expect(await store.get('cond', 'User', 'b')).toMatchObject({ data: { v: 2 } });
    expect((await store.get('cond', 'User', 'b'))?.deleted).toBeUndefined();
  });

  it('clears every link and create lease of one job, page by page, and keeps the data', async () => {
    await store.stage('links', 'User', Array.from({ length: 5 }, (_, i) => ({ sourceKey: `u${i}`, data: { i } })), AT);
    await store.stage('links', 'Group', [{ sourceKey: 'g', data: { g: 1 } }], AT);
    await store.stage('links2', 'User', [{ sourceKey: 'u0', data: {} }], AT);
    for (const [type, key] of [['User', 'u0'], ['User', 'u1'], ['User', 'u3'], ['Group', 'g']] as const) {
      expect(await store.recordLink((await store.get('links', type, key))!, `t-${key}`)).toBe('recorded');
    }
    expect(await store.claimCreate((await store.get('links', 'User', 'u4'))!, '2099-01-01T00:00:00.000Z')).not.toBe('stale');
    expect(await store.recordLink((await store.get('links2', 'User', 'u0'))!, 'keep')).toBe('recorded');
    let cleared = 0;
    let pages = 0;
    let continuationToken: string | undefined;
    do {
      const page = await store.clearLinks('links', { pageSize: 2, ...(continuationToken ? { continuationToken } : {}) });
      cleared += page.cleared;
      pages++;
      continuationToken = page.continuationToken;
    } while (continuationToken);
    expect(cleared).toBe(5);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (const [type, key] of [['User', 'u0'], ['User', 'u1'], ['User', 'u3'], ['User', 'u4'], ['Group', 'g']] as const) {
      const staged = await store.get('links', type, key);
      expect(staged?.targetId).toBeUndefined();
      expect(staged?.creatingUntil).toBeUndefined();
      expect(staged?.data).toBeDefined();
    }
    expect((await store.get('links', 'Group', 'g'))?.data).toEqual({ g: 1 });
    expect((await store.get('links2', 'User', 'u0'))?.targetId).toBe('keep');
  });
});
