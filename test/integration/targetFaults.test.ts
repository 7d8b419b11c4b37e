import { handleReconcileMessage } from '../../src/app/handleReconcileMessage';
import type { Services } from '../../src/app/services';
import { validateJobDefinition } from '../../src/app/validateJobDefinition';
import { ScimTargetConnector } from '../../src/connectors/scim/ScimTargetConnector';
import type { JsonObject } from '../../src/domain/identityObject';
import type { JobDefinition } from '../../src/domain/jobDefinition';
import type { ProvisioningLogEntry } from '../../src/domain/provisioningLogEntry';
import { acceptBulkUpload } from '../../src/inbound/acceptBulkUpload';
import { startQueuePoller, type RunningPoller } from '../../src/local/queuePoller';
import { waitForQueueDrained } from '../../src/local/waitForQueueDrained';
import type { StorageQueueWorkQueue } from '../../src/queue/storageQueueWorkQueue';
import { createAzuriteServices } from '../support/azuriteServices';
import { startFaultProxy, type Fault, type FaultProxy, type ProxiedRequest } from '../support/faultProxy';
import { startScimmyPeer, type ScimmyPeer } from '../support/scimmyPeer';

/*
 * Issue 5: users go through the whole local pipeline (bulk upload staging on Azurite, the Storage-queue
 * reconcile queue, the queue poller and the reconcile handler) to scimmy behind a proxy that fails with 500s,
 * 503s and 429s, hangs past the client's timeout (after the target acted, or before), and drops connections.
 * Once the proxy heals, every user must exist exactly once with the right attributes, the target must never
 * have been sent a second create for a user it already had, and each user's log entry must say what happened.
 *
 * Two things are shortened so that this runs in seconds: retry delays are capped at 1 s (their schedule is
 * tested in the engine's unit tests), and when the target heals the clock moves a minute on, past the leases
 * (timeout + 30 s) that creates with an unknown outcome leave to hold their retries off.
 */
const N = 20;
const JOB_ID = 'faulty-target';

function record(i: number, title: string): { bulkId: string; sourceKey: string; data: JsonObject } {
  return {
    bulkId: `b${i}`,
    sourceKey: `w${i}`,
    data: { externalId: `w${i}`, userName: `worker${i}@contoso.example`, active: true, displayName: `Worker ${i}`, name: { givenName: 'Worker', familyName: String(i) }, title },
  };
}

function job(baseUrl: string): JobDefinition {
  const attr = (expression: string, targetAttributeName: string, matchingPriority = 0) => ({ source: { expression }, targetAttributeName, matchingPriority });
  return validateJobDefinition({
    id: JOB_ID,
    source: { type: 'inboundApi' },
    target: { type: 'scim', baseUrl, tokenSetting: 'IDBRIDGE_TARGET_TOKEN_PEER', timeoutInMs: 400, maxConcurrency: 4 },
    settings: { maxAttempts: 50 },
    objectMappings: [
      {
        name: 'workers',
        attributeMappings: [
          attr('[externalId]', 'externalId', 1),
          attr('[userName]', 'userName', 2),
          attr('[active]', 'active'),
          attr('[displayName]', 'displayName'),
          attr('[name.givenName]', 'name.givenName'),
          attr('[name.familyName]', 'name.familyName'),
          attr('[title]', 'title'),
        ],
      },
    ],
  });
}

