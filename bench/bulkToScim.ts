import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectedLogEntries } from '../src/cli/expectedLogEntries';
import { formatCsv } from '../src/csv/formatCsv';
import type { ProvisioningLogEntry } from '../src/domain/provisioningLogEntry';
import { csvToBulkRequests } from '../src/inbound/csvToBulkRequests';
import { uploadBulkRequests } from '../src/inbound/uploadBulkRequests';
import { freePort } from '../src/local/freePort';
import { startLocalHost } from '../src/local/localHost';
import { waitForQueueDrained } from '../src/local/waitForQueueDrained';
import { generateHrRows } from '../src/sampleData/generateHrRows';
import { percentile } from './percentile';

export interface BulkToScimResult {
  scenario: 'bulk-to-scim';
  records: number;
  logEntries: number;
  seconds: number;
  recordsPerSecond: number;
  uploadSeconds: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  /** One record uploaded on its own into an idle system: POST to log entry. */
  singleRecordP50Ms: number;
  singleRecordMaxMs: number;
  outcomes: Record<string, number>;
}

/**
 * bulk-to-scim: N generated HR records uploaded to the local host (in-memory Azurite) and provisioned into
 * the built-in SCIM directory through the SCIM client, exactly as the demo does. Throughput counts from the
 * first upload request to the last log entry; latency is per record, from the moment its upload was staged
 * to the moment its log entry was written (the account exists by then).
 */
export async function bulkToScim(records: number): Promise<BulkToScimResult> {
  const home = mkdtempSync(join(tmpdir(), 'idbridge-bench-'));
  const token = 'bench-token-0123456789abcdef';
  const host = await startLocalHost({ home, port: await freePort(), token, inMemory: true, jobsDir: join(__dirname, '../../examples/jobs'), env: process.env, log: () => {} });
  try {
    const generated = generateHrRows({ count: records, seed: 'bench' });
    const conversion = csvToBulkRequests(formatCsv(generated.header, generated.rows));
    const expected = expectedLogEntries(conversion.requests);
    const started = Date.now();
    const upload = await uploadBulkRequests({ url: host.url, jobId: 'hr-demo', token, requests: conversion.requests, concurrency: 4 });
    const uploadSeconds = (Date.now() - started) / 1000;
    if (upload.rejected > 0) throw new Error(`${upload.rejected} upload requests were rejected: ${upload.rejections[0]?.detail}`);
    if (!(await waitForQueueDrained(host.workQueue, { timeoutInMs: 30 * 60_000 }))) throw new Error('the reconcile queue did not drain within 30 minutes');
    const seconds = (Date.now() - started) / 1000;
    const entries = await readAll(host.services.logs, expected);
    const latencies = entries.map((e) => {
      const stagedAt = e.provisioningSteps.find((s) => s.provisioningStepType === 'import')?.details.StagedAt;
      return stagedAt ? Date.parse(e.activityDateTime) - Date.parse(stagedAt) : Number.NaN;
    }).filter((n) => !Number.isNaN(n));
    const single = await singleRecordLatencies(host.url, token, host.services.logs, 10);
    const outcomes: Record<string, number> = {};
    for (const e of entries) outcomes[`${e.provisioningAction}/${e.provisioningStatusInfo.status}`] = (outcomes[`${e.provisioningAction}/${e.provisioningStatusInfo.status}`] ?? 0) + 1;
    return {
      scenario: 'bulk-to-scim',
      records: upload.records,
      logEntries: entries.length,
      seconds,
      recordsPerSecond: entries.length / seconds,
      uploadSeconds,
      latencyP50Ms: percentile(latencies, 50),
      latencyP95Ms: percentile(latencies, 95),
      singleRecordP50Ms: percentile(single, 50),
      singleRecordMaxMs: Math.max(...single),
      outcomes,
    };
  } finally {
    await host.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

/** Uploads `count` single new records one after another and times each from POST to its log entry. */
async function singleRecordLatencies(url: string, token: string, logs: Awaited<ReturnType<typeof startLocalHost>>['services']['logs'], count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = Date.now();
    const response = await fetch(`${url}/api/jobs/hr-demo/bulkUpload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: [{ method: 'POST', path: '/Users', bulkId: `single-${i}`, data: { externalId: `single-${i}`, userName: `single.${i}@bench.example`, active: true, name: { givenName: 'Single', familyName: `Record${i}` } } }],
      }),
    });
    const { uploadId } = (await response.json()) as { uploadId: string };
    while ((await logs.list('hr-demo', { cycleId: uploadId, pageSize: 1 })).entries.length === 0) await new Promise((r) => setTimeout(r, 10));
    latencies.push(Date.now() - started);
  }
  return latencies;
}

async function readAll(logs: Awaited<ReturnType<typeof startLocalHost>>['services']['logs'], limit: number): Promise<ProvisioningLogEntry[]> {
  const entries: ProvisioningLogEntry[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await logs.list('hr-demo', { pageSize: 1000, ...(continuationToken ? { continuationToken } : {}) });
    entries.push(...page.entries);
    continuationToken = page.continuationToken;
  } while (continuationToken && entries.length < limit);
  return entries.slice(0, limit);
}
