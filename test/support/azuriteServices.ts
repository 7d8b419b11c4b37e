import { randomBytes } from 'node:crypto';
import { createServices } from '../../src/app/createServices';
import type { Services } from '../../src/app/services';
import { parseAppSettings } from '../../src/config/appSettings';
import { StorageQueueWorkQueue } from '../../src/queue/storageQueueWorkQueue';
import { testStorageConnection, uniqueName } from './names';

export interface AzuriteServices {
  /** Production services (Table Storage, Storage Queue) on the test Azurite, in tables and a queue of their own. */
  services: Services;
  /** The inbound token (IDBRIDGE_TOKEN): bulk upload and the SCIM service. */
  token: string;
  /** The admin token (IDBRIDGE_ADMIN_TOKEN): the management API. */
  adminToken: string;
  /** The same queue the services send to, typed so that tests can receive from it. */
  queue: StorageQueueWorkQueue;
}

/**
 * Builds real Services exactly as a Functions worker does (parseAppSettings, then createServices), with a
 * table prefix and a reconcile queue unique to this call, so suites and tests never see each other's data.
 */
export async function createAzuriteServices(): Promise<AzuriteServices> {
  const token = `test-${randomBytes(12).toString('hex')}`;
  const adminToken = `test-admin-${randomBytes(12).toString('hex')}`;
  const env: Record<string, string | undefined> = {
    IDBRIDGE_TOKEN: token,
    IDBRIDGE_ADMIN_TOKEN: adminToken,
    IDBRIDGE_QUEUE_KIND: 'storageQueue',
    IDBRIDGE_RECONCILE_QUEUE: uniqueName('q'),
    IDBRIDGE_TABLE_PREFIX: uniqueName('t'),
    IDBRIDGE_STORAGE_CONNECTION: testStorageConnection(),
  };
  const services = await createServices(parseAppSettings(env), env);
  if (!(services.queue instanceof StorageQueueWorkQueue)) throw new Error('IDBRIDGE_QUEUE_KIND=storageQueue did not give a StorageQueueWorkQueue');
  return { services, token, adminToken, queue: services.queue };
}
