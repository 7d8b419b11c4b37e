import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { scimStoreDirectBench } from './scimStoreDirect';

/** `node dist/bench/runScimStoreDirect.js --records N`: the direct store comparison alone (no HTTP, no scimmy). */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { records: { type: 'string' } } });
  const users = Number(values.records ?? 2000);
  process.stdout.write(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ${users} users, concurrency 8\n`);
  for (const s of await scimStoreDirectBench(users)) {
    process.stdout.write(`  ${s.store}: ${s.createsPerSecond.toFixed(0)} creates/s, ${s.lookupsPerSecond.toFixed(0)} userName lookups/s\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
