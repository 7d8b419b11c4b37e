import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '../src/local/freePort';
import { startLocalHost } from '../src/local/localHost';
import { scimToScimJob } from '../test/support/scimToScimJob';
import { benchUsers } from './benchUsers';
import { runConcurrently } from './runConcurrently';
import { scimHttpClient } from './scimHttpClient';

export interface CycleBenchResult {
  scenario: 'cycle';
  users: number;
  concurrency: number;
  /** The target's service time per request (0: it answers as fast as its CPU allows). */
  targetLatencyMs: number;
  /** Creates per /Bulk request the job allows (target.bulk.maxOperations); 0: one POST per create. */
  bulkOperations: number;
  /** Start request to the last user present in the target. */
  seconds: number;
  objectsPerSecond: number;
  /** The target's own create rate, same client concurrency, measured in this run on a fresh instance. */
  targetRawCreatesPerSecond: number;
  ratioToRaw: number;
  requestsToTarget: Record<string, number>;
  requestsPerObject: number;
  /** The engine process (local host: HTTP, poller, handlers); Azurite and the SCIM servers are other processes. */
  peakRssMiB: number;
  peakHeapUsedMiB: number;
  /** Heap used when the target held 25, 50, 75 and 100 % of the users: flat if memory does not grow with objects. */
  heapAtQuartilesMiB: number[];
  cycle: unknown;
}

/**
 * cycle (issue 5): an initial cycle of N users from a SCIM source to a SCIM target on the local host. Source
 * and target are bench/memoryScimServer.ts in processes of their own; the raw rate is measured on a third,
 * fresh instance with the same client at the same concurrency as the job's target.maxConcurrency. The
 * scheduler ticks every second here (every minute in production) so that the start is not a wait.
 */
export async function cycleBench(users: number, concurrency = 8, log: (line: string) => void = () => {}, targetLatencyMs = 0, bulkOperations = 0): Promise<CycleBenchResult> {
  const sourceToken = `src-${randomUUID()}`;
  const targetToken = `tgt-${randomUUID()}`;
  const source = await startScimServer(sourceToken, users);
  const target = await startScimServer(targetToken, 0, targetLatencyMs);
  const home = mkdtempSync(join(tmpdir(), 'idbridge-bench-cycle-'));
  try {
    const targetRawCreatesPerSecond = await rawCreateRate(targetToken, Math.min(users, 20000), concurrency, targetLatencyMs);
    log(`raw target: ${targetRawCreatesPerSecond.toFixed(0)} creates/s`);
    const token = `bench-${randomUUID()}`;
    const host = await startLocalHost({
      home,
      port: await freePort(),
      token,
      inMemory: true,
      env: { ...process.env, IDBRIDGE_SOURCE_TOKEN_BENCH: sourceToken, IDBRIDGE_TARGET_TOKEN_BENCH: targetToken },
      timerSchedules: { scheduler: '*/1 * * * * *' },
      log: () => {},
    });
    try {
      // The management API (/api/jobs) takes the admin token, not the inbound one.
      const api = scimHttpClient(`${host.url}/api`, host.adminToken, 2);
      const targetClient = scimHttpClient(target.baseUrl, targetToken, 1);
      const jobId = 'bench-cycle';
      await api.send('PUT', `/jobs/${jobId}`, cycleJob(source.baseUrl, target.baseUrl, concurrency, bulkOperations), 201);
      const started = Date.now();
      await api.send('POST', `/jobs/${jobId}/start`, {}, 204);
      let peakRss = 0;
      let peakHeap = 0;
      const quartiles: number[] = [];
      let present = 0;
      while (present < users) {
        await new Promise((r) => setTimeout(r, 500));
        const memory = process.memoryUsage();
        peakRss = Math.max(peakRss, memory.rss);
        peakHeap = Math.max(peakHeap, memory.heapUsed);
        present = Number(((await targetClient.send('GET', '/Users?count=0&benchProbe=1', undefined, 200)) as { totalResults?: number }).totalResults ?? 0);
        while (quartiles.length < 4 && present >= (users * (quartiles.length + 1)) / 4) quartiles.push(memory.heapUsed / 2 ** 20);
        if (Date.now() - started > 6 * 3600_000) throw new Error(`cycle bench: only ${present} of ${users} users after 6 h`);
        log(`${present}/${users} users in the target after ${((Date.now() - started) / 1000).toFixed(0)} s`);
      }
      const seconds = (Date.now() - started) / 1000;
      const job = (await api.send('GET', `/jobs/${jobId}`, undefined, 200)) as { status?: unknown };
      const requestsToTarget = (await targetClient.send('GET', '/_stats', undefined, 200)) as Record<string, number>;
      const sent = Object.values(requestsToTarget).reduce((sum, n) => sum + n, 0);
      api.close();
      targetClient.close();
      return {
        scenario: 'cycle',
        users,
        concurrency,
        targetLatencyMs,
        bulkOperations,
        seconds,
        objectsPerSecond: users / seconds,
        targetRawCreatesPerSecond,
        ratioToRaw: users / seconds / targetRawCreatesPerSecond,
        requestsToTarget,
        requestsPerObject: sent / users,
        peakRssMiB: peakRss / 2 ** 20,
        peakHeapUsedMiB: peakHeap / 2 ** 20,
        heapAtQuartilesMiB: quartiles,
        cycle: job.status,
      };
    } finally {
      await host.stop();
    }
  } finally {
    source.stop();
    target.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

async function rawCreateRate(token: string, count: number, concurrency: number, latencyMs: number): Promise<number> {
  const raw = await startScimServer(token, 0, latencyMs);
  const client = scimHttpClient(raw.baseUrl, token, concurrency);
  try {
    const users = benchUsers(count, 'raw');
    return await runConcurrently(users.length, concurrency, async (i) => {
      await client.send('POST', '/Users', users[i], 201);
    });
  } finally {
    client.close();
    raw.stop();
  }
}

function cycleJob(sourceUrl: string, targetUrl: string, concurrency: number, bulkOperations: number): unknown {
  return scimToScimJob(sourceUrl, targetUrl, { displayName: 'cycle benchmark', tokenName: 'BENCH', maxConcurrency: concurrency, ...(bulkOperations > 0 ? { bulk: { maxOperations: bulkOperations } } : {}) });
}

interface ScimServerProcess {
  baseUrl: string;
  stop(): void;
}

/** bench/memoryScimServer.ts in a child process, so it does not share the engine's event loop. */
async function startScimServer(token: string, seedUsers: number, latencyMs = 0): Promise<ScimServerProcess> {
  // `npm run bench` runs the compiled bench (dist/bench); a TypeScript runner (jest, a test) runs the sources.
  const script = __filename.endsWith('.js') ? [join(__dirname, 'memoryScimServer.js')] : ['-r', join(__dirname, '../test/support/registerTypeScript.js'), join(__dirname, 'memoryScimServer.ts')];
  const child: ChildProcess = spawn(process.execPath, [...script, token, String(seedUsers), String(latencyMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stdout = child.stdout;
  if (!stdout) throw new Error('memory SCIM server: no stdout');
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    lines.on('line', (line) => {
      if (line.startsWith('ready ')) resolve(line.slice('ready '.length));
    });
    child.once('exit', (code) => reject(new Error(`memory SCIM server exited with ${String(code)}`)));
  });
  return { baseUrl, stop: () => child.kill() };
}
