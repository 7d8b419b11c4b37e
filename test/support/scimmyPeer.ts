import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';
import { isJsonObject, type JsonObject } from '../../src/domain/identityObject';

export interface ScimmyPeer {
  /** The SCIM base URL, e.g. http://127.0.0.1:43127/scim/v2. */
  baseUrl: string;
  token: string;
  /** Copies of the stored users, as the peer holds them. */
  users(): JsonObject[];
  /** Copies of the stored groups (with members), as the peer holds them. */
  groups(): JsonObject[];
  /**
   * Stores resources as given, without going through the SCIM API, so that tests can set what a client cannot:
   * `id` and `meta.lastModified` (a missing id is generated; a missing meta is stamped now). Returns the ids.
   */
  seed(resourceType: 'User' | 'Group', resources: readonly JsonObject[]): string[];
  stop(): Promise<void>;
}

/** The list endpoints the filter options below apply to. */
export type ScimmyPeerEndpoint = 'Users' | 'Groups';

export interface ScimmyPeerOptions {
  token?: string;
  /**
   * What the ServiceProviderConfig says of filtering (RFC 7643 §5 `filter.supported`); scimmy-routers makes it
   * true. scimmy keeps its config in a module-level singleton (one per jest test file), so this applies to every
   * peer of the test file until the next peer starts (which, without the option, sets it back to true).
   */
  advertiseFilter?: boolean;
  /** These endpoints answer a filter on meta.lastModified with 400 invalidFilter, as servers that cannot compare dates do (RFC 7644 §3.4.2.2). */
  rejectLastModifiedFilter?: readonly ScimmyPeerEndpoint[];
  /** These endpoints drop a filter on meta.lastModified and list everything, as servers that ignore what they cannot evaluate do. */
  ignoreLastModifiedFilter?: readonly ScimmyPeerEndpoint[];
}

/*
 * An independent SCIM 2.0 service for tests: scimmy (the protocol: schemas, filters, PatchOp, ListResponse
 * paging) behind scimmy-routers (the HTTP endpoints) on express, with users in a Map. It lets tests show
 * that idbridge's SCIM client talks to an implementation idbridge did not write.
 *
 * scimmy keeps its declarations in a module-level singleton, so the User handlers are declared once per
 * module registry (jest gives each test file its own) and find their peer's storage through the context
 * that each peer's router passes in. Several peers can therefore run side by side.
 *
 * Known behaviour of the peer (scimmy 1.3), not of idbridge:
 * - filter `eq` compares strings case-sensitively (userName is caseExact=false in RFC 7643);
 * - a filter string containing an escaped double quote (`"O\"Brien"`) is rejected with 400 invalidFilter,
 *   because scimmy's lexer ends the literal at the first quote;
 * - filters on extension attributes by full URN path do not match (the stored data nests them by URN);
 * - startIndex/count are lost under express 5 unless parsed as numbers (see parseQueryWithNumbers).
 */

/** What scimmy's User handlers return: the resource without the attributes scimmy fills in itself. */
type ScimmyUserData = Omit<SCIMMY.Schemas.User, SCIMMY.Types.Resource.ShadowAttributes>;
type ScimmyGroupData = Omit<SCIMMY.Schemas.Group, SCIMMY.Types.Resource.ShadowAttributes>;

class UserStorage {
  readonly byId = new Map<string, JsonObject>();
  readonly groupsById = new Map<string, JsonObject>();
}

let declared = false;

