import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../src/domain/identityObject';
import { startAzurite } from '../src/local/azurite';
import { parseEqFilter } from '../src/scim/parseEqFilter';
import { TableScimResourceStore } from '../src/scim/store/tableScimResourceStore';
import { TableScimUserStore } from '../src/scim/tables/tableScimUserStore';
import { benchUsers } from './benchUsers';
import { runConcurrently } from './runConcurrently';

export interface StoreFigures {
  store: string;
  createsPerSecond: number;
  lookupsPerSecond: number;
}

/** What one store does for the benchmark: create a user, and find one by userName. */
interface StoreUnderTest {
  name: string;
  create(user: JsonObject): Promise<void>;
  findByUserName(userName: string): Promise<number>;
}

/**
 * scim-store: the stores without HTTP, at concurrency 8, each in fresh tables of one in-memory Azurite:
 * today's TableScimUserStore, and TableScimResourceStore with and without group commit and with several
 * partition counts, so that the layout's choices rest on figures.
 */
export async function scimStoreDirectBench(users: number, concurrency = 8): Promise<StoreFigures[]> {
  const azurite = await startAzurite({});
  const connectionString = azurite.connectionString;
  const prefix = (): string => `b${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const resourceStore = (name: string, partitions: number, groupCommit: boolean): StoreUnderTest => {
    const store = new TableScimResourceStore({ connectionString, tablePrefix: prefix(), partitions, groupCommit });
    return {
      name,
      create: async (user) => void (await store.create('User', user)),
      findByUserName: async (userName) => (await store.query('User', { hints: [{ attribute: 'userName', value: userName }], startIndex: 1, count: 10 })).totalResults,
    };
  };
  const today = new TableScimUserStore({ connectionString, tablePrefix: prefix() });
  const stores: StoreUnderTest[] = [
    {
      name: 'TableScimUserStore (today)',
      create: async (user) => void (await today.createUser(user)),
      findByUserName: async (userName) =>
        (await today.listUsers({ filter: parseEqFilter(`userName eq "${userName}"`), startIndex: 1, count: 10 })).totalResults,
    },
    resourceStore('TableScimResourceStore, 32 partitions, group commit', 32, true),
    resourceStore('TableScimResourceStore, 32 partitions, no group commit', 32, false),
    resourceStore('TableScimResourceStore, 4 partitions, group commit', 4, true),
    resourceStore('TableScimResourceStore, 256 partitions, group commit', 256, true),
  ];
  try {
    const results: StoreFigures[] = [];
    for (const store of stores) {
      const data: JsonObject[] = benchUsers(users, 'st').map((u) => ({ ...u, id: randomUUID() }));
      const createsPerSecond = await runConcurrently(data.length, concurrency, (i) => store.create(data[i]!));
      const lookupsPerSecond = await runConcurrently(data.length, concurrency, async (i) => {
        const found = await store.findByUserName(String(data[i]!.userName));
        if (found !== 1) throw new Error(`${store.name}: userName ${String(data[i]!.userName)} found ${found} times`);
      });
      results.push({ store: store.name, createsPerSecond, lookupsPerSecond });
    }
    return results;
  } finally {
    await azurite.stop();
  }
}
