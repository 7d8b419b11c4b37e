import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { uploadCommand } from '../../src/cli/uploadCommand';
import { accepted, scimError, startBulkUploadTestServer, type BulkUploadTestServer } from '../support/bulkUploadTestServer';

function captureIo(cwd: string, env: Record<string, string | undefined> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = (stream: PassThrough) => () => (stream.read() as Buffer | null)?.toString('utf8') ?? '';
  return { io: { stdout, stderr, env, cwd }, out: text(stdout), err: text(stderr) };
}

const HEADER = 'WorkerID,WorkerStatus,WorkerType,UserID,FirstName,LastName,FullName,GenderPronoun,ManagerID,HireDate,OnLeave,Department,Division,CostCenter,Company,Location,JobTitle,StreetAddress,City,CountryCode,OfficePhone,Custom01,Custom02,ZipCode';
const row = (id: string, status = 'Active') => `${id},${status},Employee,EMP${id},Ann,Lee,Ann Lee,,9,2020-01-01,False,IT,Tech,CC1,Acme,HQ,"Manager, IT",,Chicago,US,,,,`;

describe('idbridge upload', () => {
  let dir: string;
  let server: BulkUploadTestServer | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'idbridge-upload-'));
    // 5 rows, 4 workers: in batches of 2 that is 3 requests.
    await writeFile(path.join(dir, 'hr.csv'), [HEADER, row('1'), row('2'), row('3'), row('1', 'Inactive'), row('4')].join('\n') + '\n');
    await mkdir(path.join(dir, 'home'));
    await writeFile(path.join(dir, 'home', 'token'), 'from-file\n');
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('uploads, retries a throttled request, and reports a rejection with exit code 1', async () => {
    server = await startBulkUploadTestServer((i) =>
      i === 0 ? { status: 503, headers: { 'Retry-After': '1' } } : i === 2 ? scimError(400, 'externalId 3: userName is not unique', 'uniqueness') : accepted,
    );
    const { io, out, err } = captureIo(dir, { IDBRIDGE_HOME: 'home' });
    const code = await uploadCommand(['hr.csv', '--job', 'hr1', '--url', server.url, '--batch', '2', '--concurrency', '1', '--all-rows'], io);

    expect(code).toBe(1);
    const summary = out();
    expect(summary).toMatch(/Records read:\s+5\n/);
    expect(summary).toMatch(/Distinct externalIds:\s+4\n/);
    expect(summary).toMatch(/Requests accepted:\s+2\/3\n/);
    expect(summary).toMatch(/Requests rejected:\s+1\n/);
    expect(summary).toMatch(/Retries:\s+1\n/);
    expect(summary).toMatch(/Records\/s:\s+\d+/);
    expect(summary).toMatch(/request 2, 2 records \(externalId 3\.\.1\): HTTP 400 uniqueness: externalId 3: userName is not unique/);
    // Not a terminal: plain progress lines.
    expect(err()).toMatch(/^100% 5\/5 records, 3\/3 requests, 1 retries$/m);
    expect(server.requests).toHaveLength(4);
    expect(server.requests.every((r) => r.headers.authorization === 'Bearer from-file')).toBe(true);
    const ops = server.requests.map((r) => JSON.parse(r.body).Operations.length);
    expect(ops).toEqual([2, 2, 2, 1]);
  });

  it('exits 0 when everything is accepted, taking the token from IDBRIDGE_TOKEN before the file', async () => {
    server = await startBulkUploadTestServer(() => accepted);
    const { io, out } = captureIo(dir, { IDBRIDGE_HOME: 'home', IDBRIDGE_TOKEN: 'from-env' });
    expect(await uploadCommand(['hr.csv', '--job', 'hr1', '--url', server.url], io)).toBe(0);
    const summary = out();
    expect(summary).toMatch(/Requests accepted:\s+1\/1\n/);
    // Worker 1's first row is superseded by its later (Inactive) row, which alone is sent, in its place.
    expect(summary).toMatch(/Superseded rows:\s+1 /);
    const sent = JSON.parse(server.requests[0]?.body ?? '').Operations.map((op: { data: { externalId: string; active: boolean } }) => [op.data.externalId, op.data.active]);
    expect(sent).toEqual([['2', true], ['3', true], ['1', false], ['4', true]]);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer from-env');
  });

  it('uses a mapping file', async () => {
    server = await startBulkUploadTestServer(() => accepted);
    await writeFile(path.join(dir, 'map.json'), JSON.stringify({ externalId: 'UserID', 'emails[type eq "work"].value': 'UserID' }));
    const { io } = captureIo(dir);
    expect(await uploadCommand(['hr.csv', '--job', 'j', '--url', server.url, '--map', 'map.json', '--token', 'flag'], io)).toBe(0);
    const first = JSON.parse(server.requests[0]?.body ?? '').Operations[0].data;
    expect(first).toEqual({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], externalId: 'EMP2', emails: [{ type: 'work', value: 'EMP2' }] });
    expect(server.requests[0]?.headers.authorization).toBe('Bearer flag');
  });

  it('names the bad key of a mapping file', async () => {
    await writeFile(path.join(dir, 'bad.json'), JSON.stringify({ externalId: 'WorkerID', 'emails.value': 'UserID' }));
    const { io, err } = captureIo(dir);
    expect(await uploadCommand(['hr.csv', '--job', 'j', '--map', 'bad.json', '--token', 't'], io)).toBe(1);
    expect(err()).toMatch(/emails\.value: "emails" is multi-valued/);
  });

  it('says where a token can come from when there is none', async () => {
    const { io, err } = captureIo(dir);
    expect(await uploadCommand(['hr.csv', '--job', 'j'], io)).toBe(1);
    expect(err()).toMatch(/no token: pass --token, set IDBRIDGE_TOKEN, or put it in .*\.idbridge[/\\]token/);
  });

  const usage: { argv: string[]; message: RegExp }[] = [
    { argv: ['hr.csv', '--job', 'j', '--verbose'], message: /Unknown option '--verbose'/ },
    { argv: ['hr.csv'], message: /--job is required/ },
    { argv: ['--job', 'j'], message: /name the CSV file/ },
    { argv: ['a.csv', 'b.csv', '--job', 'j'], message: /expected one CSV file, got 2/ },
    { argv: ['hr.csv', '--job', 'j', '--batch', '51'], message: /--batch must be a whole number from 1 to 50/ },
    { argv: ['hr.csv', '--job', 'j', '--concurrency', '0'], message: /--concurrency must be a whole number/ },
    { argv: ['hr.csv', '--job', 'j', '--url', 'ftp://x'], message: /--url must be an http\(s\) address/ },
  ];
  it.each(usage)('exits 2 for $argv', async ({ argv, message }) => {
    const { io, err } = captureIo(dir);
    expect(await uploadCommand(argv, io)).toBe(2);
    const text = err();
    expect(text).toMatch(message);
    expect(text).toMatch(/Usage: idbridge upload/);
  });
});
