import type { ProvisioningAction, ProvisioningLogEntry, ProvisioningStatus } from '../domain/provisioningLogEntry';

export interface ProvisioningLogQuery {
  sourceId?: string;
  status?: ProvisioningStatus;
  action?: ProvisioningAction;
  /** 1-1000, default 100. */
  pageSize?: number;
  continuationToken?: string;
}

export interface ProvisioningLogPage {
  entries: ProvisioningLogEntry[];
  /** Present when more entries follow; pass it back to get the next page. */
  continuationToken?: string;
}

/** Provisioning logs, listed newest first. */
export interface ProvisioningLogStore {
  append(entries: readonly ProvisioningLogEntry[]): Promise<void>;
  list(jobId: string, query?: ProvisioningLogQuery): Promise<ProvisioningLogPage>;
  /** Entries of one job, counted by status; for the demo's summary and job status. */
  count(jobId: string): Promise<number>;
}
