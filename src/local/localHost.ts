import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { createServices } from '../app/createServices';
import { httpFunctions } from '../app/httpFunctions';
import { reconcileFunction } from '../app/functions/reconcileFunction';
import type { Services } from '../app/services';
import { parseAppSettings } from '../config/appSettings';
import { servedHttpHandler } from '../app/servedHttpHandler';
import type { HttpHandler } from '../http/httpHandler';
import { StorageQueueWorkQueue } from '../queue/storageQueueWorkQueue';
import { scimErrorResponse } from '../scim/scimErrorResponse';
import { InvocationContext } from '@azure/functions';
import { startAzurite, type RunningAzurite } from './azurite';
import { loadJobFiles } from './loadJobFiles';
import { matchRoute } from './matchRoute';
import { invokeHttpHandler, toFunctionsRequest, writeFunctionsResponse } from './nodeHttpBridge';
import { startQueuePoller, type RunningPoller } from './queuePoller';
import { startTimers, type RunningTimers } from './timerRunner';
import { timerFunctions } from '../app/timerFunctions';

export interface LocalHostOptions {
  /** IDBRIDGE_HOME: Azurite's data lives in `<home>/azurite` unless `inMemory`. */
  home: string;
  port: number;
  /** The inbound token (IDBRIDGE_TOKEN): bulk upload and the SCIM service. */
  token: string;
  /**
   * The admin token (IDBRIDGE_ADMIN_TOKEN): the management API. Default: a random one for this run only, read
   * back from `RunningLocalHost.adminToken` (tests and benchmarks that never manage jobs over HTTP).
   */
  adminToken?: string;
  /** Job definitions to load at start (IDBRIDGE_JOBS_DIR). */
  jobsDir?: string;
  /** Throwaway storage (tests, benchmarks). */
  inMemory?: boolean;
  /** Further settings (e.g. tokens that jobs name); the host adds its own on top. */
  env?: Record<string, string | undefined>;
  /** Queue messages handled at once. */
  maxInFlight?: number;
  /**
   * Use this storage (a connection string) instead of starting Azurite: tests that kill and restart the host
   * keep their storage alive across the crash, as Azure Storage outlives a Functions instance.
   */
  storageConnection?: string;
  /** How long a received queue message stays locked (default 120 s, renewed while its handler runs). */
  lockInMs?: number;
  /** NCRONTAB schedules that replace timers' own, by function name (tests run the scheduler every few seconds). */
  timerSchedules?: Readonly<Record<string, string>>;
  /**
   * How long a silent cycle waits before the scheduler resumes it (default CYCLE_LEASE_IN_MS, ten minutes): a test
   * that kills the host between a page's state write and its next message would otherwise wait that long.
   */
  cycleLeaseInMs?: number;
  log?: (line: string) => void;
}

export interface RunningLocalHost {
  url: string;
  token: string;
  adminToken: string;
  services: Services;
  /** The reconcile queue, for waiting until it is drained (demo, benchmarks, tests). */
  workQueue: StorageQueueWorkQueue;
  stop(): Promise<void>;
}

/**
 * The embedded default: one Node process that does what Azure Functions, Service Bus and Storage do in Azure.
 * It starts Azurite for Tables and Queues, serves the same HTTP handlers, polls the reconcile queue and calls
 * the same reconcile handler, and fires the same timers.
 */
