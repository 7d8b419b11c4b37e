import { API_CONNECTION_OPTIONS, API_CONNECTION_USAGE, apiConnection, readApiUrl } from './apiConnectionArgs';
import type { CommandIo } from './commandIo';
import { formatJobStatus, formatJobStatusTable, type JobWithStatus } from './formatJobStatus';
import { callIdbridgeApi, type ApiConnection } from './idbridgeApiClient';
import { failApiCall } from './failApiCall';
import { parseCommandArgs, readCommandArgs, UsageError } from './parseCommandArgs';

const USAGE = `Usage: idbridge status [jobId] [--json] [--url URL] [--admin-token T]

Without a job id: one line per job (status, last and next cycle, what it is doing). With one: its status in
full: the running cycle's progress (pages and objects), the last cycle, quarantine with its reason and next
attempt, and the reconcile counts of the running or last cycle. --json prints GET /api/jobs/{id} as it is.
${API_CONNECTION_USAGE}
Exit code: 0, 1 when the service refused or could not be reached, 2 for a command-line mistake.`;

interface StatusArgs {
  jobId?: string;
  json: boolean;
  url: string;
  adminToken?: string;
}

export async function statusCommand(argv: string[], io: CommandIo): Promise<number> {
  const args = readCommandArgs('status', USAGE, io, () => readArgs(argv));
  if (typeof args === 'number') return args;
  const connection = await apiConnection(args.url, args.adminToken, io);
  if (typeof connection === 'string') return failApiCall('status', io, connection);
  try {
    const jobs = args.jobId === undefined ? await allJobs(connection) : [await jobWithStatus(connection, args.jobId)];
    if (args.json) io.stdout.write(`${JSON.stringify(args.jobId === undefined ? jobs : jobs[0], null, 2)}\n`);
    else if (args.jobId !== undefined && jobs[0]) io.stdout.write(formatJobStatus(jobs[0]));
    else io.stdout.write(jobs.length === 0 ? 'No jobs. Create one with PUT /api/jobs/{id} (docs/jobs.md).\n' : formatJobStatusTable(jobs));
    return 0;
  } catch (thrown) {
    return failApiCall('status', io, thrown);
  }
}

async function allJobs(connection: ApiConnection): Promise<JobWithStatus[]> {
  const list = (await callIdbridgeApi(connection, { method: 'GET', path: '/api/jobs' })) as { value: { id: string }[] };
  // The list holds definitions only; each job's status is one GET (jobs are few).
  return Promise.all(list.value.map((job) => jobWithStatus(connection, job.id)));
}

async function jobWithStatus(connection: ApiConnection, jobId: string): Promise<JobWithStatus> {
  return (await callIdbridgeApi(connection, { method: 'GET', path: `/api/jobs/${encodeURIComponent(jobId)}` })) as JobWithStatus;
}

function readArgs(argv: string[]): StatusArgs | 'help' {
  const { values, positionals } = parseCommandArgs(argv, { ...API_CONNECTION_OPTIONS, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, true);
  if (values.help) return 'help';
  if (positionals.length > 1) throw new UsageError(`expected at most one job id, got ${positionals.length}: ${positionals.join(' ')}`);
  return {
    ...(positionals[0] !== undefined ? { jobId: positionals[0] } : {}),
    json: values.json === true,
    url: readApiUrl(values.url),
    ...(values['admin-token'] !== undefined ? { adminToken: values['admin-token'] } : {}),
  };
}
