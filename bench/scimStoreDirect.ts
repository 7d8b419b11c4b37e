import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../src/domain/identityObject';
import { startAzurite } from '../src/local/azurite';
import { TableScimResourceStore } from '../src/scim/store/tableScimResourceStore';
import { benchUsers, type BenchExternalIds } from './benchUsers';
import { runConcurrently } from './runConcurrently';

export interface StoreFigures {
  store: string;
  createsPerSecond: number;
  lookupsPerSecond: number;
}

/** What one store does for the benchmark: create a user, and find one by userName. */
interface StoreUnderTest {
  name: string;
  externalIds: BenchExternalIds;
  create(user: JsonObject): Promise<void>;
  findByUserName(userName: string): Promise<number>;
}

/**
 * scim-store: the store without HTTP, at concurrency 8, each configuration in fresh tables of one in-memory
 * Azurite: TableScimResourceStore with ids it mints (a create is one transaction plus
 * the externalId insert) at several partition counts, and with caller-assigned ids (claim first, then the id
 * row: the port's original contract), so that the layout's choices rest on figures.
 * `BENCH_SCIM_STORES=a,b` (substrings of the names) runs only some of them.
 */
export async function scimStoreDirectBench(users: number, concurrency = 8): Promise<StoreFigures[]> {
  const azurite = await startAzurite({});
  const connectionString = azurite.connectionString;
  const prefix = (): string => `b${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const resourceStore = (name: string, partitions: number, groupCommit: boolean, callerIds: boolean, withoutExternalId = false, externalIds: BenchExternalIds = 'sourceId'): StoreUnderTest => {
    const store = new TableScimResourceStore({ connectionString, tablePrefix: prefix(), partitions, groupCommit });
    const shape = (user: JsonObject): JsonObject => {
      const { externalId: _dropped, ...rest } = user;
      return withoutExternalId ? rest : user;
    };
    return {
      name,
      externalIds,
      create: async (user) => void (await store.create('User', callerIds ? { id: randomUUID(), ...shape(user) } : shape(user))),
      findByUserName: async (userName) => (await store.query('User', { hints: [{ attribute: 'userName', value: userName }], startIndex: 1, count: 10 })).totalResults,
    };
  };
  const all: StoreUnderTest[] = [
    resourceStore('TableScimResourceStore, minted ids, 256 partitions', 256, false, false),
    resourceStore('TableScimResourceStore, minted ids, 32 partitions', 32, false, false),
    resourceStore('TableScimResourceStore, minted ids, 1024 partitions', 1024, false, false),
    resourceStore('TableScimResourceStore, minted ids, 4096 partitions', 4096, false, false),
    resourceStore('TableScimResourceStore, minted ids, 256 partitions, group commit', 256, true, false),
    resourceStore('TableScimResourceStore, caller ids, 256 partitions', 256, false, true),
    // The ceiling of one request per create: the same users without externalId (their email, equal to the
    // userName, still rides in the transaction).
    resourceStore('TableScimResourceStore, minted ids, 1024 partitions, no externalId', 1024, false, false, true),
    // Entra's default externalId (mailNickname, the UPN's local part) shares the claim's partition: one request.
    resourceStore('TableScimResourceStore, minted ids, 256 partitions, mailNickname externalIds', 256, false, false, false, 'mailNickname'),
  ];
  const only = process.env.BENCH_SCIM_STORES?.split(',').filter((s) => s !== '');
  const stores = only ? all.filter((s) => only.some((o) => s.name.includes(o))) : all;
  try {
    const results: StoreFigures[] = [];
    for (const store of stores) {
      const data: JsonObject[] = benchUsers(users, 'st', store.externalIds);
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
