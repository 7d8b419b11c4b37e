import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { previewCommand } from '../../src/cli/previewCommand';

function captureIo(cwd: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = (stream: PassThrough) => () => (stream.read() as Buffer | null)?.toString('utf8') ?? '';
  return { io: { stdout, stderr, env: {}, cwd }, out: text(stdout), err: text(stderr) };
}

const JOB = {
  id: 'hr1',
  source: { type: 'inboundApi' },
  target: { type: 'scim', baseUrl: 'https://app.example.com/scim/v2', tokenSetting: 'IDBRIDGE_TARGET_TOKEN_APP' },
  settings: { defaultDomain: 'contoso.example' },
  objectMappings: [
    {
      name: 'users',
      attributeMappings: [
        { source: { expression: '[externalId]' }, targetAttributeName: 'externalId', matchingPriority: 1 },
        { source: { expression: 'Join("@", [alias], DefaultDomain())' }, targetAttributeName: 'userName' },
        { source: { expression: 'Join(" ", [name.givenName], [name.familyName])' }, targetAttributeName: 'displayName' },
      ],
    },
  ],
};

describe('idbridge preview', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'idbridge-preview-'));
    await writeFile(path.join(dir, 'job.json'), JSON.stringify(JOB));
    await writeFile(path.join(dir, 'record.json'), JSON.stringify({ externalId: '7', alias: 'ada', name: { givenName: 'Ada', familyName: 'Lovelace' } }));
    await writeFile(path.join(dir, 'target.json'), JSON.stringify({ id: 'u-7', externalId: '7', userName: 'ada@contoso.example', displayName: 'Ada King' }));
    await writeFile(path.join(dir, 'bad-job.json'), JSON.stringify({ ...JOB, objectMappings: [{ name: 'users', attributeMappings: [{ source: { expression: 'Join(' }, targetAttributeName: 'x', matchingPriority: 1 }] }] }));
    await writeFile(path.join(dir, 'list.json'), '[]');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints a create without a target, using the job default domain', async () => {
    const { io, out } = captureIo(dir);
    expect(await previewCommand(['--job', 'job.json', '--input', 'record.json'], io)).toBe(0);
    const preview = JSON.parse(out());
    expect(preview).toEqual(expect.objectContaining({ inScope: true, matching: [{ attribute: 'externalId', value: '7' }] }));
    expect(preview.decision).toEqual(expect.objectContaining({ action: 'create', resource: expect.objectContaining({ userName: 'ada@contoso.example', displayName: 'Ada Lovelace' }) }));
    expect(preview.steps.map((s: { name: string }) => s.name)).toEqual(['EntryImportAdd', 'EntrySynchronizationScoping', 'EntrySynchronizationAdd']);
  });

  it('prints an update of what differs from the given target', async () => {
    const { io, out } = captureIo(dir);
    expect(await previewCommand(['--job', 'job.json', '--input', 'record.json', '--target', 'target.json', '--object-type', 'User'], io)).toBe(0);
    const preview = JSON.parse(out());
    expect(preview.matching).toEqual([{ attribute: 'externalId', value: '7', matchesTarget: true }]);
    expect(preview.decision).toEqual(expect.objectContaining({ action: 'update', targetId: 'u-7', changes: [{ path: 'displayName', value: 'Ada Lovelace' }] }));
  });

  it.each<[string, string[], RegExp]>([
    ['an invalid job, naming the field', ['--job', 'bad-job.json', '--input', 'record.json'], /objectMappings\[0\]\.attributeMappings\[0\]\.source\.expression/],
    ['a missing file', ['--job', 'job.json', '--input', 'nope.json'], /nope\.json: cannot be read/],
    ['a record that is not an object', ['--job', 'job.json', '--input', 'list.json'], /list\.json: must hold one JSON object/],
  ])('exits 1 for %s', async (_name, argv, message) => {
    const { io, err } = captureIo(dir);
    expect(await previewCommand(argv, io)).toBe(1);
    expect(err()).toMatch(message);
  });

  it.each<[string[], RegExp]>([
    [['--input', 'record.json'], /--job is required/],
    [['--job', 'job.json'], /--input is required/],
    [['--job', 'job.json', '--input', 'record.json', '--now', 'soon'], /--now must be an ISO 8601/],
    [['--job', 'job.json', '--input', 'record.json', 'extra'], /Unexpected argument 'extra'/],
  ])('exits 2 for %j', async (argv, message) => {
    const { io, err } = captureIo(dir);
    expect(await previewCommand(argv, io)).toBe(2);
    expect(err()).toMatch(message);
  });
});
