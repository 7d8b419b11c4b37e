import { randomUUID } from 'node:crypto';
import type { AppSettings } from '../config/appSettings';
import { createDirectoryChangeSink } from '../gateway/createDirectoryChangeSink';
import { TableGroupMembershipIndex } from '../gateway/tables/tableGroupMembershipIndex';
import { withCachedJobList } from '../gateway/withCachedJobList';
import { createWorkQueue } from '../queue/createWorkQueue';
import { TableScimResourceStore } from '../scim/store/tableScimResourceStore';
import { createSourceConnector } from '../sources/createSourceConnector';
import { unavailableSource } from '../sources/unavailableSource';
import { createStores } from '../state/tables/createStores';
import { TableClientFactory } from '../state/tables/tableClientFactory';
import { CYCLE_LEASE_IN_MS } from '../cycles/cycleLease';
import { createConnectorFactory } from './createConnectorFactory';
import type { Services } from './services';

/** Builds the production services from validated settings: Table Storage, the configured queue, SCIM targets. */
export async function createServices(settings: AppSettings, env: Record<string, string | undefined>): Promise<Services> {
  const tables = TableClientFactory.fromSettings(settings);
  const [stores, memberOf] = await Promise.all([createStores(settings, tables), tables.getTableClient('DirectoryMemberOf')]);
  const directory = createDirectoryStore(tables);
  const base = {
    ...stores,
    // The gateway lists jobs on every directory write (src/gateway/withCachedJobList.ts).
    jobs: withCachedJobList(stores.jobs),
    queue: createWorkQueue(settings),
    groupMemberships: new TableGroupMembershipIndex(memberOf),
    now: () => new Date(),
    newId: () => randomUUID(),
    cycleLeaseInMs: CYCLE_LEASE_IN_MS,
  };
  return {
    settings,
    ...base,
    directory,
    directoryChanges: createDirectoryChangeSink(base),
    connectorFor: createConnectorFactory(env),
    // A job whose source only pushes (inboundApi) has nothing to read: cycles never ask (runsCycles), and anyone
    // else who does gets an error that says why.
    sourceFor: (job) =>
      createSourceConnector(job, { env, directory }) ?? unavailableSource(`job ${job.id}`, `job ${job.id} has an inboundApi source, which only pushes: there is nothing to read`, 'SourceNotReadable'),
  };
}

/** The built-in directory's store, on the same tables client factory (connection string or managed identity). */
function createDirectoryStore(tables: TableClientFactory): Services['directory'] {
  return new TableScimResourceStore({ clientFor: (suffix) => tables.clientFor(suffix) });
}
