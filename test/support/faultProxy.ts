import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom, type SeededRandom } from '../../src/sampleData/seededRandom';

/**
 * What the proxy does to one request instead of forwarding it plainly:
 * - `status`: answers at once with this status (500, 503, 429…) and a SCIM error body, optionally with
 *   Retry-After; the target never sees the request.
 * - `hang`: takes the request and never answers (the client's timeout fires); with `forward` the target gets
 *   it and acts on it ("the target did it"), without it the target never hears of it ("the target did not").
 * - `drop`: closes the connection without an answer, after forwarding the request or without.
 */
export type Fault = { kind: 'status'; status: number; retryAfter?: string } | { kind: 'hang'; forward: boolean } | { kind: 'drop'; forward: boolean };

/** Which requests a fault applies to; absent fields match everything. `path` is tested against path and query below the base URL. */
export interface RequestFilter {
  method?: string;
  path?: RegExp;
}

export type ScriptedFault = Fault & { when?: RequestFilter };

export interface ChaosOptions {
  /** The same seed gives the same sequence of decisions (for the same order of requests). */
  seed: string;
  /** Probability in [0, 1] that a matching request gets a fault. */
  rate: number;
  /** Drawn uniformly for each faulted request. */
  faults: readonly Fault[];
  when?: RequestFilter;
}

export interface ProxiedRequest {
  method: string;
  /** Path and query below the target's base URL, e.g. `/Users?filter=...`. */
  path: string;
  /** The request body as sent (creates and updates), for tests that need to know whom a fault hit. */
  body: string;
  /** 'forwarded', or the fault the request met. */
  outcome: 'forwarded' | Fault['kind'];
  /** Whether the target received the request (forwarded, or a fault with `forward`). */
  reachedTarget: boolean;
  /** The status the client got: the target's, or the injected one; undefined when it got no answer. */
  status?: number;
  /** The status the target answered, when it received the request. */
  targetStatus?: number;
}

export interface FaultProxy {
  /** Use instead of the target's base URL: the proxy's origin with the target's base path. */
  readonly baseUrl: string;
  /** Every request, in arrival order. */
  readonly requests: readonly ProxiedRequest[];
  /** Faults for the next requests that match, each used once, in order. */
  script(...faults: ScriptedFault[]): void;
  /** Faults by probability, from a seeded sequence, until heal(). Replaces earlier chaos. */
  chaos(options: ChaosOptions): void;
  /** Forwards everything from now on: scripted faults not yet used and chaos are dropped. */
  heal(): void;
  /** Requests that match the filter (and the outcome, when given). */
  count(filter?: RequestFilter & { outcome?: ProxiedRequest['outcome'] }): number;
  /** Faults injected so far. */
  readonly faultsInjected: number;
  /** Scripted faults not used yet. */
  readonly pendingScripted: number;
  stop(): Promise<void>;
}

/**
 * A fault-injecting HTTP proxy for tests (issue 5): in front of any HTTP target (a SCIM peer such as scimmy)
 * it forwards requests unchanged, or, per request and by script or seeded probability, answers with an error,
 * never answers, or drops the connection, before or after the target acted. It counts what it saw, so tests can
 * prove both what the client did (no create repeated blindly) and what the target ended with.
 */
export async function startFaultProxy(options: { target: string }): Promise<FaultProxy> {
  const target = new URL(options.target);
  const basePath = target.pathname.replace(/\/+$/, '');
  const upstream = new Agent({ keepAlive: true });
  const requests: ProxiedRequest[] = [];
  let scripted: ScriptedFault[] = [];
  let chaos: { options: ChaosOptions; random: SeededRandom } | undefined;
  let faultsInjected = 0;
  /** Answers held back by `hang`, closed on stop. */
  const hanging = new Set<ServerResponse>();

  const decide = (method: string, path: string): Fault | undefined => {
    const index = scripted.findIndex((fault) => matches(fault.when, method, path));
    if (index >= 0) {
      const [fault] = scripted.splice(index, 1);
      return fault;
    }
    if (chaos && matches(chaos.options.when, method, path) && chaos.random.chance(chaos.options.rate)) return chaos.random.pick(chaos.options.faults);
    return undefined;
  };

  const forward = (req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
      const out = httpRequest({ protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: upstream }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('error', reject);
        answer.on('end', () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }));
      });
      out.on('error', reject);
      out.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').startsWith(basePath) ? (req.url ?? '/').slice(basePath.length) : (req.url ?? '/');
    const fault = decide(method, path);
    const record: ProxiedRequest = { method, path, body: body.toString('utf8'), outcome: fault?.kind ?? 'forwarded', reachedTarget: false };
    requests.push(record);
    if (fault) faultsInjected++;

    if (fault?.kind === 'status') {
      record.status = fault.status;
      const headers: Record<string, string> = { 'Content-Type': 'application/scim+json' };
      if (fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
      res.writeHead(fault.status, headers);
      res.end(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(fault.status), detail: `fault injected by the test proxy (${fault.status})` }));
      return;
    }
    const forwarded = !fault || fault.forward ? await forward(req, body) : undefined;
    if (forwarded) {
      record.reachedTarget = true;
      record.targetStatus = forwarded.status;
    }
    if (fault?.kind === 'hang') {
      // Never answered: the client gives up (its timeout) and closes the connection, or stop() does.
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (fault?.kind === 'drop' || !forwarded) {
      req.socket.destroy();
      return;
    }
    record.status = forwarded.status;
    const headers = { ...forwarded.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    res.writeHead(forwarded.status, { ...headers, 'content-length': String(forwarded.body.length) });
    res.end(forwarded.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // The target itself failed (refused, reset): the client sees a dropped connection, as it would without us.
      req.socket.destroy();
    });
  });
  await listen(server);
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}${basePath}`,
    requests,
    script: (...faults) => void scripted.push(...faults),
    chaos: (chaosOptions) => {
      chaos = { options: chaosOptions, random: seededRandom(chaosOptions.seed) };
    },
    heal: () => {
      scripted = [];
      chaos = undefined;
    },
    count: (filter = {}) => requests.filter((r) => matches(filter, r.method, r.path) && (filter.outcome === undefined || r.outcome === filter.outcome)).length,
    get faultsInjected() {
      return faultsInjected;
    },
    get pendingScripted() {
      return scripted.length;
    },
    stop: async () => {
      for (const res of hanging) res.destroy();
      upstream.destroy();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

function matches(filter: RequestFilter | undefined, method: string, path: string): boolean {
  if (!filter) return true;
  if (filter.method !== undefined && filter.method.toUpperCase() !== method.toUpperCase()) return false;
  return filter.path === undefined || filter.path.test(path);
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
