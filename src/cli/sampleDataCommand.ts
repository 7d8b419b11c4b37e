import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatCsv } from '../csv/formatCsv';
import { toError } from '../domain/errors';
import { generateHrRows } from '../sampleData/generateHrRows';
import type { CommandIo } from './commandIo';
import { integerOption, parseCommandArgs, UsageError } from './parseCommandArgs';

const USAGE = `Usage: idbridge sample-data --count N [--seed S] [--out file.csv]

Writes invented HR data as CSV, in the 24 columns of Microsoft's sample export, with the faults real
exports have: repeated workers, managers missing from the file, empty addresses and phones, "UK".
The same --seed (default "idbridge") gives the same file. Without --out the CSV goes to stdout.`;

/** Default seed: a fixed one, so that two runs without --seed agree. */
const DEFAULT_SEED = 'idbridge';
const MAX_COUNT = 1_000_000;

export async function sampleDataCommand(argv: string[], io: CommandIo): Promise<number> {
  let count: number;
  let seed: string;
  let out: string | undefined;
  try {
    const { values } = parseCommandArgs(
      argv,
      { count: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      false,
    );
    if (values.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const parsedCount = integerOption('count', values.count, 1, MAX_COUNT);
    if (parsedCount === undefined) throw new UsageError('--count is required');
    count = parsedCount;
    seed = values.seed ?? DEFAULT_SEED;
    out = values.out;
  } catch (thrown) {
    if (!(thrown instanceof UsageError)) throw thrown;
    io.stderr.write(`idbridge sample-data: ${thrown.message}\n\n${USAGE}\n`);
    return 2;
  }

  const { header, rows, workers } = generateHrRows({ count, seed });
  const csv = formatCsv(header, rows);
  if (out === undefined) {
    io.stdout.write(csv);
    return 0;
  }
  const file = path.resolve(io.cwd, out);
  try {
    await writeFile(file, csv, 'utf8');
  } catch (thrown) {
    io.stderr.write(`idbridge sample-data: cannot write ${file}: ${toError(thrown).message}\n`);
    return 1;
  }
  io.stderr.write(`Wrote ${rows.length} rows (${workers} workers, ${rows.length - workers} repeated rows) to ${file}\n`);
  return 0;
}
