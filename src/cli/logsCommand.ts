import type { ProvisioningLogEntry } from '../domain/provisioningLogEntry';
import { API_CONNECTION_OPTIONS, API_CONNECTION_USAGE, apiConnection, readApiUrl } from './apiConnectionArgs';
import type { CommandIo } from './commandIo';
import { failApiCall } from './failApiCall';
import { formatLogEntry } from './formatLogEntry';
import { callIdbridgeApi, type ApiConnection } from './idbridgeApiClient';
import { integerOption, parseCommandArgs, readCommandArgs, UsageError } from './parseCommandArgs';

const USAGE = `Usage: idbridge logs <jobId> [--cycle ID] [--status success|warning|failure|skipped] [--source KEY]
                    [--limit 50] [--json] [--url URL] [--admin-token T]

Lists a job's provisioning log entries (GET /api/jobs/{jobId}/provisioningLogs), newest first, one line per
entry: time, action, status, source -> target, and the error or skip reason. --cycle takes a cycle's or an
upload's id (the activityIdentifier in idbridge status, the uploadId of a bulk upload); --source a source key.
--json prints the entries as Graph's provisioningObjectSummary objects.
${API_CONNECTION_USAGE}
Exit code: 0, 1 when the service refused or could not be reached, 2 for a command-line mistake.`;

const STATUSES = ['success', 'warning', 'failure', 'skipped'] as const;
/** The API's largest page. */
const MAX_PAGE = 1000;

interface LogsArgs {
  jobId: string;
  cycleId?: string;
  status?: string;
  sourceId?: string;
  limit: number;
  json: boolean;
  url: string;
  adminToken?: string;
}

export async function logsCommand(argv: string[], io: CommandIo): Promise<number> {
  const args = readCommandArgs('logs', USAGE, io, () => readArgs(argv));
  if (typeof args === 'number') return args;
  const connection = await apiConnection(args.url, args.adminToken, io);
  if (typeof connection === 'string') return failApiCall('logs', io, connection);
  let entries: ProvisioningLogEntry[];
  try {
    entries = await readEntries(connection, args);
  } catch (thrown) {
    return failApiCall('logs', io, thrown);
  }
  if (args.json) io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
  else if (entries.length === 0) io.stdout.write('No entries.\n');
  else io.stdout.write(`${entries.map(formatLogEntry).join('\n')}\n`);
  return 0;
}

/** Pages through the list until `limit` entries or the end. */
async function readEntries(connection: ApiConnection, args: LogsArgs): Promise<ProvisioningLogEntry[]> {
  const entries: ProvisioningLogEntry[] = [];
  let continuationToken: string | undefined;
  do {
    const page = (await callIdbridgeApi(connection, {
      method: 'GET',
      path: `/api/jobs/${encodeURIComponent(args.jobId)}/provisioningLogs`,
      query: { cycleId: args.cycleId, status: args.status, sourceId: args.sourceId, pageSize: String(Math.min(MAX_PAGE, args.limit - entries.length)), continuationToken },
    })) as { value: ProvisioningLogEntry[]; continuationToken?: string };
    entries.push(...page.value.slice(0, args.limit - entries.length));
    continuationToken = page.continuationToken;
  } while (continuationToken !== undefined && entries.length < args.limit);
  return entries;
}

function readArgs(argv: string[]): LogsArgs | 'help' {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      ...API_CONNECTION_OPTIONS,
      cycle: { type: 'string' },
      status: { type: 'string' },
      source: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name the job whose logs to list' : `expected one job id, got ${positionals.length}: ${positionals.join(' ')}`);
  const status = values.status?.toLowerCase();
  if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}, got "${values.status}"`);
  return {
    jobId: positionals[0] ?? '',
    ...(values.cycle !== undefined ? { cycleId: values.cycle } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(values.source !== undefined ? { sourceId: values.source } : {}),
    limit: integerOption('limit', values.limit, 1, 100_000) ?? 50,
    json: values.json === true,
    url: readApiUrl(values.url),
    ...(values['admin-token'] !== undefined ? { adminToken: values['admin-token'] } : {}),
  };
}
