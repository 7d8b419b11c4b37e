import type { JobStatusView, TaskExecutionView } from '../jobs/jobStatusView';

/** A job as GET /api/jobs/{jobId} answers it: the definition's id and name, and its status. */
export interface JobWithStatus {
  id: string;
  displayName?: string;
  status: JobStatusView;
}

/** `idbridge status <jobId>`: one fact per line, label first, so that it reads and greps well. */
export function formatJobStatus(job: JobWithStatus): string {
  const s = job.status;
  const lines: string[] = [`Job:               ${job.id}${job.displayName ? ` (${job.displayName})` : ''}`, `Status:            ${s.code}`];
  if (s.quarantine) {
    const q = s.quarantine;
    lines.push(`Quarantine:        ${q.reason} since ${q.currentBegan} (${q.seriesCount} in a row since ${q.seriesBegan}); next attempt ${q.nextAttempt}`);
    if (q.error) lines.push(`                   ${q.error.code}: ${q.error.message}`);
  }
  if (s.cycle) {
    const c = s.cycle;
    const verb = s.code === 'Paused' ? 'Paused cycle:     ' : 'Running cycle:    ';
    lines.push(`${verb} ${c.activityIdentifier} (${c.kind}), phase ${c.phase}: ${c.pagesDone} pages, ${c.objectsRead} objects read, ${c.objectsQueued} queued, ${c.objectsDeleted} deleted; began ${c.began}`);
  }
  lines.push(`Last cycle:        ${s.lastExecution ? execution(s.lastExecution) : 'none yet'}`);
  if (s.lastSuccessfulExecution && s.lastSuccessfulExecution.activityIdentifier !== s.lastExecution?.activityIdentifier) {
    lines.push(`Last success:      ${execution(s.lastSuccessfulExecution)}`);
  }
  lines.push(`Next cycle:        ${nextCycle(s)}`);
  if (s.forceDeletesPending) lines.push('Held deletes:      approved (restart with ForceDeletes); the next cycle applies them');
  if (s.countSuccessiveCompleteFailures > 0) lines.push(`Failed cycles:     ${s.countSuccessiveCompleteFailures} in a row`);
  if (s.counts) {
    const entries = Object.entries(s.counts.byActionAndStatus).sort(([a], [b]) => a.localeCompare(b));
    lines.push(`Counts:            ${entries.length === 0 ? 'none yet' : entries.map(([k, n]) => `${k} ${n}`).join(', ')} (cycle ${s.counts.activityIdentifier})`);
  }
  return `${lines.join('\n')}\n`;
}

/** `idbridge status`: one line per job. */
export function formatJobStatusTable(jobs: readonly JobWithStatus[]): string {
  const rows = [['JOB', 'STATUS', 'LAST CYCLE', 'NEXT CYCLE', 'NOW']];
  for (const job of jobs) {
    const s = job.status;
    const last = s.lastExecution ? `${s.lastExecution.state} ${s.lastExecution.timeEnded}` : '-';
    rows.push([job.id, s.code, last, nextCycle(s), now(s)]);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return `${rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n')}\n`;
}

function execution(e: TaskExecutionView): string {
  const error = e.error ? ` (${e.error.code}: ${e.error.message})` : '';
  return `${e.activityIdentifier} (${e.kind}) ${e.state}${error}, ${e.timeBegan} to ${e.timeEnded}, ${e.countImported} imported, ${e.countQueued} queued, ${e.countDeleted} deleted`;
}

function nextCycle(s: JobStatusView): string {
  if (s.code === 'Paused') return 'none while paused (idbridge job start)';
  if (s.code === 'Disabled') return 'none while disabled (idbridge job start)';
  if (s.code === 'NotRun' && s.nextRunAt === null) return 'not scheduled (idbridge job start)';
  const when = s.quarantine ? s.quarantine.nextAttempt : (s.nextRunAt ?? 'as soon as the scheduler runs');
  return `${when} (${s.nextCycleKind})`;
}

/** What the job is doing right now, in a few words. */
function now(s: JobStatusView): string {
  if (s.quarantine) return `quarantined: ${s.quarantine.reason}`;
  if (s.cycle) return `${s.code === 'Paused' ? 'paused in' : 'cycle'} ${s.cycle.kind}, ${s.cycle.phase}, ${s.cycle.pagesDone} pages, ${s.cycle.objectsRead} objects`;
  return '-';
}
