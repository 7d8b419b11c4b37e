import { ScimTargetConnector } from '../../src/connectors/scim/ScimTargetConnector';
import { type ScimmyPeer, startScimmyPeer } from '../support/scimmyPeer';
import { cycleHarness, cycleOutcomes, newScimUser, pullJob, scimAppSource, user } from './cycleHarness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Periodic full reads end to end (Azurite, the production SCIM source connector reading scimmy over HTTP, the
 * in-memory target): a SCIM app's `meta.lastModified gt` reads carry no deletions, so a user deleted there is
 * found once `schedule.fullReadInterval` (P1D by default) has passed since the last full read.
 */
describe('periodic full reads of a SCIM source that filters by meta.lastModified', () => {
  let peer: ScimmyPeer;
  beforeEach(async () => {
    peer = await startScimmyPeer({ advertiseFilter: true });
  });
  afterEach(async () => {
    await peer.stop();
  });

  it('finds a user deleted in the source at the first full read after fullReadInterval, reconciling nothing else', async () => {
    const app = new ScimTargetConnector({ baseUrl: peer.baseUrl, token: peer.token, timeoutInMs: 5000 });
    const ids = new Map<string, string>();
    for (const name of ['ada', 'bob', 'cy', 'dee']) ids.set(name, (await app.create('User', newScimUser(name))).id);
    const job = pullJob({ source: { type: 'scim', baseUrl: peer.baseUrl, tokenSetting: 'IDBRIDGE_SOURCE_TOKEN_HR', pageSize: 2 } });
    expect(job.schedule.fullReadInterval).toBe('P1D');
    const h = await cycleHarness(job, {
      sourceFor: scimAppSource(peer.token),
    });

    await h.tick();
    const initial = (await h.state()).cycle!;
    await h.drain();
    expect([...h.targetUsers().keys()].sort()).toEqual(['ada', 'bob', 'cy', 'dee']);
    const afterInitial = await h.state();
    expect(afterInitial.lastFullReadAt).toBe(initial.began);

    // cy leaves the app. The next incremental cycle reads changes only, which cannot show a deletion.
    await app.delete('User', ids.get('cy')!);
    h.advance(40 * MINUTE);
    await h.tick();
    const second = (await h.state()).cycle!;
    expect(second).toMatchObject({ kind: 'incremental' });
    expect(second.fullRead).toBeUndefined();
    const secondOutcomes = cycleOutcomes(await h.drain());
    expect(secondOutcomes.some((o) => o.includes(':sweep:'))).toBe(false);
    expect(h.targetUsers().has('cy')).toBe(true);
    const afterSecond = await h.state();
    expect(afterSecond.lastFullReadAt).toBe(initial.began);
    expect(afterSecond.lastExecution).toMatchObject({ kind: 'incremental', state: 'Succeeded', countDeleted: 0 });

    // A day after the initial cycle began, the next cycle reads everything and sweeps: cy is deleted in the target,
    // and nobody else is reconciled, because nothing else changed.
    h.advance(24 * HOUR - 40 * MINUTE);
    await h.tick();
    const third = (await h.state()).cycle!;
    expect(third).toMatchObject({ kind: 'incremental', fullRead: true });
    const thirdOutcomes = cycleOutcomes(await h.drain());
    expect(thirdOutcomes.at(-1)).toMatch(/:sweep:finished$/);
    expect([...h.targetUsers().keys()].sort()).toEqual(['ada', 'bob', 'dee']);
    expect(await h.logged(third.cycleId)).toEqual([`${ids.get('cy')}:delete:success`]);
    const afterThird = await h.state();
    expect(afterThird.lastExecution).toMatchObject({ kind: 'incremental', state: 'Succeeded', countImported: 3, countQueued: 1, countDeleted: 1 });
    expect(afterThird.lastFullReadAt).toBe(third.began);

    // The watermark the full read saved serves the next read of changes: a rename is found, no full read is due.
    await app.update('User', ids.get('bob')!, [{ path: 'displayName', value: 'Robert' }]);
    h.advance(40 * MINUTE);
    await h.tick();
    const fourth = (await h.state()).cycle!;
    expect(fourth.fullRead).toBeUndefined();
    await h.drain();
    expect(h.targetUsers().get('bob')?.displayName).toBe('Robert');
    expect(await h.logged(fourth.cycleId)).toEqual([`${ids.get('bob')}:update:success`]);
  });

  it('leaves the target object alone when the mapping does not allow deletes', async () => {
    const app = new ScimTargetConnector({ baseUrl: peer.baseUrl, token: peer.token, timeoutInMs: 5000 });
    const ada = (await app.create('User', newScimUser('ada'))).id;
    await app.create('User', newScimUser('bob'));
    const job = pullJob({ source: { type: 'scim', baseUrl: peer.baseUrl, tokenSetting: 'IDBRIDGE_SOURCE_TOKEN_HR' }, schedule: { fullReadInterval: 'PT1H' } }, 'Add, Update');
    const h = await cycleHarness(job, {
      sourceFor: scimAppSource(peer.token),
    });
    await h.tick();
    await h.drain();
    await app.delete('User', ada);
    h.advance(HOUR);
    await h.tick();
    const periodic = (await h.state()).cycle!;
    expect(periodic.fullRead).toBe(true);
    await h.drain();
    // Found deleted (counted), but Delete is not among the flowTypes, so the target keeps ada.
    expect((await h.state()).lastExecution).toMatchObject({ kind: 'incremental', state: 'Succeeded', countDeleted: 1 });
    expect(h.targetUsers().has('ada')).toBe(true);
    expect(await h.logged(periodic.cycleId)).toEqual([`${ada}:other:skipped`]);
  });
});

describe('a source whose changes carry tombstones', () => {
  it('is never read in full after its initial cycle, however long ago that was', async () => {
    const h = await cycleHarness(pullJob({ schedule: { fullReadInterval: 'PT1H' } }));
    for (const id of ['u1', 'u2', 'u3']) h.source.put('User', id, user(id));
    await h.tick();
    await h.drain();
    h.source.remove('User', 'u2');
    h.source.reads.length = 0;
    h.advance(48 * HOUR);
    await h.tick();
    expect((await h.state()).cycle?.fullRead).toBeUndefined();
    await h.drain();
    expect(h.source.reads.every((r) => r.mode === 'changes')).toBe(true);
    expect([...h.targetUsers().keys()].sort()).toEqual(['u1@example.com', 'u3@example.com']);
  });
});
