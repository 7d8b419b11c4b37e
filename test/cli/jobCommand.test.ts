import { tmpdir } from 'node:os';
import { jobCommand } from '../../src/cli/jobCommand';
import type { Services } from '../../src/app/services';
import { createAzuriteServices } from '../support/azuriteServices';
import { testJob } from '../support/jobFixtures';
import { captureIo } from './captureIo';
import { serveIdbridgeApi, type ServedApi } from './serveIdbridgeApi';

describe('idbridge job start|pause|restart (against the HTTP API on Azurite)', () => {
  let services: Services;
  let adminToken: string;
  let api: ServedApi;

  beforeEach(async () => {
    ({ services, adminToken } = await createAzuriteServices());
    await services.jobs.upsert(testJob());
    api = await serveIdbridgeApi(services);
  });
  afterEach(() => api.close());

  const run = async (...argv: string[]) => {
    const { io, out, err } = captureIo(tmpdir(), { IDBRIDGE_ADMIN_TOKEN: adminToken });
    const code = await jobCommand([...argv, '--url', api.url], io);
    return { code, out: out(), err: err() };
  };

  it('start, pause and restart change the job state and say what happens next', async () => {
    const started = await run('start', 'job1');
    expect(started).toEqual({ code: 0, out: "Job 'job1' started: its next cycle starts within a minute (idbridge status shows it)\n", err: '' });
    expect((await services.jobStates.get('job1')).state.code).toBe('Active');

    expect((await run('pause', 'job1')).code).toBe(0);
    expect((await services.jobStates.get('job1')).state.code).toBe('Paused');

    const restarted = await run('restart', 'job1', '--reset-scope', 'Escrows,ForceDeletes');
    expect(restarted.code).toBe(0);
    expect(restarted.out).toMatch(/restarted: .* \(reset: Escrows,ForceDeletes\)/);
    const { state } = await services.jobStates.get('job1');
    expect(state).toMatchObject({ code: 'Active', escrowEpoch: 1, forceDeletes: true });
  });

  it('prints the service refusal: an unknown job, a reset scope it does not know, with the field', async () => {
    const unknown = await run('start', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe("idbridge job: HTTP 404: No job 'nope'\n");

    const none = await run('restart', 'job1', '--reset-scope', 'None');
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/^idbridge job: HTTP 400:\n {2}criteria\.resetScope: None resets nothing: call POST \/api\/jobs\/\{jobId\}\/start instead/);
  });

  it('refuses a wrong token with the service message', async () => {
    const { io, err } = captureIo(tmpdir(), {});
    expect(await jobCommand(['start', 'job1', '--url', api.url, '--admin-token', 'wrong-token-0123456789'], io)).toBe(1);
    expect(err()).toMatch(/HTTP 401: Missing or invalid bearer token/);
  });

  it.each<[string[], RegExp]>([
    [[], /name the action: start, pause, restart/],
    [['stop', 'job1'], /unknown action "stop"/],
    [['start'], /name the job/],
    [['start', 'job1', 'extra'], /unexpected argument: extra/],
    [['pause', 'job1', '--reset-scope', 'Full'], /--reset-scope goes with restart only/],
    [['start', 'job1', '--url', 'ftp://x'], /--url must be an http\(s\) address/],
  ])('exits 2 for %j', async (argv, message) => {
    const { io, err } = captureIo(tmpdir(), { IDBRIDGE_ADMIN_TOKEN: adminToken });
    expect(await jobCommand(argv, io)).toBe(2);
    const text = err();
    expect(text).toMatch(message);
    expect(text).toMatch(/Usage: idbridge job start\|pause\|restart/);
  });
});
