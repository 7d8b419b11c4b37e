import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { benchUsers } from './benchUsers';

/*
 * A small in-memory SCIM 2.0 server for the `cycle` benchmark, as source and as target. Why not scimmy: the
 * scimmy peer (test/support/scimmyPeer.ts) checks uniqueness and lists by walking every stored user, so a
 * create or a page costs O(n), and 100,000 users take hours. This server keeps indexes so each request is
 * O(1) (O(page) for a list), which makes it a fast target: the engine, not the target, is then what the
 * benchmark measures.
 *
 * What it implements (RFC 7644): POST, GET by id, list with startIndex/count (§3.4.2.4) in creation order and
 * the filters `userName eq`, `externalId eq`, `displayName eq`, `id eq` and `meta.lastModified gt|ge`
 * (§3.4.2.2), PATCH with add/replace/remove on plain attribute paths and group members (§3.5.2), DELETE, 409
 * uniqueness on userName (case-insensitive) and group displayName, and `POST /Bulk` of creates (§3.7; up to
 * 1,000 operations, each with its own status; other methods in a BulkRequest get 405). It answers 400
 * invalidFilter for any other filter. Run as a separate process (`node -r ./test/support/registerTypeScript.js bench/memoryScimServer.ts
 * <token> [seedUsers]`) so that it does not share an event loop with the engine under test; it prints
 * `ready <baseUrl>`. `GET /scim/v2/_stats` (same token) returns request counts by method and path kind;
 * `GET /scim/v2/_outcomes` the same counts split by response status (`"POST Users 201"`), so that a test can
 * tell the creates that succeeded from those refused as duplicates.
 *
 * An optional third argument, a latency in milliseconds, makes it answer every request of the engine that much
 * later, without spending CPU (a timer): a target with its own service time, as a SaaS API has, instead of one
 * that competes with the engine for this machine's two cores. Progress probes are answered at once.
 */

type Json = Record<string, unknown>;

interface Store {
  byId: Map<string, Json>;
  unique: Map<string, string>;
  externalIds: Map<string, string>;
  order: string[];
  removed: number;
}

const stores: Record<'Users' | 'Groups', Store> = { Users: newStore(), Groups: newStore() };
/** How long every request of the engine waits before it is handled (the third argument; 0 by default). */
let latencyMs = 0;
const stats: Record<string, number> = {};
/** Kept apart from `stats`, whose values the benchmark sums as the engine's requests. */
const outcomes: Record<string, number> = {};

function newStore(): Store {
  return { byId: new Map(), unique: new Map(), externalIds: new Map(), order: [], removed: 0 };
}

function uniqueKey(kind: 'Users' | 'Groups', data: Json): string | undefined {
  const value = kind === 'Users' ? data.userName : data.displayName;
  return typeof value === 'string' ? (kind === 'Users' ? value.toLowerCase() : value) : undefined;
}

function errorBody(status: number, detail: string, scimType?: string): Json {
  return { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), detail, ...(scimType ? { scimType } : {}) };
}

function scimError(res: ServerResponse, status: number, detail: string, scimType?: string): void {
  send(res, status, errorBody(status, detail, scimType));
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/scim+json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function put(kind: 'Users' | 'Groups', data: Json, baseUrl: string, existing?: Json): Json | 'conflict' {
  const store = stores[kind];
  const id = typeof existing?.id === 'string' ? existing.id : randomUUID();
  const key = uniqueKey(kind, data);
  const holder = key === undefined ? undefined : store.unique.get(key);
  if (holder !== undefined && holder !== id) return 'conflict';
  if (existing) {
    const oldKey = uniqueKey(kind, existing);
    if (oldKey !== undefined && oldKey !== key) store.unique.delete(oldKey);
    if (typeof existing.externalId === 'string') store.externalIds.delete(existing.externalId);
  } else store.order.push(id);
  const now = new Date().toISOString();
  const created = existing && typeof (existing.meta as Json | undefined)?.created === 'string' ? ((existing.meta as Json).created as string) : now;
  const resource: Json = { ...data, id, meta: { resourceType: kind === 'Users' ? 'User' : 'Group', created, lastModified: now, location: `${baseUrl}/${kind}/${id}`, version: `W/"${randomUUID()}"` } };
  store.byId.set(id, resource);
  if (key !== undefined) store.unique.set(key, id);
  if (typeof data.externalId === 'string') store.externalIds.set(data.externalId, id);
  return resource;
}

const FILTER = /^\s*(userName|externalId|displayName|id|meta\.lastModified)\s+(eq|gt|ge)\s+"((?:[^"\\]|\\.)*)"\s*$/i;

