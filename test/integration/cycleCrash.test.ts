import { TableServiceClient } from '@azure/data-tables';
import { scimToScimJob } from '../support/scimToScimJob';
import { randomUUID } from 'node:crypto';
import { createServices } from '../../src/app/createServices';
import type { Services } from '../../src/app/services';
import { parseAppSettings } from '../../src/config/appSettings';
import type { JobStatusView } from '../../src/jobs/jobStatusView';
import { freePort } from '../../src/local/freePort';
import { StorageQueueWorkQueue } from '../../src/queue/storageQueueWorkQueue';
import { testStorageConnection, uniqueName } from '../support/names';
import { startReadyProcess, type ReadyProcess } from '../support/readyProcess';

/*
 * Issue 5, reliability: the local host is killed (SIGKILL, no shutdown) in the middle of an initial cycle of
 * 10,000 users from a SCIM source to a SCIM target, and started again on the same storage, as a Functions
 * instance that dies is replaced and finds Azure Storage as it was. The target must converge: every source user
 * exactly once, with the mapped attributes, created exactly once (the target refuses a second userName with 409,
 * so the creates that succeeded are counted too), the crashed cycle itself finishing Succeeded, the queue empty
 * and nothing dead-lettered.
 *
 * Everything runs in processes of its own (bench/memoryScimServer.ts as source and target, the local host through
 * test/support/localHostProcess.ts) on the jest Azurite, with a table prefix and queue of this test's own.
 * Shortened so that a crash costs seconds, not minutes: the queue lock (a message the dead host held reappears
 * after it) and the cycle lease (a page message lost between the state write and the send is resent after it).
 */
const USERS = 10_000;
const JOB_ID = 'crash-cycle';
/**
 * Renewed every 5 s while a handler runs; a renewal that takes longer than the other 5 s (Azurite under this load)
 * loses the lock and a second delivery runs beside the first, which is safe but slows everything down.
 */
const LOCK_IN_MS = 10_000;
/**
 * Page messages wait their turn behind the reconciles of earlier pages, tens of seconds under this load: a lease
 * shorter than that resumes cycles that are merely slow, and three resumes without a page done give the cycle up.
 */
const CYCLE_LEASE_IN_MS = 60_000;
/** The kill comes once the target holds this many users, and must come before it holds KILL_BEFORE. */
const KILL_FROM = USERS * 0.2;
const KILL_BEFORE = USERS * 0.6;
/** Well inside the test's timeout, so that a cycle that never converges fails with a report, not a jest timeout. */
const CONVERGE_WITHIN_MS = 8 * 60_000;

const started = Date.now();
function progress(line: string): void {
  process.stderr.write(`[cycleCrash +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`);
}

interface ScimUser {
  id: string;
  userName: string;
  externalId?: string;
  active?: boolean;
  displayName?: string;
  title?: string;
  name?: { givenName?: string; familyName?: string };
}

/** The two SCIM apps' own tokens, and the names of the settings the job reads them from. */
const sourceToken = `src-${randomUUID()}`;
const targetToken = `tgt-${randomUUID()}`;
const hostToken = `host-${randomUUID()}`;
/** The management API's token, the same across the crash (as an app setting survives an instance). */
const hostAdminToken = `host-admin-${randomUUID()}`;
const tablePrefix = uniqueName('t');
const queueName = uniqueName('q');
const hostEnv: Record<string, string> = {
  IDBRIDGE_TABLE_PREFIX: tablePrefix,
  IDBRIDGE_RECONCILE_QUEUE: queueName,
  IDBRIDGE_SOURCE_TOKEN_CRASH: sourceToken,
  IDBRIDGE_TARGET_TOKEN_CRASH: targetToken,
};

function crashJob(sourceUrl: string, targetUrl: string): unknown {
  return scimToScimJob(sourceUrl, targetUrl, { displayName: 'crash test', tokenName: 'CRASH', maxConcurrency: 8 });
}

