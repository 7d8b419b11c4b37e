import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { sampleDataCommand } from '../../src/cli/sampleDataCommand';
import { parseCsv } from '../../src/csv/parseCsv';
import { csvToBulkRequests } from '../../src/inbound/csvToBulkRequests';

function captureIo(cwd: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = (stream: PassThrough) => () => (stream.read() as Buffer | null)?.toString('utf8') ?? '';
  return { io: { stdout, stderr, env: {}, cwd }, out: text(stdout), err: text(stderr) };
}

describe('idbridge sample-data', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'idbridge-sample-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints CSV to stdout, the same for the same seed', async () => {
    const first = captureIo(dir);
    expect(await sampleDataCommand(['--count', '30', '--seed', '7'], first.io)).toBe(0);
    const second = captureIo(dir);
    expect(await sampleDataCommand(['--count=30', '--seed=7'], second.io)).toBe(0);
    const csv = first.out();
    expect(csv).toBe(second.out());
    expect(parseCsv(csv).rows).toHaveLength(30);
  });

  it('writes a file that the default mapping converts without skipping a row', async () => {
    const { io, err } = captureIo(dir);
    expect(await sampleDataCommand(['--count', '500', '--out', 'hr.csv'], io)).toBe(0);
    expect(err()).toMatch(/Wrote 500 rows \(\d+ workers, \d+ repeated rows\) to .*hr\.csv/);
    const conversion = csvToBulkRequests(await readFile(path.join(dir, 'hr.csv'), 'utf8'));
    expect(conversion.recordsRead).toBe(500);
    expect(conversion.skipped).toEqual([]);
    expect(conversion.requests).toHaveLength(10);
  });

  const usage: { argv: string[]; message: RegExp }[] = [
    { argv: ['--count', '5', '--bogus'], message: /Unknown option '--bogus'/ },
    { argv: [], message: /--count is required/ },
    { argv: ['--count', 'ten'], message: /--count must be a whole number/ },
    { argv: ['--count', '0'], message: /--count must be a whole number from 1/ },
    { argv: ['--count', '5', 'extra'], message: /Unexpected argument 'extra'/ },
  ];
  it.each(usage)('exits 2 for $argv', async ({ argv, message }) => {
    const { io, err } = captureIo(dir);
    expect(await sampleDataCommand(argv, io)).toBe(2);
    const text = err();
    expect(text).toMatch(message);
    expect(text).toMatch(/Usage: idbridge sample-data/);
  });
});