function list(kind: 'Users' | 'Groups', query: URLSearchParams, res: ServerResponse): void {
  const store = stores[kind];
  const startIndex = Math.max(1, Number(query.get('startIndex') ?? 1) || 1);
  const count = Math.min(1000, Math.max(0, Number(query.get('count') ?? 100) || 0));
  const filter = query.get('filter');
  let matches: Json[];
  if (filter) {
    const m = FILTER.exec(filter);
    if (!m) return scimError(res, 400, `Unsupported filter: ${filter}`, 'invalidFilter');
    const [, attribute = '', op = '', raw = ''] = m;
    const value = JSON.parse(`"${raw}"`) as string;
    const name = attribute.toLowerCase();
    if (name === 'meta.lastmodified') {
      const at = Date.parse(value);
      if (Number.isNaN(at)) return scimError(res, 400, `Not a dateTime: ${value}`, 'invalidValue');
      matches = orderOf(store).filter((r) => {
        const t = Date.parse(String((r.meta as Json).lastModified));
        return op.toLowerCase() === 'gt' ? t > at : t >= at;
      });
    } else if (op.toLowerCase() !== 'eq') return scimError(res, 400, `Unsupported operator ${op} on ${attribute}`, 'invalidFilter');
    else {
      const id = name === 'id' ? value : name === 'externalid' ? store.externalIds.get(value) : store.unique.get(name === 'username' ? value.toLowerCase() : value);
      const found = id === undefined ? undefined : store.byId.get(id);
      matches = found && (name !== 'displayname' || kind === 'Groups') ? [found] : [];
    }
    return send(res, 200, listResponse(matches.slice(startIndex - 1, startIndex - 1 + count), matches.length, startIndex));
  }
  // Unfiltered: the creation order from the page start. Without deletes that is a slice: walking the order from the
  // start for every page made a 100,000-user source cost 12 s of CPU (60 ms a page) on the engine's two cores.
  if (store.removed === 0) {
    const page = store.order.slice(startIndex - 1, startIndex - 1 + count).flatMap((id): Json[] => {
      const resource = store.byId.get(id);
      return resource ? [resource] : [];
    });
    return send(res, 200, listResponse(page, store.byId.size, startIndex));
  }
  // After deletes, walk it and skip the deleted ids.
  const page: Json[] = [];
  let seen = 0;
  for (const id of store.order) {
    const resource = store.byId.get(id);
    if (!resource) continue;
    seen++;
    if (seen < startIndex) continue;
    if (page.length >= count) break;
    page.push(resource);
  }
  send(res, 200, listResponse(page, store.byId.size, startIndex));
}

function orderOf(store: Store): Json[] {
  return store.order.map((id) => store.byId.get(id)).filter((r): r is Json => r !== undefined);
}

function listResponse(resources: Json[], totalResults: number, startIndex: number): Json {
  return { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}

const MEMBER_FILTER = /^members\[value eq "([^"]+)"\]$/i;

