import { startLocalHost } from '../../src/local/localHost';

/*
 * The local host as a separate process, for tests that kill it (test/integration/cycleCrash.test.ts).
 * Settings come as one JSON argument; it prints `ready <url>` on stdout once it serves, and stops cleanly on
 * SIGTERM. A SIGKILL is the crash under test.
 */
interface LocalHostProcessOptions {
  port: number;
  token: string;
  adminToken: string;
  storageConnection: string;
  env: Record<string, string>;
  lockInMs?: number;
  timerSchedules?: Record<string, string>;
  maxInFlight?: number;
  cycleLeaseInMs?: number;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as LocalHostProcessOptions;
  const host = await startLocalHost({
    home: process.cwd(),
    port: options.port,
    token: options.token,
    adminToken: options.adminToken,
    storageConnection: options.storageConnection,
    env: { ...process.env, ...options.env },
    lockInMs: options.lockInMs,
    timerSchedules: options.timerSchedules,
    maxInFlight: options.maxInFlight,
    cycleLeaseInMs: options.cycleLeaseInMs,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`ready ${host.url}\n`);
  process.once('SIGTERM', () => {
    void host.stop().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`local host process failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
