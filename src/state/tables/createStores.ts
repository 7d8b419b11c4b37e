import type { AppSettings } from '../../config/appSettings';
import type { JobStore } from '../jobStore';
import type { ProvisioningLogStore } from '../provisioningLogStore';
import type { StagingStore } from '../stagingStore';
import { TableClientFactory } from './tableClientFactory';
import { TableJobStore } from './tableJobStore';
import { TableProvisioningLogStore } from './tableProvisioningLogStore';
import { TableStagingStore } from './tableStagingStore';

export interface Stores {
  jobs: JobStore;
  staging: StagingStore;
  logs: ProvisioningLogStore;
}

/** The Table Storage adapters of every state port; the tables exist when the promise resolves. */
export async function createStores(settings: AppSettings, factory = TableClientFactory.fromSettings(settings)): Promise<Stores> {
  const [jobs, staged, logs] = await Promise.all([factory.getTableClient('Jobs'), factory.getTableClient('Staged'), factory.getTableClient('Logs')]);
  return { jobs: new TableJobStore(jobs), staging: new TableStagingStore(staged), logs: new TableProvisioningLogStore(logs) };
}
