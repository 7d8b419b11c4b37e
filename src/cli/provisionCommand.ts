import type { OnDemandKey, OnDemandValue } from '../engine/onDemand/onDemandResponse';
import { API_CONNECTION_OPTIONS, API_CONNECTION_USAGE, apiConnection, readApiUrl } from './apiConnectionArgs';
import type { CommandIo } from './commandIo';
import { failApiCall } from './failApiCall';
import { formatOnDemandResult } from './formatOnDemandResult';
import { callIdbridgeApi } from './idbridgeApiClient';
import { parseCommandArgs, readCommandArgs, UsageError } from './parseCommandArgs';

const USAGE = `Usage: idbridge provision <jobId> <objectId> [--type User] [--member ID]... [--json] [--url URL] [--admin-token T]

Provisions one object now (POST /api/jobs/{jobId}/provisionOnDemand, Graph's provisionOnDemand) and prints
each step: import, scope, match, and what was done in the target, with the attributes it changed.
objectId is the object's source key (for a bulk-upload job, its externalId). --type names the source object
type (default User); for a group (--type Group), --member names up to 5 of its members to provision first.
--json prints Graph's answer with its key and value decoded.
${API_CONNECTION_USAGE}
Exit code: 0 when the object was provisioned or already in sync (or skipped), 1 when it failed or the service
refused, 2 for a command-line mistake.`;

interface ProvisionArgs {
  jobId: string;
  objectId: string;
  type: string;
  members: string[];
  json: boolean;
  url: string;
  adminToken?: string;
}

export async function provisionCommand(argv: string[], io: CommandIo): Promise<number> {
  const args = readCommandArgs('provision', USAGE, io, () => readArgs(argv));
  if (typeof args === 'number') return args;
  const connection = await apiConnection(args.url, args.adminToken, io);
  if (typeof connection === 'string') return failApiCall('provision', io, connection);
  const subject = {
    objectId: args.objectId,
    objectTypeName: args.type,
    ...(args.members.length > 0 ? { links: { members: args.members.map((objectId) => ({ objectId, objectTypeName: 'User' })) } } : {}),
  };
  let answer: { key: string; value: string };
  try {
    answer = (await callIdbridgeApi(connection, { method: 'POST', path: `/api/jobs/${encodeURIComponent(args.jobId)}/provisionOnDemand`, body: { parameters: [{ subjects: [subject] }] } })) as { key: string; value: string };
  } catch (thrown) {
    return failApiCall('provision', io, thrown);
  }
  const key = JSON.parse(answer.key) as OnDemandKey;
  const value = JSON.parse(answer.value) as OnDemandValue;
  io.stdout.write(args.json ? `${JSON.stringify({ key, value }, null, 2)}\n` : formatOnDemandResult(key, value));
  return key.result === 'Failure' ? 1 : 0;
}

function readArgs(argv: string[]): ProvisionArgs | 'help' {
  const { values, positionals } = parseCommandArgs(
    argv,
    { ...API_CONNECTION_OPTIONS, type: { type: 'string' }, member: { type: 'string', multiple: true }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    true,
  );
  if (values.help) return 'help';
  if (positionals.length !== 2) throw new UsageError(`expected <jobId> <objectId>, got ${positionals.length} argument(s)${positionals.length > 0 ? `: ${positionals.join(' ')}` : ''}`);
  const members = values.member ?? [];
  // The service says the same; checked here so that the mistake costs no request of the 5 per 10 s.
  if (members.length > 5) throw new UsageError(`at most 5 --member, as Entra allows; got ${members.length}`);
  return {
    jobId: positionals[0] ?? '',
    objectId: positionals[1] ?? '',
    type: values.type?.trim() || 'User',
    members,
    json: values.json === true,
    url: readApiUrl(values.url),
    ...(values['admin-token'] !== undefined ? { adminToken: values['admin-token'] } : {}),
  };
}
