import { startLocalHost } from '../local/localHost';
import { resolveLocalAdminToken, resolveLocalToken } from '../local/localToken';
import { summarizeLogs } from '../local/summarizeLogs';
import { waitForQueueDrained } from '../local/waitForQueueDrained';
import { formatCsv } from '../csv/formatCsv';
import { csvToBulkRequests } from '../inbound/csvToBulkRequests';
import { uploadBulkRequests } from '../inbound/uploadBulkRequests';
import { generateHrRows } from '../sampleData/generateHrRows';
import type { Command } from './commandIo';
import { expectedLogEntries } from './expectedLogEntries';
import { integerOption, parseCommandArgs } from './parseCommandArgs';
import { readLocalHostSettings } from './localHostSettings';
import { waitForShutdownSignal } from './waitForShutdownSignal';

const DEMO_JOB = 'hr-demo';

/**
 * `idbridge demo [--count N] [--seed S] [--exit]`: the whole product in one command. Starts the local host,
 * generates HR data with real-world faults, uploads it to the `hr-demo` job, waits until every record has a
 * provisioning log entry, and prints what happened. Keeps serving afterwards (so the directory and logs can be
 * browsed) unless --exit is given or CI is set.
 */
export const demoCommand: Command = async (argv, io) => {
  const { values } = parseCommandArgs(argv, { count: { type: 'string' }, seed: { type: 'string' }, exit: { type: 'boolean' } }, false);
  const count = integerOption('count', values.count, 1, 1_000_000) ?? 2000;
  const seed = values.seed ?? 'idbridge-demo';
  const settings = readLocalHostSettings(io.env, io.cwd);
  const { token, source } = resolveLocalToken(settings.home, io.env);
  const admin = resolveLocalAdminToken(settings.home, io.env);
  const out = (line: string): void => void io.stdout.write(`${line}\n`);

  out(`Starting the local host (data in ${settings.home}) ...`);
  // Ctrl-C while the demo is still working: stop the host cleanly (Azurite included), then leave.
  let host: Awaited<ReturnType<typeof startLocalHost>> | undefined;
  const interrupt = (): void => void (host ? host.stop() : Promise.resolve()).finally(() => process.exit(130));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  host = await startLocalHost({ home: settings.home, port: settings.port, token, adminToken: admin.token, jobsDir: settings.jobsDir, env: io.env, log: (l) => io.stderr.write(`${l}\n`) });
  try {
    if (!(await host.services.jobs.get(DEMO_JOB))) {
      out(`The job '${DEMO_JOB}' was not found in ${settings.jobsDir}; run the demo from the repository root.`);
      return 1;
    }
    const generated = generateHrRows({ count, seed });
    const conversion = csvToBulkRequests(formatCsv(generated.header, generated.rows));
    const expected = expectedLogEntries(conversion.requests);
    out(`Generated ${generated.rows.length} HR rows for ${generated.workers} workers (seed "${seed}"); ${conversion.skipped.length} rows have no WorkerID and are left out.`);

    const started = Date.now();
    const since = new Date(started).toISOString();
    const upload = await uploadBulkRequests({ url: host.url, jobId: DEMO_JOB, token, requests: conversion.requests, concurrency: 4 });
    out(`Uploaded ${upload.records} records in ${upload.requests} requests: ${upload.accepted} accepted, ${upload.rejected} rejected.`);
    for (const rejection of upload.rejections.slice(0, 5)) out(`  rejected request ${rejection.requestIndex}: ${rejection.status} ${rejection.detail}`);

    let lastShown = Date.now();
    const acceptedExpected = expectedLogEntries(conversion.requests.filter((_, i) => !upload.rejections.some((r) => r.requestIndex === i)));
    await waitForQueueDrained(host.workQueue, {
      timeoutInMs: 15 * 60_000,
      onProgress: (left) => {
        if (Date.now() - lastShown < 3000) return;
        lastShown = Date.now();
        out(`  ${left} reconcile message(s) still queued ...`);
      },
    });
    const reached = await host.services.logs.count(DEMO_JOB, since);
    const seconds = (Date.now() - started) / 1000;
    const { summary } = await summarizeLogs(host.services.logs, DEMO_JOB, reached);
    out('');
    out(`Summary for job '${DEMO_JOB}' (${reached} log entries for ${expected} expected, ${seconds.toFixed(1)} s, ${(reached / seconds).toFixed(0)} records/s):`);
    for (const [outcome, n] of Object.entries(summary.byOutcome).sort()) out(`  ${outcome.padEnd(18)} ${n}`);
    const reasons = Object.entries(summary.reasons).sort((a, b) => b[1] - a[1]).slice(0, 8);
    if (reasons.length > 0) out('  reasons:');
    for (const [reason, n] of reasons) out(`    ${String(n).padStart(6)}  ${reason}`);
    out('');
    out('Where to look:');
    // Two tokens (docs/api.md#authentication): the directory answers the inbound one, the logs the admin one.
    out(source === 'IDBRIDGE_TOKEN' ? '  TOKEN="$IDBRIDGE_TOKEN"' : `  TOKEN=$(cat ${source})`);
    out(admin.source === 'IDBRIDGE_ADMIN_TOKEN' ? '  ADMIN_TOKEN="$IDBRIDGE_ADMIN_TOKEN"' : `  ADMIN_TOKEN=$(cat ${admin.source})`);
    out(`  accounts: curl -H "Authorization: Bearer $TOKEN" ${host.url}/scim/v2/Users?count=5`);
    out(`  logs:     curl -H "Authorization: Bearer $ADMIN_TOKEN" "${host.url}/api/jobs/${DEMO_JOB}/provisioningLogs?pageSize=5"`);
    out(`            or: idbridge logs ${DEMO_JOB} --limit 5 --url ${host.url}`);
    if (reached < acceptedExpected) {
      out(`Not every record was provisioned within the time limit (${reached}/${acceptedExpected}).`);
      return 1;
    }
    if (values.exit || io.env.CI) return 0;
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    out('Still serving; press Ctrl-C to stop.');
    await waitForShutdownSignal();
    return 0;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await host.stop();
  }
};
