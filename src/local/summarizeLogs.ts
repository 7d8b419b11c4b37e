import type { ProvisioningLogEntry } from '../domain/provisioningLogEntry';
import type { ProvisioningLogStore } from '../state/provisioningLogStore';

export interface LogSummary {
  entries: number;
  /** `create/success`, `other/skipped`, ... */
  byOutcome: Record<string, number>;
  /** Skip and failure reasons (errorCode: reason) with their counts. */
  reasons: Record<string, number>;
  firstActivity?: string;
  lastActivity?: string;
}

/** Reads a job's newest `limit` log entries and tallies them, for the demo's and benchmark's summaries. */
export async function summarizeLogs(logs: ProvisioningLogStore, jobId: string, limit: number): Promise<{ summary: LogSummary; entries: ProvisioningLogEntry[] }> {
  const entries: ProvisioningLogEntry[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await logs.list(jobId, { pageSize: 1000, ...(continuationToken ? { continuationToken } : {}) });
    entries.push(...page.entries);
    continuationToken = page.continuationToken;
  } while (continuationToken && entries.length < limit);
  const newest = entries.slice(0, limit);
  const summary: LogSummary = { entries: newest.length, byOutcome: {}, reasons: {} };
  for (const entry of newest) {
    const outcome = `${entry.provisioningAction}/${entry.provisioningStatusInfo.status}`;
    summary.byOutcome[outcome] = (summary.byOutcome[outcome] ?? 0) + 1;
    const info = entry.provisioningStatusInfo.errorInformation;
    if (info) {
      const reason = `${info.errorCode}: ${info.reason}`;
      summary.reasons[reason] = (summary.reasons[reason] ?? 0) + 1;
    }
    if (!summary.firstActivity || entry.activityDateTime < summary.firstActivity) summary.firstActivity = entry.activityDateTime;
    if (!summary.lastActivity || entry.activityDateTime > summary.lastActivity) summary.lastActivity = entry.activityDateTime;
  }
  return { summary, entries: newest };
}