function declareUserHandlers(): void {
  if (declared) return;
  declared = true;
  SCIMMY.Resources.declare(SCIMMY.Resources.User, {
    extensions: [{ schema: SCIMMY.Schemas.EnterpriseUser, required: false }],
  });
  SCIMMY.Resources.User.ingress((resource, instance, ctx: unknown) => {
    const storage = storageOf(ctx);
    const data = toJson(instance);
    delete data.id;
    delete data.meta;
    const existing = resource.id === undefined ? undefined : storage.byId.get(resource.id);
    if (resource.id !== undefined && existing === undefined) throw new SCIMMY.Types.Error(404, '', `Resource ${resource.id} not found`);
    const id = resource.id ?? randomUUID();
    // Real apps enforce unique, case-insensitive user names; RFC 7644 §3.3 says to answer 409 uniqueness.
    const userName = typeof data.userName === 'string' ? data.userName.toLowerCase() : undefined;
    for (const other of storage.byId.values()) {
      if (other.id !== id && typeof other.userName === 'string' && other.userName.toLowerCase() === userName) {
        throw new SCIMMY.Types.Error(409, 'uniqueness', `userName ${String(data.userName)} is already in use`);
      }
    }
    const now = new Date().toISOString();
    const createdAt = existing !== undefined && isJsonObject(existing.meta) ? existing.meta.created : now;
    const stored: JsonObject = { ...data, id, meta: { resourceType: 'User', created: createdAt ?? now, lastModified: now } };
    storage.byId.set(id, stored);
    return asScimmyUser(stored);
  });
  SCIMMY.Resources.User.egress((resource, ctx: unknown) => {
    const storage = storageOf(ctx);
    if (resource.id !== undefined) {
      const user = storage.byId.get(resource.id);
      if (user === undefined) throw new SCIMMY.Types.Error(404, '', `Resource ${resource.id} not found`);
      return asScimmyUser(user);
    }
    // All matches are returned; scimmy's ListResponse applies startIndex and count.
    const all = [...storage.byId.values()].map(asScimmyUser);
    return resource.filter ? (resource.filter.match(all) as ScimmyUserData[]) : all;
  });
  SCIMMY.Resources.User.degress((resource, ctx: unknown) => {
    const storage = storageOf(ctx);
    if (resource.id === undefined || !storage.byId.delete(resource.id)) {
      throw new SCIMMY.Types.Error(404, '', `Resource ${String(resource.id)} not found`);
    }
  });
  declareGroupHandlers();
}

/**
 * Groups with members (RFC 7643 §4.2), stored like users. scimmy applies PATCH itself (read through egress,
 * apply the PatchOp, write through ingress), including `members[value eq "id"]` removals; displayName is
 * unique, as Entra requires of group targets (reference/inbound-and-scim.md §2.1).
 */
function declareGroupHandlers(): void {
  SCIMMY.Resources.declare(SCIMMY.Resources.Group);
  SCIMMY.Resources.Group.ingress((resource, instance, ctx: unknown) => {
    const storage = storageOf(ctx);
    const data = toJson(instance);
    delete data.id;
    delete data.meta;
    const existing = resource.id === undefined ? undefined : storage.groupsById.get(resource.id);
    if (resource.id !== undefined && existing === undefined) throw new SCIMMY.Types.Error(404, '', `Resource ${resource.id} not found`);
    const id = resource.id ?? randomUUID();
    for (const other of storage.groupsById.values()) {
      if (other.id !== id && other.displayName === data.displayName) throw new SCIMMY.Types.Error(409, 'uniqueness', `displayName ${String(data.displayName)} is already in use`);
    }
    const now = new Date().toISOString();
    const createdAt = existing !== undefined && isJsonObject(existing.meta) ? existing.meta.created : now;
    const stored: JsonObject = { ...data, id, meta: { resourceType: 'Group', created: createdAt ?? now, lastModified: now } };
    storage.groupsById.set(id, stored);
    return asScimmyGroup(stored);
  });
  SCIMMY.Resources.Group.egress((resource, ctx: unknown) => {
    const storage = storageOf(ctx);
    if (resource.id !== undefined) {
      const group = storage.groupsById.get(resource.id);
      if (group === undefined) throw new SCIMMY.Types.Error(404, '', `Resource ${resource.id} not found`);
      return asScimmyGroup(group);
    }
    const all = [...storage.groupsById.values()].map(asScimmyGroup);
    return resource.filter ? (resource.filter.match(all) as ScimmyGroupData[]) : all;
  });
  SCIMMY.Resources.Group.degress((resource, ctx: unknown) => {
    const storage = storageOf(ctx);
    if (resource.id === undefined || !storage.groupsById.delete(resource.id)) {
      throw new SCIMMY.Types.Error(404, '', `Resource ${String(resource.id)} not found`);
    }
  });
}

/** As asScimmyUser: scimmy's Schemas.Group checks the stored group on the way out. */
function asScimmyGroup(group: JsonObject): ScimmyGroupData {
  return cloneJson(group) as unknown as ScimmyGroupData;
}

function storageOf(ctx: unknown): UserStorage {
  if (ctx instanceof UserStorage) return ctx;
  throw new SCIMMY.Types.Error(500, '', 'scimmy peer: handler called without its storage');
}

