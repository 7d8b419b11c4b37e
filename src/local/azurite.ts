import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { freePort } from './freePort';

/**
 * Azurite, the Azure Storage emulator from npm, as a child process: the local host's Tables and Queues.
 * Telemetry is always off (the local host calls nothing but the configured targets).
 */
export interface AzuriteOptions {
  /** Folder for Azurite's data; omitted = in memory (tests). */
  location?: string;
  tablePort?: number;
  queuePort?: number;
  blobPort?: number;
}

export interface RunningAzurite {
  connectionString: string;
  tablePort: number;
  queuePort: number;
  stop(): Promise<void>;
}

/** Azurite's documented development account; a well-known public value, not a secret. */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function azuriteConnectionString(tablePort: number, queuePort: number): string {
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${DEV_ACCOUNT}`,
    `AccountKey=${DEV_KEY}`,
    `TableEndpoint=http://127.0.0.1:${tablePort}/${DEV_ACCOUNT}`,
    `QueueEndpoint=http://127.0.0.1:${queuePort}/${DEV_ACCOUNT}`,
  ].join(';');
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<RunningAzurite> {
  const tablePort = options.tablePort ?? (await freePort());
  const queuePort = options.queuePort ?? (await freePort());
  const blobPort = options.blobPort ?? (await freePort());
  const args = [
    require.resolve('azurite/dist/src/azurite.js'),
    '--disableTelemetry',
    '--silent',
    '--skipApiVersionCheck',
    '--loose',
    '--tablePort', String(tablePort),
    '--queuePort', String(queuePort),
    '--blobPort', String(blobPort),
  ];
  if (options.location) {
    mkdirSync(options.location, { recursive: true });
    args.push('--location', options.location);
  } else {
    args.push('--inMemoryPersistence');
  }
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  // Never leave Azurite running behind a process that exits without stopping it (an uncaught error, exit()).
  const killOnExit = (): void => void child.kill();
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    await Promise.all([waitForPort(tablePort, child), waitForPort(queuePort, child)]);
  } catch (error) {
    child.kill();
    throw new Error(`Azurite did not start: ${error instanceof Error ? error.message : String(error)} ${stderr}`.trim());
  }
  return {
    connectionString: azuriteConnectionString(tablePort, queuePort),
    tablePort,
    queuePort,
    stop: () => stopChild(child),
  };
}

async function waitForPort(port: number, child: ChildProcess, timeoutInMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutInMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`port ${port} not listening after ${timeoutInMs} ms`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
