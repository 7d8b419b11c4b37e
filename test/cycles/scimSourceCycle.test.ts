import { ScimTargetConnector } from '../../src/connectors/scim/ScimTargetConnector';
import { SCIM_CORE_GROUP } from '../../src/scim/scimSchemas';
import { type ScimmyPeer, startScimmyPeer } from '../support/scimmyPeer';
import { cycleHarness, cycleOutcomes, newScimUser, pullJob, scimAppSource } from './cycleHarness';

const MINUTE = 60_000;

/**
 * Cycles end to end with a real pull source: an independent SCIM service (scimmy) read over HTTP by the production
 * source connector (src/sources/scim), staged and reconciled through Azurite into the in-memory target.
 */
describe('cycles reading an external SCIM app (scimmy)', () => {
  let peer: ScimmyPeer;
  beforeEach(async () => {
    peer = await startScimmyPeer({ advertiseFilter: true });
  });
  afterEach(async () => {
    await peer.stop();
  });

  it('provisions everything in the initial cycle, only what changed in the next, and deletes what a full read no longer finds', async () => {
    const app = new ScimTargetConnector({ baseUrl: peer.baseUrl, token: peer.token, timeoutInMs: 5000 });
    const ids = new Map<string, string>();
    for (const name of ['ada', 'bob', 'cy', 'dee', 'eve']) ids.set(name, (await app.create('User', newScimUser(name))).id);
    const job = pullJob({ source: { type: 'scim', baseUrl: peer.baseUrl, tokenSetting: 'IDBRIDGE_SOURCE_TOKEN_HR', pageSize: 2 } });
    const h = await cycleHarness(job, {
      sourceFor: scimAppSource(peer.token),
    });

    await h.tick();
    const initialId = (await h.state()).cycle!.cycleId;
    const initial = cycleOutcomes(await h.drain());
    // The job's first initial cycle reads the three pages in one in-process window (src/cycles/importWindow.ts).
    expect(initial.filter((o) => o.includes(':import:'))).toHaveLength(1);
    expect(initial.at(-1)).toMatch(/:sweep:finished$/);
    expect([...h.targetUsers().keys()].sort()).toEqual(['ada', 'bob', 'cy', 'dee', 'eve']);
    expect(h.targetUsers().get('bob')?.externalId).toBe(ids.get('bob'));
    expect((await h.logged(initialId)).filter((l) => l.endsWith(':create:success'))).toHaveLength(5);

    // In the app: bob renamed, fay hired. Every user was written within the watermark's safety margin, so the
    // incremental read returns all of them again; only the two that changed are reconciled.
    await app.update('User', ids.get('bob')!, [{ path: 'displayName', value: 'Robert' }]);
    const fay = (await app.create('User', newScimUser('fay'))).id;
    h.advance(40 * MINUTE);
    expect((await h.tick()).started).toEqual(['pull1']);
    const second = await h.state();
    expect(second.cycle?.kind).toBe('incremental');
    await h.drain();
    expect(await h.logged(second.cycle!.cycleId)).toEqual([`${ids.get('bob')}:update:success`, `${fay}:create:success`].sort());
    expect(h.targetUsers().get('bob')?.displayName).toBe('Robert');
    expect((await h.state()).lastExecution).toMatchObject({ kind: 'incremental', state: 'Succeeded', countQueued: 2 });

    // SCIM has no tombstones: a deleted user is found missing by a full read, as after a restart (watermark cleared).
    await app.delete('User', ids.get('cy')!);
    const restarted = await h.services.jobStates.get('pull1');
    const { watermark: _cleared, ...rest } = restarted.state;
    await h.services.jobStates.put({ ...rest, nextRunAt: h.now().toISOString() }, restarted.etag);
    await h.tick();
    const third = (await h.state()).cycle!;
    expect(third.kind).toBe('initial');
    await h.drain();
    expect([...h.targetUsers().keys()].sort()).toEqual(['ada', 'bob', 'dee', 'eve', 'fay']);
    expect((await h.logged(third.cycleId)).filter((l) => l.startsWith(`${ids.get('cy')}:`))).toEqual([`${ids.get('cy')}:delete:success`]);
    expect((await h.state()).lastExecution).toMatchObject({ kind: 'initial', state: 'Succeeded', countImported: 5, countDeleted: 1 });
  });

  // Users come first in a read (ScimSourceConnector), so in a window the members are linked before their group.
  it.each([
    ['queued pages', false],
    ['in-process windows', true],
  ])('provisions a group with exactly its members in the initial cycle (%s)', async (_how, inProcessWindows) => {
    const app = new ScimTargetConnector({ baseUrl: peer.baseUrl, token: peer.token, timeoutInMs: 5000 });
    const ids = new Map<string, string>();
    for (const name of ['ada', 'bob', 'cy', 'dee']) ids.set(name, (await app.create('User', newScimUser(name))).id);
    const members = ['ada', 'cy', 'dee'].map((name) => ({ value: ids.get(name)! }));
    await app.create('Group', { schemas: [SCIM_CORE_GROUP], displayName: 'builders', members });
    const base = pullJob();
    const groups = {
      name: 'groups',
      sourceObjectName: 'Group',
      targetObjectName: 'Group',
      flowTypes: 'Add, Update, Delete',
      attributeMappings: [
        { source: { expression: '[displayName]' }, targetAttributeName: 'displayName', matchingPriority: 1 },
        { source: { expression: '[members]' }, targetAttributeName: 'members', matchingPriority: 0 },
      ],
    };
    const job = pullJob({ source: { type: 'scim', baseUrl: peer.baseUrl, tokenSetting: 'IDBRIDGE_SOURCE_TOKEN_HR', pageSize: 2 }, objectMappings: [...base.objectMappings, groups] });
    const h = await cycleHarness(job, {
      inProcessWindows,
      sourceFor: scimAppSource(peer.token),
    });
    await h.tick();
    const cycleId = (await h.state()).cycle!.cycleId;
    await h.drain();

    const targetIdOf = async (type: string, key: string): Promise<string> => (await h.services.staging.get('pull1', type, key))!.targetId!;
    const group = [...h.target.objects.values()].find((data) => data.displayName === 'builders');
    const memberIds = (Array.isArray(group?.members) ? group.members : []).map((m) => (m as { value: string }).value).sort();
    expect(memberIds).toEqual((await Promise.all(['ada', 'cy', 'dee'].map((name) => targetIdOf('User', ids.get(name)!)))).sort());
    expect((await h.logged(cycleId)).filter((l) => l.endsWith(':create:success'))).toHaveLength(5);
    expect((await h.state()).lastExecution).toMatchObject({ state: 'Succeeded', countImported: 5 });
  });

  it('quarantines the job when the app refuses the token', async () => {
    const job = pullJob({ source: { type: 'scim', baseUrl: peer.baseUrl, tokenSetting: 'IDBRIDGE_SOURCE_TOKEN_HR' } });
    const h = await cycleHarness(job, {
      sourceFor: scimAppSource('not-the-token'),
    });
    await h.tick();
    expect(cycleOutcomes(await h.drain())).toEqual(['0:targetIndex:advanced', '1:import:failed']);
    expect(await h.state()).toMatchObject({ code: 'Quarantine', quarantine: { reason: 'EncounteredQuarantineException' }, lastExecution: { state: 'Failed' } });
  });
});
