import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { importEntraSchemaCommand } from '../../src/cli/importEntraSchemaCommand';
import { validateJobDefinition } from '../../src/app/validateJobDefinition';

function captureIo(cwd: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = (stream: PassThrough) => () => (stream.read() as Buffer | null)?.toString('utf8') ?? '';
  return { io: { stdout, stderr, env: {}, cwd }, out: text(stdout), err: text(stderr) };
}

describe('idbridge import-entra-schema', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'idbridge-import-'));
    await copyFile(path.join(__dirname, '..', 'fixtures', 'entra-scim-app-schema.json'), path.join(dir, 'schema.json'));
    // Its only matching mapping uses a function idbridge lacks, so the result cannot validate.
    await writeFile(
      path.join(dir, 'unmatched.json'),
      JSON.stringify({ synchronizationRules: [{ name: 'R', objectMappings: [{ name: 'users', attributeMappings: [{ source: { expression: 'ResolveManagerUpn([manager])' }, targetAttributeName: 'userName', matchingPriority: 1 }, { source: { expression: '[mail]' }, targetAttributeName: 'displayName' }] }] }] }),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints a valid job on stdout and one report line per change on stderr', async () => {
    const { io, out, err } = captureIo(dir);
    expect(await importEntraSchemaCommand(['schema.json', '--id', 'scim-app', '--base-url', 'https://app.example.com/scim/v2', '--token-setting', 'IDBRIDGE_TARGET_TOKEN_APP'], io)).toBe(0);
    const job = validateJobDefinition(JSON.parse(out()));
    expect(job.id).toBe('scim-app');
    const report = err();
    expect(report).toMatch(/^synchronizationRules\[0\]\.objectMappings\[1\]: dropped: object mapping 'Provision Microsoft Entra ID Groups' is disabled in Entra$/m);
    expect(report).toMatch(/^synchronizationRules\[0\]\.objectMappings\[0\]\.attributeMappings\[10\]\.source: converted: locale: source null with defaultValue "en_US"/m);
    expect(report).toMatch(/^synchronizationRules\[0\]\.objectMappings\[0\]\.attributeMappings\[14\]\.source\.expression: dropped: .*unknown function 'ResolveManagerUpn'/m);
    expect(report).not.toMatch(/^target\./m);
  });

  it('writes --out, reporting the placeholders it used', async () => {
    const { io, out, err } = captureIo(dir);
    expect(await importEntraSchemaCommand(['schema.json', '--out', 'job.json'], io)).toBe(0);
    expect(out()).toBe('');
    const report = err();
    expect(report).toMatch(/^target\.baseUrl: converted: .*placeholder/m);
    expect(report).toMatch(/^wrote .*job\.json$/m);
    const job = validateJobDefinition(JSON.parse(await readFile(path.join(dir, 'job.json'), 'utf8')));
    expect(job.target.tokenSetting).toBe('IDBRIDGE_TARGET_TOKEN_APP');
  });

  it('exits 1 saying why when the result does not validate', async () => {
    const { io, out, err } = captureIo(dir);
    expect(await importEntraSchemaCommand(['unmatched.json'], io)).toBe(1);
    expect(out()).toBe('');
    const text = err();
    expect(text).toMatch(/attributeMappings\[0\]\.source\.expression: dropped/);
    expect(text).toMatch(/the result is not a valid job:\n\s+objectMappings\[0\]\.attributeMappings: no mapping has matchingPriority > 0/);
  });

  it('exits 1 for a file that is not a schema', async () => {
    await writeFile(path.join(dir, 'other.json'), '{"value": []}');
    const { io, err } = captureIo(dir);
    expect(await importEntraSchemaCommand(['other.json'], io)).toBe(1);
    expect(err()).toMatch(/other\.json is not an exported synchronization schema:\n\s+synchronizationRules: /);
  });

  it.each<[string[], RegExp]>([
    [[], /name the exported schema file/],
    [['a.json', 'b.json'], /expected one schema file, got 2/],
    [['schema.json', '--id', 'bad id!'], /--id "bad id!" is not a job id/],
    [['schema.json', '--base-url', 'ftp://x'], /--base-url must be an http\(s\) address/],
    [['schema.json', '--token-setting', 'not-a-setting'], /--token-setting must name an app setting/],
    [['schema.json', '--nope'], /Unknown option '--nope'/],
  ])('exits 2 for %j', async (argv, message) => {
    const { io, err } = captureIo(dir);
    expect(await importEntraSchemaCommand(argv, io)).toBe(2);
    expect(err()).toMatch(message);
  });
});
