import { API_CONNECTION_OPTIONS, API_CONNECTION_USAGE, apiConnection, readApiUrl } from './apiConnectionArgs';
import type { CommandIo } from './commandIo';
import { failApiCall } from './failApiCall';
import { callIdbridgeApi } from './idbridgeApiClient';
import { parseCommandArgs, readCommandArgs, UsageError } from './parseCommandArgs';

const USAGE = `Usage: idbridge job start|pause|restart <jobId> [--reset-scope Watermark,Escrows] [--url URL] [--admin-token T]

Operates a job as Graph's synchronizationJob actions do (docs/operations.md):
  start    Active: a cycle starts (or a paused one resumes) within a minute; lifts a quarantine.
  pause    no new cycles; a running cycle stops after its current page and resumes on start.
  restart  resets what --reset-scope names and runs a cycle now. Values (comma-separated): Watermark (next
           cycle re-reads everything), Escrows (stop retrying failed objects), QuarantineState,
           ConnectorDataStore (forget source-target links), ForceDeletes (apply deletes held back by the
           accidental-deletion threshold), Full (all but ForceDeletes). Default: Watermark,Escrows,QuarantineState.
${API_CONNECTION_USAGE}
Exit code: 0, 1 when the service refused or could not be reached, 2 for a command-line mistake.`;

const ACTIONS = ['start', 'pause', 'restart'] as const;
type JobAction = (typeof ACTIONS)[number];

interface JobArgs {
  action: JobAction;
  jobId: string;
  resetScope?: string;
  url: string;
  adminToken?: string;
}

/** What happens next; cycles are what jobs with a readable source run (bulk-upload jobs reconcile uploads as they arrive). */
const DONE: Record<JobAction, string> = {
  start: 'started: its next cycle starts within a minute (idbridge status shows it)',
  pause: 'paused: no new cycles; a running cycle stops after its current page',
  restart: 'restarted: its next cycle starts within a minute (idbridge status shows it)',
};

export async function jobCommand(argv: string[], io: CommandIo): Promise<number> {
  const args = readCommandArgs('job', USAGE, io, () => readArgs(argv));
  if (typeof args === 'number') return args;
  const connection = await apiConnection(args.url, args.adminToken, io);
  if (typeof connection === 'string') return failApiCall('job', io, connection);
  try {
    await callIdbridgeApi(connection, {
      method: 'POST',
      path: `/api/jobs/${encodeURIComponent(args.jobId)}/${args.action}`,
      ...(args.resetScope !== undefined ? { body: { criteria: { resetScope: args.resetScope } } } : {}),
    });
  } catch (thrown) {
    return failApiCall('job', io, thrown);
  }
  const scope = args.action === 'restart' ? ` (reset: ${args.resetScope ?? 'Watermark, Escrows, QuarantineState'})` : '';
  io.stdout.write(`Job '${args.jobId}' ${DONE[args.action]}${scope}\n`);
  return 0;
}

function readArgs(argv: string[]): JobArgs | 'help' {
  const { values, positionals } = parseCommandArgs(argv, { ...API_CONNECTION_OPTIONS, 'reset-scope': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, true);
  if (values.help) return 'help';
  const [action, jobId, ...rest] = positionals;
  if (action === undefined) throw new UsageError(`name the action: ${ACTIONS.join(', ')}`);
  if (!(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`unknown action "${action}"; use ${ACTIONS.join(', ')}`);
  if (jobId === undefined) throw new UsageError('name the job');
  if (rest.length > 0) throw new UsageError(`unexpected argument: ${rest.join(' ')}`);
  const resetScope = values['reset-scope'];
  // The service checks the values themselves (and says which are wrong); here only where the flag may go.
  if (resetScope !== undefined && action !== 'restart') throw new UsageError('--reset-scope goes with restart only');
  return {
    action: action as JobAction,
    jobId,
    ...(resetScope !== undefined ? { resetScope } : {}),
    url: readApiUrl(values.url),
    ...(values['admin-token'] !== undefined ? { adminToken: values['admin-token'] } : {}),
  };
}
