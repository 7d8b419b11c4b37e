import { randomUUID } from 'node:crypto';
import type { AppSettings } from '../config/appSettings';
import { createWorkQueue } from '../queue/createWorkQueue';
import { TableScimUserStore } from '../scim/tables/tableScimUserStore';
import { createStores } from '../state/tables/createStores';
import { TableClientFactory } from '../state/tables/tableClientFactory';
import { createConnectorFactory } from './createConnectorFactory';
import type { Services } from './services';

/** Builds the production services from validated settings: Table Storage, the configured queue, SCIM targets. */
export async function createServices(settings: AppSettings, env: Record<string, string | undefined>): Promise<Services> {
  const tables = TableClientFactory.fromSettings(settings);
  const [stores, directoryUsers, directoryIndex] = await Promise.all([
    createStores(settings, tables),
    tables.getTableClient('ScimUsers'),
    tables.getTableClient('ScimUserIndex'),
  ]);
  return {
    settings,
    ...stores,
    queue: createWorkQueue(settings),
    directory: new TableScimUserStore({ users: directoryUsers, index: directoryIndex }),
    connectorFor: createConnectorFactory(env),
    now: () => new Date(),
    newId: () => randomUUID(),
  };
}
