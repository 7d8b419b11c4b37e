import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { toError, ValidationError } from '../domain/errors';
import { parseCsvMapping, type CsvMapping } from '../inbound/csvMapping';
import { csvToBulkRequests, type CsvConversion } from '../inbound/csvToBulkRequests';
import { MAX_BULK_OPERATIONS } from '../inbound/toBulkRequests';
import { uploadBulkRequests, type UploadSummary } from '../inbound/uploadBulkRequests';
import type { CommandIo } from './commandIo';
import { formatUploadSummary } from './formatUploadSummary';
import { integerOption, parseCommandArgs, UsageError, readCommandArgs } from './parseCommandArgs';
import { progressReporter } from './progressReporter';
import { resolveToken, tokenFilePath } from './resolveToken';

const USAGE = `Usage: idbridge upload <file.csv> --job <id> [--map mapping.json] [--url http://localhost:7071]
                      [--token T] [--batch 50] [--concurrency 4] [--all-rows]

Converts HR CSV rows to SCIM users and POSTs them as BulkRequests to {url}/api/jobs/{id}/bulkUpload.
The inbound token (the one bulkUpload takes; the other commands use the admin token) comes from --token,
else IDBRIDGE_TOKEN, else $IDBRIDGE_HOME/token (default .idbridge/token).
--map replaces the built-in mapping with a JSON file of "<SCIM path>": "<CSV column>" entries.
A worker's later row supersedes earlier rows of the same WorkerID, so only the last one is sent;
--all-rows sends every row in file order (the service then applies them in that order).
Exit code: 0 when every row was accepted, 1 when anything was rejected, skipped or failed, 2 for a
command-line mistake.`;

const DEFAULT_URL = 'http://localhost:7071';

interface UploadArgs {
  file: string;
  jobId: string;
  mapFile?: string;
  url: string;
  token?: string;
  batch: number;
  concurrency: number;
  allRows: boolean;
}

export async function uploadCommand(argv: string[], io: CommandIo): Promise<number> {
  const args = readCommandArgs('upload', USAGE, io, () => readArgs(argv));
  if (typeof args === 'number') return args;
  const fail = (message: string): number => {
    io.stderr.write(`idbridge upload: ${message}\n`);
    return 1;
  };

  const token = await resolveToken(args.token, io);
  if (!token) return fail(`no token: pass --token, set IDBRIDGE_TOKEN, or put it in ${tokenFilePath(io)}`);

  let mapping: CsvMapping | undefined;
  if (args.mapFile !== undefined) {
    const mapPath = path.resolve(io.cwd, args.mapFile);
    try {
      mapping = parseCsvMapping(JSON.parse(await readFile(mapPath, 'utf8')));
    } catch (thrown) {
      return fail(`mapping file ${mapPath}: ${describe(thrown)}`);
    }
  }

  const csvPath = path.resolve(io.cwd, args.file);
  let conversion: CsvConversion;
  try {
    const text = await readFile(csvPath, 'utf8');
    conversion = csvToBulkRequests(text, { batchSize: args.batch, keepSupersededRows: args.allRows, ...(mapping ? { mapping } : {}) });
  } catch (thrown) {
    return fail(`${csvPath}: ${describe(thrown)}`);
  }

  const progress = progressReporter(io.stderr);
  let summary: UploadSummary;
  try {
    summary = await uploadBulkRequests({
      url: args.url,
      jobId: args.jobId,
      token,
      requests: conversion.requests,
      concurrency: args.concurrency,
      onProgress: (p) => progress.update(p),
    });
  } catch (thrown) {
    progress.finish();
    return fail(`upload failed: ${describe(thrown)}`);
  }
  progress.finish();
  io.stdout.write(formatUploadSummary({ recordsRead: conversion.recordsRead, skipped: conversion.skipped, superseded: conversion.superseded, summary }));
  const allAccepted = summary.accepted === summary.requests && conversion.skipped.length === 0;
  return allAccepted ? 0 : 1;
}

function readArgs(argv: string[]): UploadArgs | 'help' {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      job: { type: 'string' },
      map: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      batch: { type: 'string' },
      concurrency: { type: 'string' },
      'all-rows': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name the CSV file to upload' : `expected one CSV file, got ${positionals.length}: ${positionals.join(' ')}`);
  const jobId = values.job?.trim();
  if (!jobId) throw new UsageError('--job is required');
  const url = values.url ?? DEFAULT_URL;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`--url must be an http(s) address, got "${url}"`);
  return {
    file: positionals[0] ?? '',
    jobId,
    ...(values.map !== undefined ? { mapFile: values.map } : {}),
    url,
    ...(values.token !== undefined ? { token: values.token } : {}),
    batch: integerOption('batch', values.batch, 1, MAX_BULK_OPERATIONS) ?? MAX_BULK_OPERATIONS,
    concurrency: integerOption('concurrency', values.concurrency, 1, 64) ?? 4,
    allRows: values['all-rows'] === true,
  };
}

/** A ValidationError lists every issue on its own line; anything else is its message. */
function describe(thrown: unknown): string {
  if (thrown instanceof ValidationError) return `\n${thrown.issues.map((i) => `  ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n')}`;
  return toError(thrown).message;
}
