import type { TableClient } from '@azure/data-tables';
import type { TargetIndexEntry } from '../../../src/state/targetIndexStore';
import { TableClientFactory } from '../../../src/state/tables/tableClientFactory';
import { TableTargetIndexStore } from '../../../src/state/tables/tableTargetIndexStore';
import { testStorageConnection, uniqueName } from '../../support/names';

const TYPE = 'user';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function entry(attribute: string, value: string, id: string, data: Record<string, string> = { userName: value }): TargetIndexEntry {
  return { targetType: TYPE, attribute, value, target: { id, data: { id, ...data } } };
}

describe('TableTargetIndexStore (Azurite)', () => {
  const calls = { submitTransaction: 0, createEntity: 0, updateEntity: 0, getEntity: 0 };
  let store: TableTargetIndexStore;
  let tablesMade: string[];
  /** The client of the latest call: the table of the index just used. */
  let lastClient: TableClient;

  beforeAll(() => {
    const factory = new TableClientFactory({ connectionString: testStorageConnection(), tablePrefix: uniqueName('t') });
    tablesMade = [];
    store = new TableTargetIndexStore({
      clientFor: (suffix) => {
        tablesMade.push(suffix);
        lastClient = counted(factory.clientFor(suffix));
        return lastClient;
      },
    });
  });

  /**
   * Counts the requests that reach Azurite, by the operation they are, to show that pages are written in
   * transactions (counted on the wire: transactions do not go through TableClient.submitTransaction).
   */
  function counted(client: TableClient): TableClient {
    // The factory hands out one client per table: count its requests once.
    if (client.pipeline.getOrderedPolicies().some((p) => p.name === 'count')) return client;
    client.pipeline.addPolicy({
      name: 'count',
      sendRequest: (request, next) => {
        const url = decodeURIComponent(request.url);
        if (url.endsWith('$batch')) calls.submitTransaction++;
        else if (request.method === 'POST' && !url.endsWith('/Tables')) calls.createEntity++;
        else if (request.method === 'PUT' || request.method === 'PATCH' || (request.method as string) === 'MERGE') calls.updateEntity++;
        else if (request.method === 'GET' && url.includes('(PartitionKey=')) calls.getEntity++;
        return next(request);
      },
    });
    return client;
  }

  function resetCalls(): void {
    for (const name of Object.keys(calls) as (keyof typeof calls)[]) calls[name] = 0;
  }

  it('answers missing for an index never built, and an empty list once the first (empty) page created it', async () => {
    const key = { targetType: TYPE, attribute: 'username', value: 'ada' };
    expect(await store.find('job1', 'empty', key)).toBe('missing');
    await store.add('job1', 'empty', []);
    expect(await store.find('job1', 'empty', key)).toEqual([]);
  });

  it('answers lookups in an empty index without a point read per lookup, and missing once it is dropped', async () => {
    await store.add('job1', 'blank', []);
    resetCalls();
    for (const value of ['a', 'b', 'c', 'd']) expect(await store.find('job1', 'blank', { targetType: TYPE, attribute: 'username', value })).toEqual([]);
    expect(calls.getEntity).toBe(0);
    await store.drop('job1', 'blank');
    expect(await store.find('job1', 'blank', { targetType: TYPE, attribute: 'username', value: 'a' })).toBe('missing');
  });

  it('finds each indexed value with its target data, under keys Table Storage would otherwise refuse', async () => {
    const odd = ['a/b\\c#d?e', 'pipe|percent%25', 'tab\there', 'ünïcødé 😀', '%%looks-like-a-digest'];
    await store.add('job1', 'odd', odd.map((value, i) => entry('username', value, `id${i}`)));
    for (const [i, value] of odd.entries()) {
      expect(await store.find('job1', 'odd', { targetType: TYPE, attribute: 'username', value })).toEqual([{ id: `id${i}`, data: { id: `id${i}`, userName: value } }]);
    }
    expect(await store.find('job1', 'odd', { targetType: TYPE, attribute: 'externalid', value: odd[0] ?? '' })).toEqual([]);
    expect(await store.find('job1', 'odd', { targetType: 'group', attribute: 'username', value: odd[0] ?? '' })).toEqual([]);
    expect(await store.find('job2', 'odd', { targetType: TYPE, attribute: 'username', value: odd[0] ?? '' })).toBe('missing');
  });

  it('writes a page of 250 objects under two attributes in a few transactions, not a write per row', async () => {
    resetCalls();
    const entries = Array.from({ length: 250 }, (_, i) => [entry('username', `user${i}@contoso.example`, `u${i}`), entry('externalid', `W${i}`, `u${i}`)]).flat();
    await store.add('job1', 'page', entries);
    // 2 attributes × 8 partitions, one more per partition past 100 rows; the first transaction also creates the table.
    expect(calls.submitTransaction).toBeGreaterThanOrEqual(16);
    expect(calls.submitTransaction).toBeLessThanOrEqual(16 + 8 + 16);
    expect(calls.createEntity + calls.updateEntity).toBe(0);
    for (const i of [0, 99, 100, 249]) {
      expect(await store.find('job1', 'page', { targetType: TYPE, attribute: 'username', value: `user${i}@contoso.example` })).toEqual([{ id: `u${i}`, data: { id: `u${i}`, userName: `user${i}@contoso.example` } }]);
      expect(await store.find('job1', 'page', { targetType: TYPE, attribute: 'externalid', value: `W${i}` })).toEqual([{ id: `u${i}`, data: { id: `u${i}`, userName: `W${i}` } }]);
    }
  });

  it('keeps a value held by two objects as a duplicate, within a page and across pages, and a page indexed again as it was', async () => {
    await store.add('job1', 'dup', [entry('username', 'same-page', 'a'), entry('username', 'same-page', 'b'), entry('username', 'across', 'c'), entry('username', 'single', 'd')]);
    await store.add('job1', 'dup', [entry('username', 'across', 'e'), entry('username', 'other', 'f')]);
    const ids = async (value: string) => (await store.find('job1', 'dup', { targetType: TYPE, attribute: 'username', value })) as { id: string; data?: unknown }[];
    expect(await ids('same-page')).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(await ids('across')).toEqual([{ id: 'c' }, { id: 'e' }]);
    // The first page again (a redelivered page message): nothing is duplicated, and newer data replaces older.
    await store.add('job1', 'dup', [entry('username', 'same-page', 'a'), entry('username', 'same-page', 'b'), entry('username', 'across', 'c'), entry('username', 'single', 'd', { userName: 'single', title: 'newer' })]);
    expect(await ids('same-page')).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(await ids('across')).toEqual([{ id: 'c' }, { id: 'e' }]);
    expect(await ids('single')).toEqual([{ id: 'd', data: { id: 'd', userName: 'single', title: 'newer' } }]);
    expect(await ids('other')).toEqual([{ id: 'f', data: { id: 'f', userName: 'other' } }]);
  });

  it('splits large target data over properties (never inside a surrogate pair), and keeps only the id of an object too large to hold', async () => {
    // 31,999 ASCII characters of JSON before the emoji put its high surrogate at the first chunk's last place.
    const prefix = '{"id":"big","note":"';
    const large = { note: `${'x'.repeat(31_999 - prefix.length)}😀${'y'.repeat(70_000)}` };
    const huge = { note: 'z'.repeat(300_000) };
    await store.add('job1', 'large', [entry('username', 'large', 'big', large), entry('username', 'huge', 'giant', huge)]);
    expect(await store.find('job1', 'large', { targetType: TYPE, attribute: 'username', value: 'large' })).toEqual([{ id: 'big', data: { id: 'big', ...large } }]);
    expect(await store.find('job1', 'large', { targetType: TYPE, attribute: 'username', value: 'huge' })).toEqual([{ id: 'giant' }]);
    // Azurite keeps a lone surrogate that the SDK escapes in JSON; a service that decodes to UTF-8 would not.
    const chunks: string[] = [];
    for await (const row of lastClient.listEntities<Record<string, unknown>>()) {
      for (const [name, value] of Object.entries(row)) if (/^data\d*$/.test(name) && typeof value === 'string') chunks.push(value);
    }
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    expect(chunks.filter((chunk) => LONE_SURROGATE.test(chunk))).toEqual([]);
  });

  it('indexes a value longer than a table key under its digest', async () => {
    const long = 'v'.repeat(2_000);
    await store.add('job1', 'long', [entry('username', long, 'l1', { userName: 'long' }), entry('username', `${long}w`, 'l2', { userName: 'longer' })]);
    expect(await store.find('job1', 'long', { targetType: TYPE, attribute: 'username', value: long })).toEqual([{ id: 'l1', data: { id: 'l1', userName: 'long' } }]);
    expect(await store.find('job1', 'long', { targetType: TYPE, attribute: 'username', value: `${long}w` })).toEqual([{ id: 'l2', data: { id: 'l2', userName: 'longer' } }]);
  });

  it('drops an index with one request, whatever its size; dropping again is harmless', async () => {
    const key = { targetType: TYPE, attribute: 'username', value: 'user1@contoso.example' };
    expect(await store.find('job1', 'page', key)).toHaveLength(1);
    resetCalls();
    await store.drop('job1', 'page');
    expect(calls.submitTransaction + calls.createEntity + calls.updateEntity).toBe(0);
    expect(await store.find('job1', 'page', key)).toBe('missing');
    await store.drop('job1', 'page');
    await store.drop('job1', 'never-built');
    expect(tablesMade.every((name) => /^TargetIndex[0-9a-f]{24}$/.test(name))).toBe(true);
  });
});
