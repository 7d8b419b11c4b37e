import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isJsonObject, type JsonObject } from '../../src/domain/identityObject';
import type { ProvisioningLogEntry } from '../../src/domain/provisioningLogEntry';
import { freePort } from '../../src/local/freePort';
import { startLocalHost, type RunningLocalHost } from '../../src/local/localHost';
import { waitForQueueDrained } from '../../src/local/waitForQueueDrained';
import { startScimmyPeer, type ScimmyPeer } from '../support/scimmyPeer';

/*
 * Issue 4's gateway, end to end on real components: a job whose source is the built-in directory
 * ({type: "scim"}) and whose target is an independent SCIM implementation (scimmy). Users are written into
 * idbridge's own /scim/v2/Users the way Entra writes them (reference/inbound-and-scim.md §2.6: POST with
 * Entra's body, PATCH Replace active "False"), and the group through /scim/v2/Groups as Entra writes groups
 * (§2.7: created empty with the ADSCIM URN, members added and removed with PATCH); the SCIM service reports each
 * write to the sink.
 */
const JOB_ID = 'entra-to-peer';
const SCIM = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function job(baseUrl: string) {
  const attr = (expression: string, targetAttributeName: string, matchingPriority = 0) => ({ source: { expression }, targetAttributeName, matchingPriority });
  return {
    source: { type: 'scim' },
    target: { type: 'scim', baseUrl, tokenSetting: 'IDBRIDGE_TARGET_TOKEN_PEER' },
    objectMappings: [
      {
        name: 'users',
        sourceObjectName: 'User',
        attributeMappings: [
          attr('[userName]', 'userName', 1),
          attr('[externalId]', 'externalId'),
          attr('[active]', 'active'),
          attr('[displayName]', 'displayName'),
          attr('[name.givenName]', 'name.givenName'),
          attr('[name.familyName]', 'name.familyName'),
        ],
      },
      {
        name: 'groups',
        sourceObjectName: 'Group',
        targetObjectName: 'urn:ietf:params:scim:schemas:core:2.0:Group',
        attributeMappings: [attr('[displayName]', 'displayName', 1), attr('[id]', 'externalId'), attr('[members]', 'members')],
      },
    ],
  };
}

/** Entra's create body (§2.6 step 2), meta.resourceType and an empty roles array included. */
function entraUser(nick: string): JsonObject {
  return {
    schemas: [SCIM, ENTERPRISE],
    externalId: nick,
    userName: `${nick}@contoso.example`,
    active: true,
    displayName: `${nick} Example`,
    emails: [{ primary: true, type: 'work', value: `${nick}@contoso.example` }],
    meta: { resourceType: 'User' },
    name: { formatted: `${nick} Example`, familyName: 'Example', givenName: nick },
    roles: [],
  };
}

describe('Entra → idbridge SCIM directory → gateway → independent SCIM app', () => {
  let peer: ScimmyPeer;
  let host: RunningLocalHost;
  const token = 'gateway-e2e-token-0123456789';
  const directoryIds = new Map<string, string>();
  let groupId = '';

  beforeAll(async () => {
    peer = await startScimmyPeer();
    host = await startLocalHost({ home: mkdtempSync(join(tmpdir(), 'idbridge-gw-')), port: await freePort(), token, inMemory: true, env: { IDBRIDGE_TARGET_TOKEN_PEER: peer.token }, log: () => {} });
    const put = await fetch(`${host.url}/api/jobs/${JOB_ID}`, { method: 'PUT', headers: { Authorization: `Bearer ${host.adminToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify(job(peer.baseUrl)) });
    expect(put.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await host?.stop();
    await peer?.stop();
  });

  async function scim(method: string, path: string, body?: JsonObject): Promise<Response> {
    return fetch(`${host.url}/scim/v2${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  }

  async function drained(): Promise<ProvisioningLogEntry[]> {
    expect(await waitForQueueDrained(host.workQueue, { timeoutInMs: 60_000 })).toBe(true);
    const page = await host.services.logs.list(JOB_ID, { pageSize: 1000 });
    return page.entries;
  }

  const peerUserId = (nick: string): string => String(peer.users().find((u) => u.externalId === nick)?.id);
  const peerMembers = (displayName: string): string[] => {
    const group = peer.groups().find((g) => g.displayName === displayName);
    return (Array.isArray(group?.members) ? group.members : []).flatMap((m) => (isJsonObject(m) && typeof m.value === 'string' ? [m.value] : [])).sort();
  };

  it('provisions users written the way Entra writes them, disabled where Entra disabled, and a group with exactly its members', async () => {
    for (const nick of ['ada', 'grace', 'alan']) {
      const created = await scim('POST', '/Users', entraUser(nick));
      expect(created.status).toBe(201);
      directoryIds.set(nick, String(((await created.json()) as JsonObject).id));
    }
    const disable = await scim('PATCH', `/Users/${directoryIds.get('alan')}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(disable.status).toBe(200);
    // Written at once, racing the users' reconciles: members not yet provisioned are added when they are.
    const group = await scim('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      externalId: 'grp-eng',
      displayName: 'Engineering',
      meta: { resourceType: 'Group' },
    });
    expect(group.status).toBe(201);
    groupId = String(((await group.json()) as JsonObject).id);
    const added = await scim('PATCH', `/Groups/${groupId}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Add', path: 'members', value: ['ada', 'grace', 'alan'].map((n) => ({ $ref: null, value: directoryIds.get(n) ?? '' })) }],
    });
    expect(added.status).toBe(204);
    const logs = await drained();
    expect(logs.filter((l) => l.provisioningStatusInfo.status === 'failure').map((l) => l.provisioningStatusInfo.errorInformation?.reason)).toEqual([]);

    const users = peer.users();
    expect(users.map((u) => [u.userName, u.externalId, u.active]).sort()).toEqual([
      ['ada@contoso.example', 'ada', true],
      ['alan@contoso.example', 'alan', false],
      ['grace@contoso.example', 'grace', true],
    ]);
    expect(peer.groups().map((g) => [g.displayName, g.externalId])).toEqual([['Engineering', groupId]]);
    expect(peerMembers('Engineering')).toEqual(['ada', 'grace', 'alan'].map(peerUserId).sort());
    expect(logs.some((l) => l.sourceIdentity.identityType === 'Group' && l.provisioningAction === 'create')).toBe(true);
  }, 120_000);

  it('removes a member that leaves the group, and only that one', async () => {
    const removed = await scim('PATCH', `/Groups/${groupId}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: directoryIds.get('grace') ?? '' }] }],
    });
    expect(removed.status).toBe(204);
    await drained();
    expect(peerMembers('Engineering')).toEqual(['ada', 'alan'].map(peerUserId).sort());
    expect(peer.users()).toHaveLength(3);
  }, 120_000);

  it('deletes the target account when Entra deletes the user, and the group loses it', async () => {
    const gone = peerUserId('alan');
    expect((await scim('DELETE', `/Users/${directoryIds.get('alan')}`)).status).toBe(204);
    await drained();
    expect(peer.users().map((u) => u.externalId).sort()).toEqual(['ada', 'grace']);
    // Deleting the user took it out of the group too, and the group was reported with its new members.
    await drained();
    expect(peerMembers('Engineering')).toEqual([peerUserId('ada')]);
    expect(peerMembers('Engineering')).not.toContain(gone);
  }, 120_000);
});