function applyPatch(resource: Json, operations: unknown): Json | string {
  if (!Array.isArray(operations)) return 'Operations must be an array';
  const next: Json = structuredClone(resource);
  for (const raw of operations as Json[]) {
    const op = String(raw.op ?? '').toLowerCase();
    const path = typeof raw.path === 'string' ? raw.path : undefined;
    const value = raw.value;
    const memberMatch = path ? MEMBER_FILTER.exec(path) : null;
    if (path === undefined) {
      if (op === 'remove' || typeof value !== 'object' || value === null) return 'a path-less operation needs an object value';
      Object.assign(next, value);
    } else if (path.toLowerCase() === 'members') {
      const members = Array.isArray(next.members) ? (next.members as Json[]) : [];
      const values = (Array.isArray(value) ? (value as Json[]) : []).map((m) => String(m.value));
      if (op === 'add') next.members = [...members, ...values.filter((v) => !members.some((m) => m.value === v)).map((v) => ({ value: v }))];
      else if (op === 'remove') next.members = values.length === 0 ? [] : members.filter((m) => !values.includes(String(m.value)));
      else next.members = values.map((v) => ({ value: v }));
    } else if (memberMatch && op === 'remove') {
      next.members = (Array.isArray(next.members) ? (next.members as Json[]) : []).filter((m) => m.value !== memberMatch[1]);
    } else {
      const parts = path.split('.');
      let holder: Json = next;
      for (const part of parts.slice(0, -1)) holder = (holder[part] = typeof holder[part] === 'object' && holder[part] !== null ? holder[part] : {}) as Json;
      const leaf = parts[parts.length - 1] ?? path;
      if (op === 'remove') delete holder[leaf];
      else holder[leaf] = value;
    }
  }
  return next;
}

async function readBody(req: IncomingMessage): Promise<Json | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Json) : undefined;
}

export function seedUsers(count: number, baseUrl: string): void {
  for (const user of benchUsers(count, 'src')) put('Users', user, baseUrl);
}

async function handle(req: IncomingMessage, res: ServerResponse, token: string, baseUrl: string): Promise<void> {
  if (req.headers.authorization !== `Bearer ${token}`) return scimError(res, 401, 'Authorization failed');
  const url = new URL(req.url ?? '/', baseUrl);
  const method = req.method ?? 'GET';
  if (url.pathname === '/scim/v2/_stats') return send(res, 200, stats);
  if (url.pathname === '/scim/v2/_outcomes') return send(res, 200, outcomes);
  if (url.pathname === '/scim/v2/Bulk') return bulk(req, res, method, baseUrl);
  const route = /^\/scim\/v2\/(Users|Groups)(?:\/([^/]+))?\/?$/.exec(url.pathname);
  const segment = route?.[1] === 'Users' || route?.[1] === 'Groups' ? route[1] : undefined;
  const resourceId = route?.[2] === undefined ? undefined : decodeURIComponent(route[2]);
  if (!segment) return scimError(res, 404, `No endpoint at ${url.pathname}`);
  const statKey = `${method} ${segment}${resourceId ? '/{id}' : ''}${url.searchParams.has('filter') ? '?filter' : ''}`;
  // The benchmark's own progress probes are not traffic of the engine under test.
  if (!url.searchParams.has('benchProbe')) {
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    stats[statKey] = (stats[statKey] ?? 0) + 1;
    // 'close', not 'finish': a create whose client was killed before the answer reached it still happened.
    res.once('close', () => {
      const outcomeKey = `${statKey} ${res.statusCode}`;
      outcomes[outcomeKey] = (outcomes[outcomeKey] ?? 0) + 1;
    });
  }
  const store = stores[segment];
  const existing = resourceId ? store.byId.get(resourceId) : undefined;
  if (resourceId && !existing && method !== 'POST') return scimError(res, 404, `Resource ${resourceId} not found`);
  if (method === 'GET') return resourceId ? send(res, 200, existing) : list(segment, url.searchParams, res);
  if (method === 'DELETE' && existing && resourceId) {
    store.byId.delete(resourceId);
    store.removed++;
    const key = uniqueKey(segment, existing);
    if (key !== undefined) store.unique.delete(key);
    if (typeof existing.externalId === 'string') store.externalIds.delete(existing.externalId);
    return send(res, 204);
  }
  const body = await readBody(req);
  if (!body) return scimError(res, 400, 'A JSON object body is required', 'invalidSyntax');
  if (method === 'POST' && !resourceId) {
    const { id: _ignored, meta: _meta, ...data } = body;
    const created = put(segment, data, baseUrl);
    if (created === 'conflict') return scimError(res, 409, `${segment === 'Users' ? 'userName' : 'displayName'} is already in use`, 'uniqueness');
    return send(res, 201, created, { Location: String((created.meta as Json).location) });
  }
  if ((method === 'PATCH' || method === 'PUT') && existing) {
    const next = method === 'PUT' ? { ...body, id: existing.id } : applyPatch(existing, body.Operations);
    if (typeof next === 'string') return scimError(res, 400, next, 'invalidSyntax');
    const { meta: _meta, ...data } = next;
    const written = put(segment, data, baseUrl, existing);
    if (written === 'conflict') return scimError(res, 409, 'uniqueness violated', 'uniqueness');
    return send(res, 200, written);
  }
  scimError(res, 405, `Method ${method} is not allowed here`);
}

