import type { ProvisioningAction, ProvisioningLogEntry, ProvisioningStatus } from '../domain/provisioningLogEntry';

export interface ProvisioningLogQuery {
  sourceId?: string;
  /** One upload's (or cycle's) entries: the uploadId a bulk upload answered with. */
  cycleId?: string;
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
  /** How many entries a job has, or only those whose activityDateTime is at or after `since` (ISO 8601). */
  count(jobId: string, since?: string): Promise<number>;
  /** Deletes a job's entries older than `before` (ISO 8601); returns how many. */
  deleteOlderThan(jobId: string, before: string): Promise<number>;
}
