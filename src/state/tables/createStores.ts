import type { AppSettings } from '../../config/appSettings';
import type { JobStateStore } from '../jobStateStore';
import type { CycleCounterStore } from '../cycleCounterStore';
import type { StagedDeleteStore } from '../stagedDeleteStore';
import { TableCycleCounterStore } from './tableCycleCounterStore';
import { TableStagedDeleteStore } from './tableStagedDeleteStore';
import type { JobStore } from '../jobStore';
import type { ProvisioningLogStore } from '../provisioningLogStore';
import type { StagingStore } from '../stagingStore';
import { TableClientFactory } from './tableClientFactory';
import { TableJobStateStore } from './tableJobStateStore';
import { TableJobStore } from './tableJobStore';
import { TableProvisioningLogStore } from './tableProvisioningLogStore';
import { TableStagingStore } from './tableStagingStore';
import { TableTargetIndexStore } from './tableTargetIndexStore';
import type { TargetIndexStore } from '../targetIndexStore';
import type { ReferenceWaitIndex } from '../referenceWaitIndex';
import { TableReferenceWaitIndex } from './tableReferenceWaitIndex';

export interface Stores {
  jobs: JobStore;
  staging: StagingStore;
  targetIndexes: TargetIndexStore;
  jobStates: JobStateStore;
  cycleCounters: CycleCounterStore;
  stagedDeletes: StagedDeleteStore;
  logs: ProvisioningLogStore;
  referenceWaits: ReferenceWaitIndex;
}

/** The Table Storage adapters of every state port; the tables exist when the promise resolves. */
export async function createStores(settings: AppSettings, factory = TableClientFactory.fromSettings(settings)): Promise<Stores> {
  // 'Staging', not 'Staged': the rows moved to bucketed partitions (tableStagingStore.ts rowKeys); a table of the
  // old layout left by an earlier build is not read (its jobs match their objects again, through the target).
  const [jobs, staged, logs, jobStates] = await Promise.all([factory.getTableClient('Jobs'), factory.getTableClient('Staging'), factory.getTableClient('Logs'), factory.getTableClient('JobStates')]);
  const [counters, held, waits] = await Promise.all([factory.getTableClient('CycleCounters'), factory.getTableClient('StagedDeletes'), factory.getTableClient('ReferenceWaits')]);
  const safety = { cycleCounters: new TableCycleCounterStore(counters), stagedDeletes: new TableStagedDeleteStore(held) };
  // Each index is a table of its own, created by its first page (TableTargetIndexStore).
  const targetIndexes = new TableTargetIndexStore({ clientFor: (suffix) => factory.clientFor(suffix) });
  return { jobs: new TableJobStore(jobs), staging: new TableStagingStore(staged), targetIndexes, jobStates: new TableJobStateStore(jobStates), logs: new TableProvisioningLogStore(logs), referenceWaits: new TableReferenceWaitIndex(waits), ...safety };
}
