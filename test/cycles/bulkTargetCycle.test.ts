import { createConnectorFactory } from '../../src/app/createConnectorFactory';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { type ScimmyPeer, startScimmyPeer } from '../support/scimmyPeer';
import { cycleHarness, newScimUser, pullJob, scimAppSource } from './cycleHarness';

/**
 * An initial cycle into a target that takes creates through /Bulk (target.bulk): source and target are
 * independent SCIM services (scimmy), the target behind the fault proxy, which counts what reaches it.
 */
describe('an initial cycle into a SCIM target with /Bulk (target.bulk)', () => {
  let source: ScimmyPeer;
  let target: ScimmyPeer;
  let proxy: FaultProxy;

  beforeAll(async () => {
    source = await startScimmyPeer();
    target = await startScimmyPeer();
    proxy = await startFaultProxy({ target: target.baseUrl });
  });
  afterAll(async () => {
    await proxy.stop();
    await target.stop();
    await source.stop();
  });

  it('creates every user once, linked to the id the target gave it, in a request per batch', async () => {
    const names = Array.from({ length: 120 }, (_, i) => `bulk.cycle${String(i).padStart(3, '0')}`);
    const keys = source.seed('User', names.map(newScimUser));
    const job = pullJob({
      source: { type: 'scim', baseUrl: source.baseUrl, tokenSetting: 'IDBRIDGE_SOURCE_TOKEN_HR', pageSize: 50 },
      target: { type: 'scim', baseUrl: proxy.baseUrl, tokenSetting: 'IDBRIDGE_TARGET_TOKEN_APP', maxConcurrency: 2, bulk: { maxOperations: 20 } },
    });
    // The production connector factory: the job's target.bulk reaches the SCIM connector as a user would set it.
    const h = await cycleHarness(job, { sourceFor: scimAppSource(source.token), connectorFor: createConnectorFactory({ IDBRIDGE_TARGET_TOKEN_APP: target.token }) });
    await h.tick();
    const cycleId = (await h.state()).cycle!.cycleId;
    await h.drain();

    const stored = new Map(target.users().map((u) => [String(u.userName), String(u.id)]));
    expect(stored.size).toBe(120);
    for (const [i, key] of keys.entries()) expect((await h.services.staging.get('pull1', 'User', key))?.targetId).toBe(stored.get(names[i]!));
    expect((await h.logged(cycleId)).filter((l) => l.endsWith(':create:success'))).toHaveLength(120);
    expect((await h.state()).lastExecution).toMatchObject({ state: 'Succeeded', countQueued: 120 });

    // Creates went in batches: every /Bulk within maxOperations, far fewer requests than users.
    const bulks = proxy.requests.filter((r) => r.method === 'POST' && r.path === '/Bulk');
    const singles = proxy.count({ method: 'POST', path: /^\/Users$/ });
    const operations = bulks.map((r) => (JSON.parse(r.body) as { Operations: unknown[] }).Operations.length);
    expect(Math.max(...operations)).toBeLessThanOrEqual(20);
    expect(operations.reduce((a, b) => a + b, 0) + singles).toBe(120);
    expect(bulks.length + singles).toBeLessThan(30);
  });
});
