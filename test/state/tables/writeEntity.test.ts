import type { TableClient } from '@azure/data-tables';
import { statusCodeOf } from '../../../src/azure/toStorageError';
import { tableClientFromConnectionString } from '../../../src/state/tables/tableClientFromConnectionString';
import { writeEntity } from '../../../src/state/tables/writeEntity';
import { testStorageConnection, uniqueName } from '../../support/names';

async function freshTable(): Promise<TableClient> {
  const table = tableClientFromConnectionString(testStorageConnection(), uniqueName('write'));
  await table.createTable();
  return table;
}

async function row(table: TableClient, partitionKey: string, rowKey: string): Promise<Record<string, unknown> | undefined> {
  try {
    const { etag: _etag, timestamp: _timestamp, 'odata.metadata': _metadata, ...rest } = await table.getEntity<Record<string, unknown>>(partitionKey, rowKey);
    return rest;
  } catch (error) {
    if (statusCodeOf(error) === 404) return undefined;
    throw error;
  }
}

describe('writeEntity (Azurite)', () => {
  it('inserts, replaces, merges and deletes one row as the SDK calls do, and returns the row’s ETag', async () => {
    const table = await freshTable();
    const key = { partitionKey: "p'1", rowKey: 'Zoë 100%' };
    const etag = await writeEntity(table, ['create', { ...key, a: 'one', b: 'kept', n: BigInt(5) }]);
    expect(etag).toBe((await table.getEntity(key.partitionKey, key.rowKey)).etag);
    expect(await row(table, key.partitionKey, key.rowKey)).toEqual({ ...key, a: 'one', b: 'kept', n: BigInt(5) });
    await writeEntity(table, ['upsert', { ...key, a: 'two' }, 'Merge']);
    expect(await row(table, key.partitionKey, key.rowKey)).toEqual({ ...key, a: 'two', b: 'kept', n: BigInt(5) });
    const replaced = await writeEntity(table, ['upsert', { ...key, a: 'three' }, 'Replace']);
    expect(await row(table, key.partitionKey, key.rowKey)).toEqual({ ...key, a: 'three' });
    await writeEntity(table, ['update', { ...key, a: 'four' }, 'Replace', { etag: replaced }]);
    expect(await row(table, key.partitionKey, key.rowKey)).toEqual({ ...key, a: 'four' });
    expect(await writeEntity(table, ['delete', key])).toBe('');
    expect(await row(table, key.partitionKey, key.rowKey)).toBeUndefined();
  });

  it('fails as the SDK does: 409 on an existing row, 412 on a stale ETag, 404 on a missing row, with the service’s code', async () => {
    const table = await freshTable();
    const first = await writeEntity(table, ['create', { partitionKey: 'p', rowKey: 'r', v: 1 }]);
    const conflict = await writeEntity(table, ['create', { partitionKey: 'p', rowKey: 'r', v: 2 }]).catch((e: unknown) => e);
    expect([statusCodeOf(conflict), (conflict as { code?: string }).code]).toEqual([409, 'EntityAlreadyExists']);
    await writeEntity(table, ['update', { partitionKey: 'p', rowKey: 'r', v: 3 }, 'Replace', { etag: first }]);
    const stale = await writeEntity(table, ['update', { partitionKey: 'p', rowKey: 'r', v: 4 }, 'Replace', { etag: first }]).catch((e: unknown) => e);
    expect(statusCodeOf(stale)).toBe(412);
    const missing = await writeEntity(table, ['update', { partitionKey: 'p', rowKey: 'nobody', v: 1 }, 'Merge']).catch((e: unknown) => e);
    expect(statusCodeOf(missing)).toBe(404);
    expect(statusCodeOf(await writeEntity(table, ['delete', { partitionKey: 'p', rowKey: 'nobody' }]).catch((e: unknown) => e))).toBe(404);
    expect(await row(table, 'p', 'r')).toEqual({ partitionKey: 'p', rowKey: 'r', v: 3 });
  });
});
