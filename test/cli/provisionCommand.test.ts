import { tmpdir } from 'node:os';
import { createConnectorFactory } from '../../src/app/createConnectorFactory';
import type { Services } from '../../src/app/services';
import { provisionCommand } from '../../src/cli/provisionCommand';
import { createAzuriteServices } from '../support/azuriteServices';
import { testJob } from '../support/jobFixtures';
import { startScimmyPeer, type ScimmyPeer } from '../support/scimmyPeer';
import { captureIo } from './captureIo';
import { serveIdbridgeApi, type ServedApi } from './serveIdbridgeApi';

describe('idbridge provision (against the HTTP API on Azurite, a SCIM peer as target)', () => {
  let services: Services;
  let adminToken: string;
  let api: ServedApi;
  let app: ScimmyPeer;

  beforeEach(async () => {
    app = await startScimmyPeer();
    const azurite = await createAzuriteServices();
    adminToken = azurite.adminToken;
    services = { ...azurite.services, connectorFor: createConnectorFactory({ IDBRIDGE_TARGET_TOKEN_APP: app.token }) };
    await services.jobs.upsert(testJob({ target: { type: 'scim', baseUrl: app.baseUrl, tokenSetting: 'IDBRIDGE_TARGET_TOKEN_APP' } }));
    await services.staging.stage('job1', 'User', [{ sourceKey: 'E1', data: { externalId: 'E1', userName: 'ann@contoso.example', active: true, name: { givenName: 'Ann', familyName: 'Lee' } } }], new Date().toISOString());
    api = await serveIdbridgeApi(services);
  });
  afterEach(async () => {
    await api.close();
    await app.stop();
  });

  const run = async (...argv: string[]) => {
    const { io, out, err } = captureIo(tmpdir(), { IDBRIDGE_ADMIN_TOKEN: adminToken });
    const code = await provisionCommand([...argv, '--url', api.url], io);
    return { code, out: out(), err: err() };
  };

  it('provisions the object and prints its steps and changes; run again it is in sync', async () => {
    const created = await run('job1', 'E1');
    expect(created.code).toBe(0);
    const lines = created.out.split('\n');
    expect(lines[0]).toMatch(/^User 'E1' \(ann@contoso\.example\) -> \S+: Create, Success$/);
    expect(lines.slice(1, 5)).toEqual([
      expect.stringMatching(/^ {3}1\. EntryImportAdd\s+Import\s+Success\s+Received User 'E1' from the source$/),
      expect.stringMatching(/^ {3}2\. EntrySynchronizationScoping\s+Scoping\s+Success /),
      expect.stringMatching(/^ {3}3\. EntrySynchronizationAdd\s+Matching\s+Success /),
      expect.stringMatching(/^ {3}4\. EntryExportAdd\s+Export\s+Success /),
    ]);
    expect(created.out).toContain('      userName: (none) -> ann@contoso.example\n');
    expect(created.out).toMatch(/\nResult: Success\n$/);
    expect(app.users()).toEqual([expect.objectContaining({ externalId: 'E1', userName: 'ann@contoso.example' })]);

    const again = await run('job1', 'E1');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^User 'E1' \(ann@contoso\.example\) -> \S+: Other, Skipped\n/);
    expect(again.out).toMatch(/\nResult: Skipped \(RedundantExport: .+\)\n$/);
  });

  it('--json prints Graph\'s answer with key and value decoded', async () => {
    const { code, out } = await run('job1', 'E1', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ key: { result: 'Success' }, value: { action: 'Create', sourceIdentity: { id: 'E1' } } });
  });

  it('exits 1 with the service message for an object never uploaded, and for a type the job does not map', async () => {
    const missing = await run('job1', 'E404');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^idbridge provision: HTTP 404: Nothing for User 'E404' was ever uploaded/);
    const group = await run('job1', 'g1', '--type', 'Group', '--member', 'E1');
    expect(group.code).toBe(1);
    expect(group.err).toMatch(/parameters\[0\]\.subjects\[0\]\.objectTypeName: "Group" is not a source object this job maps/);
  });

  it.each<[string[], RegExp]>([
    [['job1'], /expected <jobId> <objectId>, got 1 argument\(s\): job1/],
    [['job1', 'g', '--type', 'Group', ...['1', '2', '3', '4', '5', '6'].flatMap((m) => ['--member', m])], /at most 5 --member/],
  ])('exits 2 for %j', async (argv, message) => {
    const { io, err } = captureIo(tmpdir(), { IDBRIDGE_ADMIN_TOKEN: adminToken });
    expect(await provisionCommand(argv, io)).toBe(2);
    expect(err()).toMatch(message);
  });
});