/** Operations one BulkRequest may carry (what a ServiceProviderConfig would say as bulk.maxOperations). */
const MAX_BULK_OPERATIONS = 1000;

/** `POST /Bulk` of creates: one request (one latency), every operation answered with its own status. */
async function bulk(req: IncomingMessage, res: ServerResponse, method: string, baseUrl: string): Promise<void> {
  if (method !== 'POST') return scimError(res, 405, `Method ${method} is not allowed on /Bulk`);
  if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
  stats['POST Bulk'] = (stats['POST Bulk'] ?? 0) + 1;
  const body = await readBody(req);
  const operations = body?.Operations;
  if (!Array.isArray(operations)) return scimError(res, 400, 'A BulkRequest needs an Operations array', 'invalidSyntax');
  if (operations.length > MAX_BULK_OPERATIONS) return scimError(res, 413, `At most ${MAX_BULK_OPERATIONS} operations in one BulkRequest`);
  const results = operations.map((operation: unknown): Json => {
    const op = (typeof operation === 'object' && operation !== null ? operation : {}) as Json;
    const bulkId = typeof op.bulkId === 'string' ? op.bulkId : undefined;
    const segment = op.path === '/Users' ? 'Users' : op.path === '/Groups' ? 'Groups' : undefined;
    const data = typeof op.data === 'object' && op.data !== null ? (op.data as Json) : undefined;
    const outcome = (status: number, extra: Json): Json => {
      const key = `POST Bulk ${segment ?? '?'} ${status}`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      return { method: op.method, ...(bulkId ? { bulkId } : {}), status: String(status), ...extra };
    };
    if (op.method !== 'POST' || !segment) return outcome(405, { response: errorBody(405, 'This server takes only creates (POST /Users, POST /Groups) in /Bulk') });
    if (!data || !bulkId) return outcome(400, { response: errorBody(400, 'A create needs data and a bulkId', 'invalidSyntax') });
    const { id: _ignored, meta: _meta, ...fields } = data;
    const created = put(segment, fields, baseUrl);
    if (created === 'conflict') return outcome(409, { response: errorBody(409, `${segment === 'Users' ? 'userName' : 'displayName'} is already in use`, 'uniqueness') });
    const meta = created.meta as Json;
    return outcome(201, { location: String(meta.location), version: String(meta.version) });
  });
  send(res, 200, { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkResponse'], Operations: results });
}

async function main(): Promise<void> {
  const token = process.argv[2] ?? 'bench';
  const seed = Number(process.argv[3] ?? 0);
  latencyMs = Number(process.argv[4] ?? 0);
  const server = createServer((req, res) => {
    void handle(req, res, token, baseUrlOf()).catch((error: unknown) => scimError(res, 400, error instanceof Error ? error.message : String(error), 'invalidSyntax'));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrlOf = (): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
  seedUsers(seed, baseUrlOf());
  process.stdout.write(`ready ${baseUrlOf()}\n`);
}

if (require.main === module) void main();