describe('a target that fails, then heals', () => {
  let peer: ScimmyPeer;
  let proxy: FaultProxy;
  let queue: StorageQueueWorkQueue;
  let pipeline: Services;
  let poller: RunningPoller;
  let definition: JobDefinition;
  let clockOffsetInMs = 0;
  const pollerLog: string[] = [];

  beforeAll(async () => {
    peer = await startScimmyPeer();
    proxy = await startFaultProxy({ target: peer.baseUrl });
    const azurite = await createAzuriteServices();
    queue = azurite.queue;
    definition = job(proxy.baseUrl);
    await azurite.services.jobs.upsert(definition);
    const connector = new ScimTargetConnector({ baseUrl: proxy.baseUrl, token: peer.token, timeoutInMs: definition.target.timeoutInMs });
    const services = azurite.services;
    pipeline = {
      ...services,
      now: () => new Date(Date.now() + clockOffsetInMs),
      connectorFor: () => connector,
      queue: { send: (messages, options) => services.queue.send(messages, options?.delayInMs ? { delayInMs: Math.min(options.delayInMs, 1000) } : options) },
    };
    poller = startQueuePoller({
      receiver: queue,
      handle: async (message) => void (await handleReconcileMessage(pipeline, message)),
      maxInFlight: 4,
      lockInMs: 30_000,
      maxDeliveryCount: 10,
      log: (line) => pollerLog.push(line),
    });
  }, 60_000);

  afterAll(async () => {
    await poller?.stop();
    await proxy?.stop();
    await peer?.stop();
  });

  async function logsSince(since: string): Promise<ProvisioningLogEntry[]> {
    const page = await pipeline.logs.list(JOB_ID, { pageSize: 1000 });
    return page.entries.filter((e) => e.activityDateTime >= since);
  }

  async function healWhen(done: () => boolean, atMostInMs: number): Promise<void> {
    const deadline = Date.now() + atMostInMs;
    while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    proxy.heal();
  }

  /** The userName a create carried, for the requests whose answer the client never got. */
  function userNameOf(request: ProxiedRequest): string {
    return String((JSON.parse(request.body) as JsonObject).userName);
  }

  it('creates every user exactly once while creates, reads and answers fail, and logs a match for creates whose answer was lost', async () => {
    const since = pipeline.now().toISOString();
    const posts = { method: 'POST', path: /^\/Users$/ };
    const gets = { method: 'GET' };
    proxy.script(
      { kind: 'hang', forward: true, when: posts },
      { kind: 'hang', forward: false, when: posts },
      { kind: 'drop', forward: true, when: posts },
      { kind: 'drop', forward: false, when: posts },
      { kind: 'status', status: 500, when: posts },
      { kind: 'status', status: 429, retryAfter: '1', when: posts },
      { kind: 'status', status: 503, retryAfter: '1', when: gets },
      { kind: 'hang', forward: false, when: gets },
      { kind: 'status', status: 500, when: gets },
    );
    const chaos: Fault[] = [
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503, retryAfter: '1' },
      { kind: 'status', status: 429, retryAfter: '1' },
      { kind: 'hang', forward: true },
      { kind: 'hang', forward: false },
      { kind: 'drop', forward: true },
      { kind: 'drop', forward: false },
    ];
    proxy.chaos({ seed: 'issue-5', rate: 0.25, faults: chaos });

    const accepted = await acceptBulkUpload(pipeline, definition, Array.from({ length: N }, (_, i) => record(i + 1, 'Engineer')));
    expect(accepted.objects).toBe(N);
    await healWhen(() => proxy.pendingScripted === 0 && proxy.faultsInjected >= 20, 8_000);
    clockOffsetInMs += 60_000;
    expect(await waitForQueueDrained(queue, { timeoutInMs: 60_000 })).toBe(true);

    expect(proxy.pendingScripted).toBe(0);
    for (const outcome of ['status', 'hang', 'drop'] as const) expect(proxy.count({ outcome })).toBeGreaterThan(0);

    // Exactly once in the target, with the right attributes.
    const users = peer.users();
    expect(users.map((u) => u.userName).sort()).toEqual(Array.from({ length: N }, (_, i) => `worker${i + 1}@contoso.example`).sort());
    for (const user of users) {
      const i = Number(String(user.externalId).slice(1));
      expect(user).toMatchObject({ userName: `worker${i}@contoso.example`, active: true, displayName: `Worker ${i}`, name: { givenName: 'Worker', familyName: String(i) }, title: 'Engineer' });
    }
    // No create was ever repeated for a user the target had: it created each once, and refused none as a duplicate.
    const created = proxy.requests.filter((r) => r.method === 'POST' && r.reachedTarget);
    expect(created.map((r) => r.targetStatus)).toEqual(Array<number>(N).fill(201));

    // One entry per user. A create the target applied but whose answer was lost reads as a match on retry.
    const logs = await logsSince(since);
    expect(logs.filter((l) => l.provisioningStatusInfo.status === 'failure').map((l) => l.provisioningStatusInfo.errorInformation?.reason)).toEqual([]);
    expect(logs.map((l) => l.sourceIdentity.id).sort()).toEqual(users.map((u) => String(u.externalId)).sort());
    const lostAnswers = new Set(created.filter((r) => r.outcome !== 'forwarded').map(userNameOf));
    expect(lostAnswers.size).toBeGreaterThanOrEqual(2); // the scripted hang and drop after forwarding
    for (const log of logs) {
      const steps = log.provisioningSteps.map((s) => s.name);
      const userName = `worker${log.sourceIdentity.id.slice(1)}@contoso.example`;
      if (lostAnswers.has(userName)) {
        expect(steps).not.toContain('EntryExportAdd');
        expect(log.provisioningSteps.find((s) => s.name === 'EntrySynchronizationUpdate')?.description).toMatch(/^Matched target object/);
        expect(log.provisioningStatusInfo.errorInformation?.errorCode).toBe('RedundantExport');
      } else {
        expect(log.provisioningAction).toBe('create');
        expect(steps).toEqual(['EntryImportAdd', 'EntrySynchronizationScoping', 'EntrySynchronizationAdd', 'EntryExportAdd']);
      }
      expect(log.targetIdentity.id).toBe(users.find((u) => u.userName === userName)?.id);
    }
    expect(pollerLog.filter((line) => line.includes('dead-lettered'))).toEqual([]);
  }, 90_000);

  it('applies every update once the target heals, and logs an update the target applied before its answer was lost as already done', async () => {
    const since = pipeline.now().toISOString();
    const patches = { method: 'PATCH' };
    proxy.script(
      { kind: 'status', status: 500, when: patches },
      { kind: 'hang', forward: true, when: patches },
      { kind: 'drop', forward: false, when: patches },
      { kind: 'status', status: 429, retryAfter: '1', when: patches },
      { kind: 'drop', forward: true, when: patches },
      { kind: 'hang', forward: false, when: patches },
    );
    const before = proxy.requests.length;
    await acceptBulkUpload(pipeline, definition, Array.from({ length: N }, (_, i) => record(i + 1, 'Senior Engineer')));
    await healWhen(() => proxy.pendingScripted === 0, 8_000);
    expect(await waitForQueueDrained(queue, { timeoutInMs: 60_000 })).toBe(true);

    const users = peer.users();
    expect(users).toHaveLength(N);
    expect(users.every((u) => u.title === 'Senior Engineer')).toBe(true);
    const applied = proxy.requests.slice(before).filter((r) => r.method === 'PATCH' && r.reachedTarget);
    const lostAnswers = new Set(applied.filter((r) => r.outcome !== 'forwarded').map((r) => r.path.replace(/^\/Users\//, '')));
    // The scripted hang and drop after forwarding: two users, since a user's applied update is never sent again.
    expect(lostAnswers.size).toBe(2);
    const logs = await logsSince(since);
    expect(logs).toHaveLength(N);
    for (const log of logs) {
      if (lostAnswers.has(log.targetIdentity.id)) {
        // The retry read the object through its link and found the change there already.
        expect(log.provisioningStatusInfo.errorInformation?.errorCode).toBe('RedundantExport');
      } else {
        expect([log.provisioningAction, log.provisioningStatusInfo.status]).toEqual(['update', 'success']);
        expect(log.modifiedProperties).toEqual([{ displayName: 'title', oldValue: 'Engineer', newValue: 'Senior Engineer' }]);
      }
    }
  }, 90_000);
});