export async function startLocalHost(options: LocalHostOptions): Promise<RunningLocalHost> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const azurite: Pick<RunningAzurite, 'connectionString' | 'stop'> = options.storageConnection
    ? { connectionString: options.storageConnection, stop: async () => {} }
    : await startAzurite(options.inMemory ? {} : { location: join(options.home, 'azurite') });
  let server: Server | undefined;
  let poller: RunningPoller | undefined;
  let timers: RunningTimers | undefined;
  try {
    const url = `http://localhost:${options.port}`;
    const adminToken = options.adminToken ?? randomBytes(32).toString('base64url');
    const env: Record<string, string | undefined> = {
      ...(options.env ?? process.env),
      IDBRIDGE_TOKEN: options.token,
      IDBRIDGE_ADMIN_TOKEN: adminToken,
      IDBRIDGE_QUEUE_KIND: 'storageQueue',
      IDBRIDGE_STORAGE_CONNECTION: azurite.connectionString,
      IDBRIDGE_TABLE_ENDPOINT: undefined,
      IDBRIDGE_QUEUE_ENDPOINT: undefined,
      IDBRIDGE_LOCAL_URL: url,
      // The token jobs use to call the local host's own SCIM directory (the hr-demo job does).
      IDBRIDGE_TARGET_TOKEN_LOCAL: (options.env ?? process.env).IDBRIDGE_TARGET_TOKEN_LOCAL ?? options.token,
    };
    const settings = parseAppSettings(env);
    const created = await createServices(settings, env);
    const services: Services = options.cycleLeaseInMs === undefined ? created : { ...created, cycleLeaseInMs: options.cycleLeaseInMs };

    if (options.jobsDir) {
      for (const job of loadJobFiles(options.jobsDir, env)) {
        await services.jobs.upsert(job);
        log(`job '${job.id}' loaded from ${options.jobsDir}`);
      }
    }

    server = await serveHttp(services, options.port, log);
    const receiver = services.queue;
    if (!(receiver instanceof StorageQueueWorkQueue)) throw new Error('the local host needs the storage-queue adapter');
    const reconcile = reconcileFunction.create(services);
    poller = startQueuePoller({
      receiver,
      handle: (message) => reconcile(message, new InvocationContext({ functionName: 'reconcile', logHandler: () => {} })),
      maxInFlight: options.maxInFlight ?? 8,
      lockInMs: options.lockInMs ?? 120_000,
      maxDeliveryCount: 10,
      log,
    });
    const schedules = options.timerSchedules ?? {};
    timers = startTimers(
      timerFunctions.map((definition) => ({ ...definition, schedule: schedules[definition.name] ?? definition.schedule })),
      services,
      log,
    );
    const running = { server, poller, timers, azurite };
    return { url, token: options.token, adminToken, services, workQueue: receiver, stop: () => stopAll(running) };
  } catch (error) {
    await stopAll({ server, poller, timers, azurite });
    throw error;
  }
}

async function stopAll(parts: { server: Server | undefined; poller: RunningPoller | undefined; timers: RunningTimers | undefined; azurite: Pick<RunningAzurite, 'stop'> }): Promise<void> {
  // Work in hand finishes first: a job may target this very host (the demo's built-in directory).
  await parts.timers?.stop();
  await parts.poller?.stop();
  if (parts.server) {
    const server = parts.server;
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await parts.azurite.stop();
}

function serveHttp(services: Services, port: number, log: (line: string) => void): Promise<Server> {
  const routes = httpFunctions.map((definition) => ({ definition, handler: servedHttpHandler(definition, services) }));
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
        const method = (req.method ?? 'GET').toUpperCase();
        let pathMatched = false;
        for (const route of routes) {
          const params = matchRoute(route.definition.route, url.pathname);
          if (!params) continue;
          pathMatched = true;
          if (!route.definition.methods.includes(method as (typeof route.definition.methods)[number])) continue;
          const request = await toFunctionsRequest(req, url, params);
          if (request === 'tooLarge') return await writeFunctionsResponse(res, scimErrorResponse(413, 'The request body is too large'));
          return await writeFunctionsResponse(res, await invokeHttpHandler(route.handler, request, route.definition.name, log));
        }
        await writeFunctionsResponse(res, pathMatched ? scimErrorResponse(405, `Method ${method} is not allowed here`) : scimErrorResponse(404, `No endpoint at ${url.pathname}`));
      } catch (error) {
        log(`request failed: ${error instanceof Error ? error.stack : String(error)}`);
        if (!res.headersSent) await writeFunctionsResponse(res, scimErrorResponse(500, 'An unexpected error occurred'));
        else res.end();
      }
    })();
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the local host is for one machine; Azure serves the same handlers to the network.
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
