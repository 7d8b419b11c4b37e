import { ScimTargetConnector } from '../../../src/connectors/scim/ScimTargetConnector';
import { createNodeHttpTransport } from '../../../src/connectors/scim/nodeHttpTransport';
import type { ScimTransport } from '../../../src/connectors/scim/scimTransport';
import type { JsonObject } from '../../../src/domain/identityObject';
import { dropTargetIndex } from '../../../src/engine/targetIndex/dropTargetIndex';
import { indexTargetPage } from '../../../src/engine/targetIndex/indexTargetPage';
import { reconcileObject, type ReconcileOutcome } from '../../../src/engine/reconcileObject';
import type { TargetIndexStore } from '../../../src/state/targetIndexStore';
import { createAzuriteServices } from '../../support/azuriteServices';
import { MemoryStagingStore } from '../../support/fakes/memoryStagingStore';
import { directoryJob } from '../../support/jobFixtures';
import { startScimmyPeer, type ScimmyPeer } from '../../support/scimmyPeer';

/*
 * The index against an independent SCIM implementation (scimmy) and real Table Storage (Azurite): the SCIM
 * connector's listing pages through the target, and a user that exists in the target before the initial cycle
 * is matched through the index and updated, not created a second time, with no filtered GET.
 */
describe('target index on scimmy and Azurite', () => {
  let peer: ScimmyPeer;
  const requests: string[] = [];
  let connector: ScimTargetConnector;
  let targetIndexes: TargetIndexStore;

  beforeAll(async () => {
    peer = await startScimmyPeer();
    // The store the production services are built with (createServices → createStores), on Azurite.
    targetIndexes = (await createAzuriteServices()).services.targetIndexes;
    const http = createNodeHttpTransport();
    const counting: ScimTransport = (request) => {
      requests.push(`${request.method} ${new URL(request.url).pathname.replace(/^\/scim\/v2/, '')}${new URL(request.url).search}`);
      return http(request);
    };
    connector = new ScimTargetConnector({ baseUrl: peer.baseUrl, token: peer.token, timeoutInMs: 5000, transport: counting });
  });
  afterAll(async () => {
    await peer.stop();
  });

  it('pages through every user with startIndex and count, each exactly once, and groups without members', async () => {
    const made = [];
    for (let i = 1; i <= 7; i++) made.push((await connector.create('User', { userName: `page${i}@contoso.example`, active: true })).id);
    const seen: string[] = [];
    const cursors: (string | undefined)[] = [];
    let cursor: string | undefined;
    do {
      const page = await connector.listPage('User', cursor, 3);
      seen.push(...page.objects.map((o) => o.id));
      cursor = page.nextCursor;
      cursors.push(cursor);
    } while (cursor !== undefined);
    expect(cursors).toEqual(['4', '7', undefined]);
    expect(seen.sort()).toEqual([...made].sort());
    const member = made[0] ?? '';
    await connector.create('Group', { displayName: 'Listed group', members: [{ value: member }] });
    const groups = await connector.listPage('Group', undefined, 10);
    expect(groups.objects.map((g) => [g.data.displayName, g.data.members])).toEqual([['Listed group', undefined]]);
    expect(await connector.getMemberIds('Group', groups.objects[0]?.id ?? '')).toEqual([member]);
    for (const id of made) await connector.delete('User', id);
    expect(await connector.listPage('User', undefined, 3)).toEqual({ objects: [] });
  });

  it('matches a user that existed before the cycle through the index and updates it, creating only the new one', async () => {
    for (const group of peer.groups()) await connector.delete('Group', String(group.id));
    const job = directoryJob(peer.baseUrl, 'scimmy-index');
    const existing = await connector.create('User', { userName: 'ada@contoso.example', displayName: 'Ada (old)', active: true });
    const staging = new MemoryStagingStore();
    const source = (userName: string, displayName: string): JsonObject => ({ id: `src-${userName}`, userName, displayName, active: true });
    staging.put(job.id, 'User', 'ada', source('ada@contoso.example', 'Ada Lovelace'));
    staging.put(job.id, 'User', 'grace', source('grace@contoso.example', 'Grace Hopper'));

    requests.length = 0;
    let cursor: string | undefined;
    do cursor = (await indexTargetPage({ connector, targetIndexes, pageSize: 100 }, job, 'cycle-1-index', cursor)).nextCursor;
    while (cursor !== undefined);
    expect(requests).toEqual(['GET /Users?startIndex=1&count=100', 'GET /Groups?startIndex=1&count=100&excludedAttributes=members']);

    requests.length = 0;
    const deps = { staging, connector, targetIndexes, now: () => new Date(), newId: () => `log-${requests.length}` };
    const run = (sourceKey: string): Promise<ReconcileOutcome> => reconcileObject(deps, { job, objectType: 'User', sourceKey, cycleId: 'cycle-1', attempt: 1, targetIndex: 'cycle-1-index' });
    const ada = await run('ada');
    const grace = await run('grace');
    expect([ada.kind === 'done' && ada.log.provisioningAction, grace.kind === 'done' && grace.log.provisioningAction]).toEqual(['update', 'create']);
    expect(requests).toEqual([`PATCH /Users/${existing.id}`, 'POST /Users']);

    const users = peer.users();
    expect(users.map((u) => [u.userName, u.displayName, u.externalId]).sort()).toEqual([
      ['ada@contoso.example', 'Ada Lovelace', 'src-ada@contoso.example'],
      ['grace@contoso.example', 'Grace Hopper', 'src-grace@contoso.example'],
    ]);
    expect(users.find((u) => u.userName === 'ada@contoso.example')?.id).toBe(existing.id);
    expect((await staging.get(job.id, 'User', 'ada'))?.targetId).toBe(existing.id);

    await dropTargetIndex({ targetIndexes }, job.id, 'cycle-1-index');
    expect(await targetIndexes.find(job.id, 'cycle-1-index', { targetType: 'user', attribute: 'username', value: 'ada@contoso.example' })).toBe('missing');
  });
});