/**
 * Stored users were built by scimmy from a valid User (ingress) and are checked again by scimmy's
 * Schemas.User on the way out, so the cast at this boundary only restates what scimmy enforces.
 */
function asScimmyUser(user: JsonObject): ScimmyUserData {
  return cloneJson(user) as unknown as ScimmyUserData;
}

/**
 * Not structuredClone: under jest that global comes from the outer realm, its objects fail scimmy's
 * `instanceof Object` checks, and scimmy then answers 500 "invalid value returned by ingress handler".
 */
function cloneJson(value: JsonObject): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}

/** scimmy hands handlers schema instances; storage keeps plain JSON. */
function toJson(instance: unknown): JsonObject {
  const json: unknown = JSON.parse(JSON.stringify(instance));
  if (!isJsonObject(json)) throw new SCIMMY.Types.Error(400, 'invalidSyntax', 'expected a resource object');
  return json;
}

export async function startScimmyPeer(options: ScimmyPeerOptions = {}): Promise<ScimmyPeer> {
  declareUserHandlers();
  const token = options.token ?? `peer-${randomUUID()}`;
  const storage = new UserStorage();
  const app = express();
  app.set('query parser', parseQueryWithNumbers);
  app.use('/scim/v2', lastModifiedFilterQuirks(options));
  app.use(
    '/scim/v2',
    new SCIMMYRouters({
      type: 'bearer',
      handler: (request) => {
        if (request.header('Authorization') !== `Bearer ${token}`) throw new Error('Bearer token missing or invalid');
        return 'scimmy-peer';
      },
      context: () => storage,
    }),
  );
  // After the routers, which set their own config when built.
  if (options.advertiseFilter !== undefined) SCIMMY.Config.set('filter', { supported: options.advertiseFilter, maxResults: 200 });
  const server = createServer(app);
  await listen(server);
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/scim/v2`,
    token,
    users: () => [...storage.byId.values()].map(cloneJson),
    groups: () => [...storage.groupsById.values()].map(cloneJson),
    seed: (resourceType, resources) => {
      const into = resourceType === 'User' ? storage.byId : storage.groupsById;
      return resources.map((resource) => {
        const id = typeof resource.id === 'string' ? resource.id : randomUUID();
        const now = new Date().toISOString();
        into.set(id, cloneJson({ ...resource, id, meta: isJsonObject(resource.meta) ? resource.meta : { resourceType, created: now, lastModified: now } }));
        return id;
      });
    },
    stop: () => close(server),
  };
}

/** The rejectLastModifiedFilter / ignoreLastModifiedFilter options, applied before scimmy sees the request. */
function lastModifiedFilterQuirks(options: ScimmyPeerOptions): express.RequestHandler {
  return (request, response, next) => {
    const endpoint = /^\/(Users|Groups)\/?$/.exec(request.path)?.[1] as ScimmyPeerEndpoint | undefined;
    const url = new URL(request.url, 'http://peer');
    const filter = url.searchParams.get('filter');
    if (endpoint === undefined || filter === null || !filter.includes('meta.lastModified')) return next();
    if (options.rejectLastModifiedFilter?.includes(endpoint)) {
      response.status(400).type('application/scim+json').send(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidFilter', detail: 'meta.lastModified cannot be filtered' }));
      return;
    }
    if (options.ignoreLastModifiedFilter?.includes(endpoint)) {
      url.searchParams.delete('filter');
      // express 5 parses req.query from req.url on every read, so rewriting the URL drops the filter.
      request.url = `${url.pathname}${url.search}`;
    }
    next();
  };
}

/**
 * scimmy-routers (written for express 4) turns startIndex and count into numbers by assigning to
 * req.query; in express 5 req.query is a getter that parses again on every read, so the assignment is
 * lost, scimmy ignores the string values and every page is page 1. Parsing them as numbers up front
 * restores paging without touching scimmy.
 */
function parseQueryWithNumbers(query: string): Record<string, string | number> {
  const parsed: Record<string, string | number> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    parsed[key] = (key === 'startIndex' || key === 'count') && /^\d+$/.test(value) ? Number(value) : value;
  }
  return parsed;
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

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // fetch keeps connections alive; without this close() would wait for them to idle out.
    server.closeAllConnections();
  });
}
