import type { UploadSummary } from '../inbound/uploadBulkRequests';

export interface UploadReport {
  /** CSV data rows, including rows skipped before the upload. */
  recordsRead: number;
  skipped: readonly { line: number; reason: string }[];
  /** Rows left out because a later row of the same worker supersedes them. */
  superseded?: number;
  summary: UploadSummary;
}

/** The closing report of `idbridge upload`, one fact per line so that it greps well. */
export function formatUploadSummary({ recordsRead, skipped, superseded = 0, summary }: UploadReport): string {
  const lines = [
    `Records read:          ${recordsRead}`,
    ...(skipped.length > 0 ? [`Records skipped:       ${skipped.length}`] : []),
    ...(superseded > 0 ? [`Superseded rows:       ${superseded} (a later row of the same worker was sent instead)`] : []),
    `Distinct externalIds:  ${summary.distinctExternalIds}`,
    `Requests accepted:     ${summary.accepted}/${summary.requests}`,
    `Requests rejected:     ${summary.rejected}`,
    ...(summary.notSent > 0 ? [`Requests not sent:     ${summary.notSent}`] : []),
    ...(summary.retries > 0 ? [`Retries:               ${summary.retries}`] : []),
    `Elapsed:               ${(summary.elapsedMs / 1000).toFixed(1)} s`,
    `Records/s:             ${summary.recordsPerSecond.toFixed(0)}`,
    ...(summary.location ? [`Status:                ${summary.location}`] : []),
  ];
  for (const s of skipped.slice(0, 20)) lines.push(`  skipped line ${s.line}: ${s.reason}`);
  if (skipped.length > 20) lines.push(`  ... and ${skipped.length - 20} more skipped rows`);
  for (const r of summary.rejections) {
    const ids = r.firstExternalId ? ` (externalId ${r.firstExternalId}..${r.lastExternalId})` : '';
    const status = r.status === 0 ? 'not delivered' : `HTTP ${r.status}${r.scimType ? ` ${r.scimType}` : ''}`;
    lines.push(`  request ${r.requestIndex + 1}, ${r.records} records${ids}: ${status}: ${r.detail}`);
  }
  return `${lines.join('\n')}\n`;
}
