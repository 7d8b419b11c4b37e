import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expectedLogEntries } from '../../src/cli/expectedLogEntries';
import type { ProvisioningLogEntry } from '../../src/domain/provisioningLogEntry';
import { csvToBulkRequests } from '../../src/inbound/csvToBulkRequests';
import { uploadBulkRequests } from '../../src/inbound/uploadBulkRequests';
import { freePort } from '../../src/local/freePort';
import { startLocalHost, type RunningLocalHost } from '../../src/local/localHost';
import { waitForQueueDrained } from '../../src/local/waitForQueueDrained';
import { startScimmyPeer, type ScimmyPeer } from '../support/scimmyPeer';

/*
 * The foundation's end-to-end promise, on real components: Microsoft's 1000-row HR sample (624 distinct
 * workers, repeats, missing managers, "UK" country codes) goes through the local host (Azurite tables and
 * queues, the HTTP endpoint, the queue poller) into an independent SCIM implementation (scimmy).
 * Expectations are computed from the raw CSV, not from idbridge's own mapping code.
 */
const SAMPLE = resolve(__dirname, '../../../shared/data/entra-samples/csv-with-1000-records.csv');
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const JOB_ID = 'hr-to-peer';

function rawRows(): Record<string, string>[] {
  const [header, ...lines] = readFileSync(SAMPLE, 'utf8').trim().split(/\r?\n/);
  const names = (header ?? '').split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i] ?? '', v])));
}

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
          attr('[userName]', 'userName', 2),
          attr('[active]', 'active'),
          attr('[name.givenName]', 'name.givenName'),
          attr('[name.familyName]', 'name.familyName'),
          attr('[displayName]', 'displayName'),
          attr('[title]', 'title'),
          attr('[userType]', 'userType'),
          attr('[addresses[type eq "work"].locality]', 'addresses[type eq "work"].locality'),
          attr('[addresses[type eq "work"].country]', 'addresses[type eq "work"].country'),
          attr(`[${ENTERPRISE}:department]`, `${ENTERPRISE}:department`),
          attr(`[${ENTERPRISE}:costCenter]`, `${ENTERPRISE}:costCenter`),
        ],
      },
    ],
  };
}

describe('HR CSV → bulk upload → local host → independent SCIM app', () => {
  let peer: ScimmyPeer;
  let host: RunningLocalHost;
  const token = 'e2e-token-0123456789abcdef';

  beforeAll(async () => {
    peer = await startScimmyPeer();
    host = await startLocalHost({
      home: mkdtempSync(join(tmpdir(), 'idbridge-e2e-')),
      port: await freePort(),
      token,
      inMemory: true,
      env: { IDBRIDGE_TARGET_TOKEN_PEER: peer.token },
      log: () => {},
    });
    const put = await fetch(`${host.url}/api/jobs/${JOB_ID}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${host.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(job(peer.baseUrl)),
    });
    expect(put.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await host?.stop();
    await peer?.stop();
  });

  async function uploadAndWait(): Promise<ProvisioningLogEntry[]> {
    const conversion = csvToBulkRequests(readFileSync(SAMPLE, 'utf8'));
    const since = new Date().toISOString();
    const summary = await uploadBulkRequests({ url: host.url, jobId: JOB_ID, token, requests: conversion.requests });
    expect(summary.rejected).toBe(0);
    const expected = expectedLogEntries(conversion.requests);
    expect(await waitForQueueDrained(host.workQueue, { timeoutInMs: 120_000 })).toBe(true);
    expect(await host.services.logs.count(JOB_ID, since)).toBe(expected);
    const entries: ProvisioningLogEntry[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await host.services.logs.list(JOB_ID, { pageSize: 1000, ...(continuationToken ? { continuationToken } : {}) });
      entries.push(...page.entries);
      continuationToken = page.continuationToken;
    } while (continuationToken);
    return entries.slice(0, expected);
  }

  it('ends with exactly one account per distinct WorkerID, mapped from that worker\'s last row', async () => {
    const logs = await uploadAndWait();
    const failures = logs.filter((l) => l.provisioningStatusInfo.status === 'failure');
    expect(failures.map((f) => f.provisioningStatusInfo.errorInformation?.reason)).toEqual([]);

    const lastRow = new Map<string, Record<string, string>>();
    for (const row of rawRows()) lastRow.set(row.WorkerID ?? '', row);
    const users = peer.users();
    expect(lastRow.size).toBe(624);
    expect(users).toHaveLength(624);
    expect(new Set(users.map((u) => u.externalId)).size).toBe(624);

    for (const user of users) {
      const row = lastRow.get(String(user.externalId));
      if (!row) throw new Error(`unexpected account ${String(user.externalId)}`);
      const enterprise = (user[ENTERPRISE] ?? {}) as Record<string, unknown>;
      const address = ((user.addresses ?? []) as Record<string, unknown>[]).find((a) => a.type === 'work');
      expect({
        userName: user.userName,
        active: user.active,
        givenName: (user.name as Record<string, unknown>)?.givenName,
        familyName: (user.name as Record<string, unknown>)?.familyName,
        displayName: user.displayName,
        title: user.title,
        userType: user.userType,
        city: address?.locality,
        country: address?.country,
        department: enterprise.department,
        costCenter: enterprise.costCenter,
      }).toEqual({
        userName: row.UserID,
        active: row.WorkerStatus === 'Active',
        givenName: row.FirstName,
        familyName: row.LastName,
        displayName: row.FullName,
        title: row.JobTitle,
        userType: row.WorkerType,
        city: row.City || undefined,
        country: row.CountryCode || undefined,
        department: row.Department,
        costCenter: row.CostCenter,
      });
    }
    expect(logs.filter((l) => l.provisioningAction === 'create')).toHaveLength(624);
    const sample = logs.find((l) => l.provisioningAction === 'create');
    expect(sample?.provisioningSteps.map((s) => s.name)).toEqual(['EntryImportAdd', 'EntrySynchronizationScoping', 'EntrySynchronizationAdd', 'EntryExportAdd']);
  }, 180_000);

  it('changes nothing when the same file is uploaded again: every log entry is a skip', async () => {
    const before = peer.users();
    const logs = await uploadAndWait();
    expect(logs).toHaveLength(624);
    const outcomes = new Set(logs.map((l) => `${l.provisioningStatusInfo.status}:${l.provisioningStatusInfo.errorInformation?.errorCode}`));
    expect([...outcomes]).toEqual(['skipped:RedundantExport']);
    expect(peer.users()).toEqual(before);
  }, 180_000);
});
