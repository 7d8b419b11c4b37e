import { TableClient, type TableClient as TableClientType } from '@azure/data-tables';
import { statusCodeOf } from '../../../src/azure/toStorageError';
import { submitBatch } from '../../../src/state/tables/submitBatch';
import { tableClientFromConnectionString } from '../../../src/state/tables/tableClientFromConnectionString';
import { testStorageConnection, uniqueName } from '../../support/names';

async function freshTable(connection = testStorageConnection()): Promise<TableClientType> {
  const table = tableClientFromConnectionString(connection, uniqueName('batch'));
  await table.createTable();
  return table;
}

async function rows(table: TableClientType, partitionKey: string): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for await (const row of table.listEntities({ queryOptions: { filter: `PartitionKey eq '${partitionKey.replace(/'/g, "''")}'` } })) {
    const { etag: _etag, timestamp: _timestamp, ...rest } = row;
    found.push(rest);
  }
  return found.sort((a, b) => String(a.rowKey).localeCompare(String(b.rowKey)));
}

describe('submitBatch (Azurite)', () => {
  it('applies every kind of action in one transaction and returns each row’s new ETag, in order', async () => {
    const table = await freshTable();
    await table.createEntity({ partitionKey: 'p', rowKey: 'replaced', a: 'old', gone: 'x' });
    await table.createEntity({ partitionKey: 'p', rowKey: 'merged', a: 'old', kept: 'yes' });
    const conditional = await table.createEntity({ partitionKey: 'p', rowKey: 'conditional', a: 'old' });
    await table.createEntity({ partitionKey: 'p', rowKey: 'deleted' });
    const response = await submitBatch(table, [
      ['create', { partitionKey: 'p', rowKey: 'created', a: 'new', n: 7, ok: true }],
      ['upsert', { partitionKey: 'p', rowKey: 'replaced', a: 'new' }, 'Replace'],
      ['upsert', { partitionKey: 'p', rowKey: 'merged', a: 'new' }, 'Merge'],
      ['update', { partitionKey: 'p', rowKey: 'conditional', a: 'new' }, 'Replace', { etag: conditional.etag ?? '' }],
      ['delete', { partitionKey: 'p', rowKey: 'deleted' }],
    ]);
    expect(response.status).toBe(202);
    // `Prefer: return-no-content` on the insert: 204 for every action, as the service documents.
    expect(response.subResponses.map((r) => r.status)).toEqual([204, 204, 204, 204, 204]);
    expect(response.subResponses.slice(0, 4).every((r) => typeof r.etag === 'string' && r.etag.length > 0)).toBe(true);
    expect(await rows(table, 'p')).toEqual([
      { partitionKey: 'p', rowKey: 'conditional', a: 'new' },
      { partitionKey: 'p', rowKey: 'created', a: 'new', n: 7, ok: true },
      { partitionKey: 'p', rowKey: 'merged', a: 'new', kept: 'yes' },
      { partitionKey: 'p', rowKey: 'replaced', a: 'new' },
    ]);
    // The ETag returned is the row's: a conditional write with it succeeds.
    await table.updateEntity({ partitionKey: 'p', rowKey: 'created', a: 'newer' }, 'Merge', { etag: response.subResponses[0]!.etag ?? '' });
  });

  it('writes values JSON cannot type as the SDK does (Int64, DateTime, Binary, explicit EDM types)', async () => {
    const table = await freshTable();
    const when = new Date('2026-11-22T08:30:00.123Z');
    await submitBatch(table, [
      ['create', { partitionKey: 'p', rowKey: 'typed', big: BigInt('9007199254740993'), when, bytes: new Uint8Array([1, 2, 250]), guid: { value: '1b4e28ba-2fa1-11d2-883f-0016d3cca427', type: 'Guid' }, d: { value: '2', type: 'Double' } }],
    ]);
    const row = await table.getEntity<Record<string, unknown>>('p', 'typed');
    expect(row.big).toBe(BigInt('9007199254740993'));
    expect(row.when).toEqual(when);
    expect(Array.from(row.bytes as Uint8Array)).toEqual([1, 2, 250]);
    expect(row.guid).toEqual({ value: '1b4e28ba-2fa1-11d2-883f-0016d3cca427', type: 'Guid' });
    expect(row.d).toBe(2);
  });

  it('addresses rows whose keys need escaping in a URL (quotes, percent, spaces, non-ASCII)', async () => {
    const table = await freshTable();
    const keys = ["o'brien", '100% sure', 'a b+c', 'Zoë'];
    await submitBatch(table, keys.map((rowKey) => ['create', { partitionKey: "p'1", rowKey, v: 1 }] as const));
    await submitBatch(table, keys.map((rowKey) => ['update', { partitionKey: "p'1", rowKey, v: 2 }, 'Merge'] as const));
    expect((await rows(table, "p'1")).map((r) => [r.rowKey, r.v])).toEqual(keys.map((k) => [k, 2]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    await submitBatch(table, keys.map((rowKey) => ['delete', { partitionKey: "p'1", rowKey }] as const));
    expect(await rows(table, "p'1")).toEqual([]);
  });

  it('fails all or nothing, with the failed action’s status and the service’s error code', async () => {
    const table = await freshTable();
    const held = await table.createEntity({ partitionKey: 'p', rowKey: 'taken', v: 1 });
    const conflict = await submitBatch(table, [
      ['create', { partitionKey: 'p', rowKey: 'fresh' }],
      ['create', { partitionKey: 'p', rowKey: 'taken' }],
    ]).catch((e: unknown) => e);
    expect(statusCodeOf(conflict)).toBe(409);
    expect((conflict as { code?: string }).code).toBe('EntityAlreadyExists');
    await table.updateEntity({ partitionKey: 'p', rowKey: 'taken', v: 2 }, 'Merge', { etag: held.etag ?? '' });
    const stale = await submitBatch(table, [['update', { partitionKey: 'p', rowKey: 'taken', v: 3 }, 'Replace', { etag: held.etag ?? '' }]]).catch((e: unknown) => e);
    expect(statusCodeOf(stale)).toBe(412);
    const missing = await submitBatch(table, [['delete', { partitionKey: 'p', rowKey: 'nobody' }]]).catch((e: unknown) => e);
    expect(statusCodeOf(missing)).toBe(404);
    expect(await rows(table, 'p')).toEqual([{ partitionKey: 'p', rowKey: 'taken', v: 2 }]);
  });

  it('is refused as a whole when the account key is wrong, and never sends a key over http unless the client allows it', async () => {
    const table = await freshTable();
    const wrongKey = testStorageConnection().replace(/AccountKey=[^;]+/, `AccountKey=${Buffer.from('not the key').toString('base64')}`);
    const impostor = tableClientFromConnectionString(wrongKey, table.tableName);
    const refused = await submitBatch(impostor, [['create', { partitionKey: 'p', rowKey: 'x' }]]).catch((e: unknown) => e);
    expect(statusCodeOf(refused)).toBe(403);
    // Built without this module's helper, the client has no http permission on record: nothing is sent.
    const direct = TableClient.fromConnectionString(testStorageConnection(), table.tableName, { allowInsecureConnection: true });
    await expect(submitBatch(direct, [['create', { partitionKey: 'p', rowKey: 'y' }]])).rejects.toThrow(/allowInsecureConnection/);
    expect(await rows(table, 'p')).toEqual([]);
  });
});
