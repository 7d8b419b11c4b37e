import { validateJobDefinition } from '../app/validateJobDefinition';
import type { TargetObject } from '../connectors/targetConnector';
import { toError, ValidationError } from '../domain/errors';
import { isJsonObject, type JsonObject } from '../domain/identityObject';
import type { EvaluationEnvironment } from '../expressions/evaluationEnvironment';
import { previewReconcile } from '../engine/previewReconcile';
import type { CommandIo } from './commandIo';
import { parseCommandArgs, UsageError, readCommandArgs } from './parseCommandArgs';
import { readJsonFile } from './readJsonFile';

const USAGE = `Usage: idbridge preview --job <job.json> --input <record.json> [--target <object.json>] [--object-type User]
                       [--now ISO]

Shows what the engine would do with one source record, touching nothing (no network, no storage): whether it
is in scope, the matching values, the mapped attributes and the planner's decision (create, update with the
changed attributes, or skip with Entra's reason) against the given target object, or none (create).
The target object stands for what the engine would find through the link or by matching; its "id" is used
as the target id. Exit code: 0 when a decision was made, 1 when a file or the job is invalid, 2 for a
command-line mistake.`;

interface PreviewArgs {
  job: string;
  input: string;
  target?: string;
  objectType: string;
  now: Date;
}

export async function previewCommand(argv: string[], io: CommandIo): Promise<number> {
  const args = readCommandArgs('preview', USAGE, io, () => readArgs(argv));
  if (typeof args === 'number') return args;
  try {
    const job = validateJobDefinition(await readJsonFile(io.cwd, args.job));
    const source = requireObject(args.input, await readJsonFile(io.cwd, args.input));
    const target = args.target === undefined ? undefined : toTarget(requireObject(args.target, await readJsonFile(io.cwd, args.target)));
    const env: EvaluationEnvironment = { now: args.now, random: Math.random, defaultDomain: job.settings.defaultDomain ?? null };
    io.stdout.write(`${JSON.stringify(previewReconcile(job, args.objectType, source, target, env), null, 2)}\n`);
    return 0;
  } catch (thrown) {
    io.stderr.write(`idbridge preview: ${describe(thrown)}\n`);
    return 1;
  }
}

function readArgs(argv: string[]): PreviewArgs | 'help' {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      job: { type: 'string' },
      input: { type: 'string' },
      target: { type: 'string' },
      'object-type': { type: 'string' },
      now: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) return 'help';
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals.join(' ')}`);
  if (!values.job) throw new UsageError('--job is required');
  if (!values.input) throw new UsageError('--input is required');
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO 8601 date-time, got "${values.now}"`);
  const objectType = values['object-type']?.trim() || 'User';
  return { job: values.job, input: values.input, ...(values.target !== undefined ? { target: values.target } : {}), objectType, now };
}

function requireObject(file: string, value: unknown): JsonObject {
  if (!isJsonObject(value)) throw new ValidationError([{ path: file, message: 'must hold one JSON object' }]);
  return value as JsonObject;
}

/** A target object file is the object as the target holds it; its id (SCIM `id`) is the target id. */
function toTarget(data: JsonObject): TargetObject {
  const id = typeof data.id === 'string' && data.id !== '' ? data.id : '(given target)';
  return { id, data };
}

function describe(thrown: unknown): string {
  if (thrown instanceof ValidationError) return `\n${thrown.issues.map((i) => `  ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n')}`;
  return toError(thrown).message;
}
