import { ScimTargetConnector } from '../../src/connectors/scim/ScimTargetConnector';
import { OutcomeUnknownError, ThrottledError, TransientError } from '../../src/domain/errors';
import { startFaultProxy, type Fault, type FaultProxy } from '../support/faultProxy';
import { startScimmyPeer, type ScimmyPeer } from '../support/scimmyPeer';

/*
 * The fault proxy (test/support/faultProxy.ts) in front of scimmy, seen through idbridge's SCIM client: each
 * fault reaches the client as the failure it imitates, classified by what the engine should do next, and the
 * target acts on a request exactly when the fault says it does.
 */
describe('fault proxy in front of a SCIM target', () => {
  let peer: ScimmyPeer;
  let proxy: FaultProxy;
  /** For the answers the proxy gives: a timeout no loaded CI machine reaches (a slow first POST once failed at 300 ms). */
  let connector: ScimTargetConnector;
  /** For the hangs: a short timeout, so that the test does not wait long for what never comes. */
  let impatient: ScimTargetConnector;
  let n = 0;
  const user = () => ({ userName: `fault${++n}@contoso.example`, active: true });
  const userNames = () => peer.users().map((u) => u.userName);

  beforeAll(async () => {
    peer = await startScimmyPeer();
    proxy = await startFaultProxy({ target: peer.baseUrl });
    connector = new ScimTargetConnector({ baseUrl: proxy.baseUrl, token: peer.token, timeoutInMs: 10_000 });
    impatient = new ScimTargetConnector({ baseUrl: proxy.baseUrl, token: peer.token, timeoutInMs: 300 });
  });
  afterAll(async () => {
    await proxy.stop();
    await peer.stop();
  });
  afterEach(() => proxy.heal());

  async function failureOf(promise: Promise<unknown>): Promise<Error> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof Error) return error;
    }
    throw new Error('expected a failure');
  }

  it('forwards unchanged while healthy, and counts requests by method and path', async () => {
    const before = proxy.requests.length;
    const created = await connector.create('User', user());
    expect(await connector.getById('User', created.id)).toMatchObject({ id: created.id });
    expect(proxy.requests.slice(before).map((r) => [r.method, r.path.split('?')[0], r.outcome, r.status])).toEqual([
      ['POST', '/Users', 'forwarded', 201],
      ['GET', `/Users/${created.id}`, 'forwarded', 200],
    ]);
    expect(proxy.count({ method: 'POST', path: /^\/Users$/ })).toBeGreaterThanOrEqual(1);
  });

  it('answers 500, 503 and 429 with Retry-After without reaching the target', async () => {
    proxy.script({ kind: 'status', status: 500 }, { kind: 'status', status: 503, retryAfter: '2' }, { kind: 'status', status: 429, retryAfter: '1' });
    const before = userNames().length;
    const e500 = await failureOf(connector.create('User', user()));
    const e503 = await failureOf(connector.create('User', user()));
    const e429 = await failureOf(connector.create('User', user()));
    expect(e500).toBeInstanceOf(TransientError);
    expect(e503).toBeInstanceOf(ThrottledError);
    expect((e503 as ThrottledError).retryAfterMs).toBe(2000);
    expect((e429 as ThrottledError).retryAfterMs).toBe(1000);
    expect(userNames()).toHaveLength(before);
  });

  it('hangs past the client timeout after the target created the user, or without it ever hearing of it', async () => {
    proxy.script({ kind: 'hang', forward: true }, { kind: 'hang', forward: false });
    const did = user();
    const didNot = user();
    expect(await failureOf(impatient.create('User', did))).toBeInstanceOf(OutcomeUnknownError);
    expect(await failureOf(impatient.create('User', didNot))).toBeInstanceOf(OutcomeUnknownError);
    expect(userNames()).toContain(did.userName);
    expect(userNames()).not.toContain(didNot.userName);
    const [first, second] = proxy.requests.slice(-2);
    expect([first?.outcome, first?.reachedTarget, first?.targetStatus, first?.status]).toEqual(['hang', true, 201, undefined]);
    expect([second?.outcome, second?.reachedTarget]).toEqual(['hang', false]);
  });

  it('drops the connection after or before the target acted', async () => {
    proxy.script({ kind: 'drop', forward: true }, { kind: 'drop', forward: false });
    const did = user();
    const didNot = user();
    expect(await failureOf(impatient.create('User', did))).toBeInstanceOf(OutcomeUnknownError);
    expect(await failureOf(impatient.create('User', didNot))).toBeInstanceOf(OutcomeUnknownError);
    expect(userNames()).toContain(did.userName);
    expect(userNames()).not.toContain(didNot.userName);
    // A read that meets the same faults is safe to repeat: transient, not outcome-unknown.
    proxy.script({ kind: 'drop', forward: false }, { kind: 'hang', forward: false });
    expect(await failureOf(impatient.findByAttribute('User', 'userName', did.userName))).toBeInstanceOf(TransientError);
    expect(await failureOf(impatient.findByAttribute('User', 'userName', did.userName))).toBeInstanceOf(TransientError);
    expect(await connector.findByAttribute('User', 'userName', did.userName)).toHaveLength(1);
  });

  it('applies a scripted fault only to the requests it names, in order', async () => {
    proxy.script({ kind: 'status', status: 500, when: { method: 'PATCH' } });
    const created = await connector.create('User', user());
    expect(await connector.getById('User', created.id)).toBeDefined();
    expect(await failureOf(connector.update('User', created.id, [{ path: 'active', value: false }]))).toBeInstanceOf(TransientError);
    await connector.update('User', created.id, [{ path: 'active', value: false }]);
    expect(proxy.requests.slice(-4).map((r) => [r.method, r.outcome])).toEqual([
      ['POST', 'forwarded'],
      ['GET', 'forwarded'],
      ['PATCH', 'status'],
      ['PATCH', 'forwarded'],
    ]);
  });

  it('injects faults by seeded probability, the same for the same seed, until healed', async () => {
    const faults: Fault[] = [{ kind: 'status', status: 500 }, { kind: 'status', status: 503, retryAfter: '1' }];
    const outcomes = async (): Promise<string[]> => {
      proxy.chaos({ seed: 'repeatable', rate: 0.5, faults, when: { method: 'GET' } });
      const seen: string[] = [];
      for (let i = 0; i < 20; i++) {
        try {
          await connector.findByAttribute('User', 'userName', 'nobody@contoso.example');
          seen.push('ok');
        } catch (error) {
          seen.push(error instanceof ThrottledError ? '503' : '500');
        }
      }
      return seen;
    };
    const first = await outcomes();
    expect(await outcomes()).toEqual(first);
    expect(first.filter((o) => o === 'ok').length).toBeGreaterThan(3);
    expect(first.filter((o) => o === 'ok').length).toBeLessThan(17);
    expect(new Set(first)).toEqual(new Set(['ok', '500', '503']));
    proxy.chaos({ seed: 'x', rate: 1, faults });
    const injected = proxy.faultsInjected;
    proxy.heal();
    for (let i = 0; i < 5; i++) expect(await connector.findByAttribute('User', 'userName', 'nobody@contoso.example')).toEqual([]);
    expect(proxy.faultsInjected).toBe(injected);
  });
});
