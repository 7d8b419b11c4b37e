import type { TableClient } from '@azure/data-tables';
import { statusCodeOf } from '../../../src/azure/toStorageError';
import { GroupCommit, type RowWrite } from '../../../src/scim/store/groupCommit';
import { tableClientFromConnectionString } from '../../../src/state/tables/tableClientFromConnectionString';
import { testStorageConnection, uniqueName } from '../../support/names';

async function freshTable(): Promise<TableClient> {
  const table = tableClientFromConnectionString(testStorageConnection(), uniqueName('gc'));
  await table.createTable();
  return table;
}

/** Counts the transactions (`$batch` requests) the client sends. */
function countTransactions(table: TableClient): { count: number } {
  const counter = { count: 0 };
  table.pipeline.addPolicy({ name: 'countBatches', sendRequest: (request, next) => (request.url.endsWith('$batch') && counter.count++, next(request)) });
  return counter;
}

const create = (partitionKey: string, rowKey: string): RowWrite => ({ kind: 'create', entity: { partitionKey, rowKey, n: rowKey } });

async function rowKeys(table: TableClient, partitionKey: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const row of table.listEntities({ queryOptions: { filter: `PartitionKey eq '${partitionKey}'` } })) keys.push(row.rowKey ?? '');
  return keys.sort();
}

describe('GroupCommit', () => {
  it('writes units that meet in one partition in shared transactions, each unit whole', async () => {
    const table = await freshTable();
    const submit = countTransactions(table);
    const commit = new GroupCommit(table, { enabled: true, maxInFlight: 1 });
    const units = Array.from({ length: 20 }, (_, i) => [create('p', `a${i}`), create('p', `b${i}`)]);
    const etags = await Promise.all(units.map((unit) => commit.writeTogether(unit)));
    expect(etags.every((tags) => tags.length === 2 && tags.every((t) => t !== ''))).toBe(true);
    expect(await rowKeys(table, 'p')).toEqual(units.flat().map((w) => w.entity.rowKey).sort());
    // 20 units of 2 rows in at most a handful of transactions (the first goes alone, the rest wait for it).
    expect(submit.count).toBeLessThan(5);
  });

  it('fails only the unit that conflicts, and writes none of its rows', async () => {
    const table = await freshTable();
    await table.createEntity({ partitionKey: 'p', rowKey: 'taken' });
    const commit = new GroupCommit(table, { enabled: true, maxInFlight: 1 });
    const outcomes = await Promise.allSettled([
      commit.writeTogether([create('p', 'x1'), create('p', 'x2')]),
      commit.writeTogether([create('p', 'y1'), create('p', 'taken')]),
      commit.write(create('p', 'z1')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(statusCodeOf((outcomes[1] as PromiseRejectedResult).reason)).toBe(409);
    expect(await rowKeys(table, 'p')).toEqual(['taken', 'x1', 'x2', 'z1']);
  });

  it('never puts two writes of one row in a transaction, and keeps their order', async () => {
    const table = await freshTable();
    // Two transactions may be in flight per partition: the second write of a row must still wait for the first.
    const commit = new GroupCommit(table, { enabled: true, maxInFlight: 2 });
    const upsert = (n: number): RowWrite => ({ kind: 'upsert', entity: { partitionKey: 'p', rowKey: 'same', n } });
    const order: number[] = [];
    await Promise.all(Array.from({ length: 10 }, (_, n) => commit.write(upsert(n)).then(() => order.push(n))));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await table.getEntity<{ n: number }>('p', 'same')).n).toBe(9);
  });

  it('sends each unit on its own when disabled', async () => {
    const table = await freshTable();
    const submit = countTransactions(table);
    const commit = new GroupCommit(table, { enabled: false });
    await Promise.all([commit.writeTogether([create('p', 'a'), create('p', 'b')]), commit.writeTogether([create('p', 'c'), create('p', 'd')]), commit.write(create('p', 'e'))]);
    expect(submit.count).toBe(2);
    expect(await rowKeys(table, 'p')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
