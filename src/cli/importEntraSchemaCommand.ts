import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { importEntraSchema } from '../app/importEntraSchema';
import { validateJobDefinition } from '../app/validateJobDefinition';
import { jobId, targetTokenSetting } from '../domain/jobDefinition';
import { toError, ValidationError } from '../domain/errors';
import type { CommandIo } from './commandIo';
import { parseCommandArgs, UsageError, readCommandArgs } from './parseCommandArgs';
import { readJsonFile } from './readJsonFile';

const USAGE = `Usage: idbridge import-entra-schema <schema.json> [--id <jobId>] [--base-url URL] [--token-setting NAME]
                                  [--out job.json]

Converts a synchronization schema exported from Entra (GET .../synchronization/jobs/{id}/schema) into an
idbridge job definition, printed on stdout or written to --out. Every setting that is converted or left out
is reported on stderr as "<path>: <kept|converted|dropped>: <what and why>". Without --base-url and
--token-setting the target gets placeholders to replace. Exit code: 0 when the job is valid, 1 when the file
cannot be read or the result does not validate (with the reasons), 2 for a command-line mistake.`;

interface ImportArgs {
  file: string;
  id?: string;
  baseUrl?: string;
  tokenSetting?: string;
  out?: string;
}

export async function importEntraSchemaCommand(argv: string[], io: CommandIo): Promise<number> {
  const args = readCommandArgs('import-entra-schema', USAGE, io, () => readArgs(argv));
  if (typeof args === 'number') return args;
  // Which step failed decides how the failure is introduced (a bad input file is not an invalid job).
  let stage: 'read' | 'import' | 'validate' | 'write' = 'read';
  try {
    const schema = await readJsonFile(io.cwd, args.file);
    stage = 'import';
    const { job, report } = importEntraSchema(schema, args);
    for (const line of report) io.stderr.write(`${line.path}: ${line.action}: ${line.detail}\n`);
    stage = 'validate';
    const valid = validateJobDefinition(job);
    const text = `${JSON.stringify(valid, null, 2)}\n`;
    stage = 'write';
    if (args.out === undefined) io.stdout.write(text);
    else {
      const out = path.resolve(io.cwd, args.out);
      await writeFile(out, text);
      io.stderr.write(`wrote ${out}\n`);
    }
    return 0;
  } catch (thrown) {
    const what = stage === 'import' ? `${args.file} is not an exported synchronization schema:` : stage === 'validate' ? 'the result is not a valid job:' : stage === 'write' ? `cannot write ${args.out ?? ''}:` : '';
    io.stderr.write(`idbridge import-entra-schema: ${what}${describe(thrown)}\n`);
    return 1;
  }
}

function readArgs(argv: string[]): ImportArgs | 'help' {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      id: { type: 'string' },
      'base-url': { type: 'string' },
      'token-setting': { type: 'string' },
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name the exported schema file' : `expected one schema file, got ${positionals.length}`);
  // Checked here so that a typo is a usage error (2), not a job that fails validation (1).
  if (values.id !== undefined && !jobId.safeParse(values.id).success) throw new UsageError(`--id "${values.id}" is not a job id (1-100 letters, digits, dots, dashes, underscores)`);
  const baseUrl = values['base-url'];
  if (baseUrl !== undefined && (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol))) throw new UsageError(`--base-url must be an http(s) address, got "${baseUrl}"`);
  const tokenSetting = values['token-setting'];
  if (tokenSetting !== undefined && !targetTokenSetting.safeParse(tokenSetting).success) throw new UsageError(`--token-setting must name an app setting starting with IDBRIDGE_TARGET_TOKEN_, got "${tokenSetting}"`);
  return {
    file: positionals[0] ?? '',
    ...(values.id !== undefined ? { id: values.id } : {}),
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(tokenSetting !== undefined ? { tokenSetting } : {}),
    ...(values.out !== undefined ? { out: values.out } : {}),
  };
}

function describe(thrown: unknown): string {
  if (thrown instanceof ValidationError) return `\n${thrown.issues.map((i) => `  ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n')}`;
  return ` ${toError(thrown).message}`;
}