async function call(url: string, token: string, method = 'GET', body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

async function expectStatus(url: string, token: string, method: string, body: unknown, status: number): Promise<unknown> {
  const result = await call(url, token, method, body);
  if (result.status !== status) throw new Error(`${method} ${url}: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

/** `benchProbe` keeps the test's own reads out of the server's request counts. */
async function userCount(baseUrl: string, token: string): Promise<number> {
  const body = (await expectStatus(`${baseUrl}/Users?count=0&benchProbe=1`, token, 'GET', undefined, 200)) as { totalResults: number };
  return body.totalResults;
}

async function allUsers(baseUrl: string, token: string): Promise<ScimUser[]> {
  const users: ScimUser[] = [];
  for (let startIndex = 1; ; startIndex += 1000) {
    const page = (await expectStatus(`${baseUrl}/Users?startIndex=${startIndex}&count=1000&benchProbe=1`, token, 'GET', undefined, 200)) as { Resources: ScimUser[] };
    users.push(...page.Resources);
    if (page.Resources.length < 1000) return users;
  }
}

async function jobStatus(hostUrl: string): Promise<JobStatusView> {
  return ((await expectStatus(`${hostUrl}/api/jobs/${JOB_ID}`, hostAdminToken, 'GET', undefined, 200)) as { status: JobStatusView }).status;
}

/** The attributes the job maps, as the target should hold them for this source user. */
function mapped(user: ScimUser): unknown {
  return { userName: user.userName, externalId: user.externalId, active: user.active, displayName: user.displayName, title: user.title, givenName: user.name?.givenName, familyName: user.name?.familyName };
}

/** Names that occur more than once, for a failure message that shows them. */
function repeated(values: readonly (string | undefined)[]): string[] {
  const seen = new Set<string | undefined>();
  const twice = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) twice.add(String(value));
    seen.add(value);
  }
  return [...twice];
}

const FAILED_MESSAGE = /message failed \(delivery/;
const DEAD_LETTERED = /dead-lettered/;
const RESUMED = /scheduler: resumed the cycle/;
const NOT_COMPLETED = /completing a handled message failed/;

describe('a local host killed in the middle of a 10,000-user cycle', () => {
  const processes = new Set<ReadyProcess>();
  let source: ReadyProcess;
  let target: ReadyProcess;
  let queue: StorageQueueWorkQueue;
  let services: Services;

  async function startHost(): Promise<ReadyProcess> {
    const options = {
      port: await freePort(),
      token: hostToken,
      adminToken: hostAdminToken,
      storageConnection: testStorageConnection(),
      env: hostEnv,
      lockInMs: LOCK_IN_MS,
      cycleLeaseInMs: CYCLE_LEASE_IN_MS,
      // Every second instead of every minute: the start and any resume are not a wait.
      timerSchedules: { scheduler: '*/1 * * * * *' },
    };
    const host = await startReadyProcess('test/support/localHostProcess.ts', [JSON.stringify(options)], [FAILED_MESSAGE, DEAD_LETTERED, RESUMED, NOT_COMPLETED]);
    processes.add(host);
    return host;
  }

  beforeAll(async () => {
    [source, target] = await Promise.all([
      startReadyProcess('bench/memoryScimServer.ts', [sourceToken, String(USERS)]),
      startReadyProcess('bench/memoryScimServer.ts', [targetToken, '0']),
    ]);
    processes.add(source);
    processes.add(target);
    // The test's own view of the hosts' storage: the queue's length, the poison queue, the staged links.
    const env = { IDBRIDGE_TOKEN: hostToken, IDBRIDGE_ADMIN_TOKEN: hostAdminToken, IDBRIDGE_QUEUE_KIND: 'storageQueue', IDBRIDGE_STORAGE_CONNECTION: testStorageConnection(), ...hostEnv };
    services = await createServices(parseAppSettings(env), env);
    if (!(services.queue instanceof StorageQueueWorkQueue)) throw new Error('expected the storage-queue adapter');
    queue = services.queue;
  });

  afterAll(async () => {
    // Every child, whatever happened: a host left running would keep working on the shared Azurite.
    await Promise.all([...processes].map((p) => p.kill('SIGKILL')));
    // The shared in-memory Azurite holds this test's 10,000 staged rows and log entries for the rest of the run.
    const tables = TableServiceClient.fromConnectionString(testStorageConnection(), { allowInsecureConnection: true });
    for await (const table of tables.listTables()) {
      if (table.name?.startsWith(tablePrefix)) await tables.deleteTable(table.name);
    }
  });

  test('the target converges: every user once, as mapped, created once; the crashed cycle resumes and succeeds', async () => {
    const first = await startHost();
    progress(`source (${USERS} users) ${source.address}, target ${target.address}, host ${first.address} (pid ${first.pid})`);
    await expectStatus(`${first.address}/api/jobs/${JOB_ID}`, hostAdminToken, 'PUT', crashJob(source.address, target.address), 201);
    await expectStatus(`${first.address}/api/jobs/${JOB_ID}/start`, hostAdminToken, 'POST', {}, 204);

    // Poll often, so that the kill lands inside the window whatever the machine's speed.
    let present = 0;
    let firstExited: string | undefined;
    void first.exited.then((how) => (firstExited = how));
    while (present < KILL_FROM) {
      if (firstExited !== undefined || Date.now() - started > CONVERGE_WITHIN_MS) {
        throw new Error(`the first host ${firstExited === undefined ? 'is stuck' : `exited (${firstExited})`} with ${present}/${USERS} users in the target:\n${first.stderrTail().join('\n')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      present = await userCount(target.address, targetToken);
    }
    const atKill = await jobStatus(first.address);
    await first.kill('SIGKILL');
    const presentAtKill = await userCount(target.address, targetToken);
    const cycleId = atKill.cycle?.activityIdentifier ?? atKill.lastExecution?.activityIdentifier;
    progress(`killed the host with ${presentAtKill} users in the target; cycle ${String(cycleId)} in phase ${atKill.cycle?.phase ?? '(ended)'}, ${atKill.cycle?.pagesDone ?? '-'} pages done`);
    expect(presentAtKill).toBeLessThan(KILL_BEFORE);
    expect(cycleId).toBeDefined();

    const second = await startHost();
    progress(`restarted the host: ${second.address} (pid ${second.pid})`);
    let status = await jobStatus(second.address);
    let emptyPolls = 0;
    let lastReport = 0;
    for (;;) {
      const [count, left] = await Promise.all([userCount(target.address, targetToken), queue.approximateMessageCount()]);
      status = await jobStatus(second.address);
      const finished = status.cycle === null && status.lastExecution?.activityIdentifier === cycleId;
      // Empty twice in a row: a message in flight is counted, but the gap between one handler's completion and
      // the next message it sent is not worth a race.
      emptyPolls = finished && count === USERS && left === 0 ? emptyPolls + 1 : 0;
      if (emptyPolls >= 2) break;
      if (Date.now() - lastReport > 5_000) {
        lastReport = Date.now();
        progress(`${count}/${USERS} users in the target, ${left} messages queued, cycle ${status.cycle ? `${status.cycle.phase} (${status.cycle.pagesDone} pages)` : `ended ${status.lastExecution?.state ?? ''}`}`);
      }
      if (Date.now() - started > CONVERGE_WITHIN_MS) {
        throw new Error(`not converged: ${count}/${USERS} users, ${left} messages queued, status ${JSON.stringify(status)}\nhost:\n${second.stderrTail().join('\n')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const deliveries = (pattern: RegExp): number => first.count(pattern) + second.count(pattern);
    progress(`converged; ${second.count(RESUMED)} resume(s) by the scheduler, ${deliveries(FAILED_MESSAGE)} message deliveries failed, ${deliveries(NOT_COMPLETED)} handled but not completed (lock lost)`);

    // The crashed cycle itself finished, having read every user (pages overlap, so some twice) and enqueued every one.
    expect(status.lastExecution).toMatchObject({ activityIdentifier: cycleId, state: 'Succeeded', error: null });
    expect(status.lastExecution?.countImported).toBeGreaterThanOrEqual(USERS);
    expect(status.lastExecution?.countQueued).toBeGreaterThanOrEqual(USERS);
    expect(await queue.peekPoison()).toEqual([]);
    expect(deliveries(DEAD_LETTERED)).toBe(0);

    const [sourceUsers, targetUsers] = await Promise.all([allUsers(source.address, sourceToken), allUsers(target.address, targetToken)]);
    expect(sourceUsers).toHaveLength(USERS);
    // No duplicate account, by either identity the job gives it.
    expect(repeated(targetUsers.map((u) => u.userName.toLowerCase()))).toEqual([]);
    expect(repeated(targetUsers.map((u) => u.externalId))).toEqual([]);
    // Every source user there, as mapped; none that the source does not have.
    const byUserName = new Map(targetUsers.map((u) => [u.userName.toLowerCase(), u]));
    const wrong = sourceUsers.flatMap((u) => {
      const there = byUserName.get(u.userName.toLowerCase());
      if (there === undefined) return [{ source: mapped(u), target: 'missing' }];
      return JSON.stringify(mapped(there)) === JSON.stringify(mapped(u)) ? [] : [{ source: mapped(u), target: mapped(there) }];
    });
    expect({ wrong: wrong.length, firstFive: wrong.slice(0, 5) }).toEqual({ wrong: 0, firstFive: [] });
    expect(targetUsers).toHaveLength(USERS);

    // Created exactly once each: creates refused as duplicates (409) may happen after the crash, second accounts may not.
    const outcomes = (await expectStatus(`${target.address}/_outcomes`, targetToken, 'GET', undefined, 200)) as Record<string, number>;
    progress(`target requests by outcome: ${JSON.stringify(outcomes)}`);
    expect(outcomes['POST Users 201']).toBe(USERS);
    expect(Object.keys(outcomes).filter((key) => key.startsWith('DELETE'))).toEqual([]);

    // The links are recorded, so that the next cycle updates these users instead of matching them again. A
    // sample: each check is a read of the staging table.
    const sample = sourceUsers.filter((_, i) => i % 25 === 0);
    const unlinked: string[] = [];
    for (const user of sample) {
      const staged = await services.staging.get(JOB_ID, 'User', user.id);
      if (staged?.targetId !== byUserName.get(user.userName.toLowerCase())?.id || staged?.creatingUntil !== undefined) unlinked.push(user.userName);
    }
    expect(unlinked).toEqual([]);
    progress('all checks passed');
  }, 10 * 60_000);
});
