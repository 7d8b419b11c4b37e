import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonObject } from '../../src/domain/identityObject';
import type { ProvisioningLogEntry } from '../../src/domain/provisioningLogEntry';
import { freePort } from '../../src/local/freePort';
import { startLocalHost, type RunningLocalHost } from '../../src/local/localHost';
import { waitForQueueDrained } from '../../src/local/waitForQueueDrained';
import { startScimmyPeer, type ScimmyPeer } from '../support/scimmyPeer';

/*
 * Issue 5's manager reference, end to end on real components: bulk uploads (the manager named by its
 * externalId, reference/inbound-and-scim.md §1.5) through the local host into scimmy, whose enterprise
 * `manager.value` must end as the manager's scimmy id, also when the report is provisioned first.
 */
const JOB_ID = 'manager-to-peer';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function job(baseUrl: string) {
  const attr = (expression: string, targetAttributeName: string, matchingPriority = 0) => ({ source: { expression }, targetAttributeName, matchingPriority });
  return {
    source: { type: 'inboundApi' },
    target: { type: 'scim', baseUrl, tokenSetting: 'IDBRIDGE_TARGET_TOKEN_PEER' },
    objectMappings: [
      {
        name: 'workers',
        attributeMappings: [
          attr('[externalId]', 'externalId', 1),
          attr('[userName]', 'userName'),
          attr('[active]', 'active'),
          attr(`[${ENTERPRISE}:manager]`, `${ENTERPRISE}:manager`),
        ],
      },
    ],
  };
}

const worker = (id: string, manager?: string): JsonObject => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  externalId: id,
  userName: `${id}@contoso.example`,
  active: true,
  [ENTERPRISE]: manager === undefined ? {} : { manager: { value: manager } },
});

describe('manager references: bulk upload → local host → independent SCIM app', () => {
  let peer: ScimmyPeer;
  let host: RunningLocalHost;
  const token = 'manager-e2e-token-0123456789';

  beforeAll(async () => {
    peer = await startScimmyPeer();
    host = await startLocalHost({ home: mkdtempSync(join(tmpdir(), 'idbridge-mgr-')), port: await freePort(), token, inMemory: true, env: { IDBRIDGE_TARGET_TOKEN_PEER: peer.token }, log: () => {} });
    const put = await fetch(`${host.url}/api/jobs/${JOB_ID}`, { method: 'PUT', headers: { Authorization: `Bearer ${host.adminToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify(job(peer.baseUrl)) });
    expect(put.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await host?.stop();
    await peer?.stop();
  });

  async function upload(records: JsonObject[]): Promise<ProvisioningLogEntry[]> {
    const body = { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: records.map((data) => ({ method: 'POST', path: '/Users', bulkId: String(data.externalId), data })) };
    const answer = await fetch(`${host.url}/api/jobs/${JOB_ID}/bulkUpload`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' }, body: JSON.stringify(body) });
    expect(answer.status).toBe(202);
    const { uploadId } = (await answer.json()) as { uploadId: string };
    expect(await waitForQueueDrained(host.workQueue, { timeoutInMs: 60_000 })).toBe(true);
    return (await host.services.logs.list(JOB_ID, { pageSize: 1000 })).entries.filter((e) => e.cycleId === uploadId);
  }

  const peerUser = (externalId: string): JsonObject | undefined => peer.users().find((u) => u.externalId === externalId);
  const peerManagerOf = (externalId: string): unknown => ((peerUser(externalId)?.[ENTERPRISE] ?? {}) as { manager?: { value?: unknown } }).manager?.value;

  it('writes the manager as its target id, and adds it to a report provisioned before its manager', async () => {
    // The report first, alone: its manager is not even staged yet.
    const first = await upload([worker('report', 'boss')]);
    expect(first.map((e) => e.provisioningAction)).toEqual(['create']);
    expect(first[0]?.provisioningSteps.find((s) => s.provisioningStepType === 'referenceResolution')?.details.SkipReason).toBe('UnableToResolveReferenceAttributeValue');
    expect(peerManagerOf('report')).toBeUndefined();

    // The manager arrives: linking it reconciles the waiting report, which gets its manager's scimmy id.
    const second = await upload([worker('boss'), worker('peer', 'boss')]);
    const bossId = peerUser('boss')?.id;
    expect(typeof bossId).toBe('string');
    expect(peerManagerOf('peer')).toBe(bossId);
    expect(peerManagerOf('report')).toBe(bossId);
    expect(peerManagerOf('boss')).toBeUndefined();
    expect(second.filter((e) => e.provisioningStatusInfo.status === 'failure')).toEqual([]);
    const reportUpdate = second.find((e) => e.sourceIdentity.id === 'report');
    expect(reportUpdate?.provisioningAction).toBe('update');
    expect(reportUpdate?.modifiedProperties).toEqual([{ displayName: `${ENTERPRISE}:manager`, oldValue: null, newValue: bossId }]);

    // In sync now: uploading the same records again sends nothing.
    const again = await upload([worker('boss'), worker('peer', 'boss'), worker('report', 'boss')]);
    expect(again.map((e) => e.provisioningStatusInfo.errorInformation?.errorCode)).toEqual(['RedundantExport', 'RedundantExport', 'RedundantExport']);
  }, 120_000);
});
