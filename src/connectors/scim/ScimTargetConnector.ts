import type { JsonObject } from '../../domain/identityObject';
import { SCIM_CONTENT_TYPE } from '../../scim/scimSchemas';
import type { AttributeChange, ListsObjects, ManagesMembers, TargetConnector, TargetObject, TargetObjectPage } from '../targetConnector';
import { classifyScimResponse } from './classifyScimResponse';
import { classifyScimTransportError } from './classifyScimTransportError';
import { readScimListResponse } from './readScimListResponse';
import { readScimResource } from './readScimResource';
import { scimEndpointFor, type ScimEndpoint } from './scimEndpointFor';
import { scimEqualityFilter } from './scimEqualityFilter';
import { scimListPageRequest, scimListPageResult } from './scimListPage';
import type { ScimHttpMethod } from './scimHttpMethod';
import { scimPatchOp } from './scimPatchOp';
import { scimMemberPatchOp } from './scimMemberPatchOp';
import { readScimMemberIds } from './readScimMemberIds';
import { withScimSchemas } from './withScimSchemas';
import { createNodeHttpTransport } from './nodeHttpTransport';
import type { ScimHttpAnswer, ScimTransport } from './scimTransport';
import { ScimBulkCreates, type ScimBulkLimits } from './scimBulkCreates';
import { Slots } from '../../concurrency/slots';

export interface ScimTargetConnectorOptions {
  /** The SCIM base URL (Entra's "Tenant URL"), e.g. https://app.example.com/scim/v2. */
  baseUrl: string;
  /** The bearer token (Entra's "Secret Token"). Never logged, never put into an error. */
  token: string;
  /** Per request, including reading the body. */
  timeoutInMs: number;
  displayName?: string;
  /** Send through this transport (tests, proxies); the default is node:http(s) with keep-alive. */
  transport?: ScimTransport;
  /**
   * Creates through `POST /Bulk` (ScimBulkCreates), for a target whose ServiceProviderConfig says it takes them.
   * Then every request of this connector waits for one of `maxConcurrency` slots: the engine reconciles more
   * objects at once than that (reconcileConcurrency), so that creates queue into batches.
   */
  bulk?: ScimBulkLimits;
  /** Requests in flight at once, when `bulk` is set (the job's target.maxConcurrency). */
  maxConcurrency?: number;
}

/** One keep-alive pool for every connector of the process. */
let sharedTransport: ScimTransport | undefined;

/** Guards against a target whose paging never ends (totalResults that keeps growing, say). */
const MAX_LIST_PAGES = 100;

/**
 * A generic SCIM 2.0 client (RFC 7644) that behaves like Entra's outbound SCIM client: match with
 * `filter=<attr> eq "<value>"`, create with POST, update with one PATCH of path-ed operations, read by id;
 * and, for an initial cycle's target index, list every object page by page (startIndex/count).
 * Every failure is an IdbridgeError classified by what the engine does next (see classifyScimResponse
 * and classifyScimTransportError).
 */
export class ScimTargetConnector implements TargetConnector, ManagesMembers, ListsObjects {
  readonly displayName: string;
  readonly #baseUrl: string;
  readonly #token: string;
  readonly #timeoutInMs: number;
  readonly #transport: ScimTransport;
  readonly #slots: Slots | undefined;
  readonly #bulk: ScimBulkCreates | undefined;

  constructor(options: ScimTargetConnectorOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#token = options.token;
    this.#timeoutInMs = options.timeoutInMs;
    this.#transport = options.transport ?? (sharedTransport ??= createNodeHttpTransport());
    this.displayName = options.displayName ?? `SCIM (${new URL(this.#baseUrl).host})`;
    if (options.bulk) {
      this.#slots = new Slots(options.maxConcurrency ?? 8);
      this.#bulk = new ScimBulkCreates(options.bulk, this.#slots, {
        postBulk: (operation, body) => this.#sendText('POST', '/Bulk', operation, body),
        createOne: (endpoint, body) => this.#created(endpoint, this.#sendText('POST', endpoint, `POST ${endpoint}`, body)),
      });
    }
  }

  async getById(objectType: string, id: string): Promise<TargetObject | undefined> {
    const endpoint = scimEndpointFor(objectType);
    const path = `${endpoint}/${encodeURIComponent(id)}${endpoint === '/Groups' ? '?excludedAttributes=members' : ''}`;
    const operation = `GET ${endpoint}/${id}`;
    const answer = await this.#send('GET', path, operation);
    if (answer.status === 404) return undefined;
    this.#throwUnlessSuccess('GET', operation, answer);
    return readScimResource(answer.bodyText, operation);
  }

  async findByAttribute(objectType: string, attributePath: string, value: string): Promise<TargetObject[]> {
    const endpoint = scimEndpointFor(objectType);
    const filter = scimEqualityFilter(attributePath, value);
    // Entra relies on excludedAttributes=members for groups: member lists can be huge and are not matched on.
    const query = `filter=${encodeURIComponent(filter)}${endpoint === '/Groups' ? '&excludedAttributes=members' : ''}`;
    const operation = `GET ${endpoint}?filter=${filter}`;
    const found = new Map<string, TargetObject>();
    let startIndex = 1;
    for (let page = 0; page < MAX_LIST_PAGES; page++) {
      const answer = await this.#send('GET', `${endpoint}?${query}${startIndex > 1 ? `&startIndex=${startIndex}` : ''}`, operation);
      this.#throwUnlessSuccess('GET', operation, answer);
      const list = readScimListResponse(answer.bodyText, operation);
      const before = found.size;
      for (const resource of list.resources) found.set(resource.id, resource);
      // Stop when complete, on an empty page, or when a target that ignores startIndex repeats a page.
      if (found.size >= list.totalResults || list.resources.length === 0 || found.size === before) break;
      startIndex = list.startIndex + list.resources.length;
    }
    return [...found.values()];
  }

  /** One page of every object of the type, for an initial cycle's target index (src/engine/targetIndex). */
  async listPage(objectType: string, cursor: string | undefined, count: number): Promise<TargetObjectPage> {
    const request = scimListPageRequest(scimEndpointFor(objectType), cursor, count);
    const answer = await this.#send('GET', request.pathAndQuery, request.operation);
    this.#throwUnlessSuccess('GET', request.operation, answer);
    return scimListPageResult(readScimListResponse(answer.bodyText, request.operation), request.startIndex);
  }

  async create(objectType: string, data: JsonObject): Promise<TargetObject> {
    const endpoint = scimEndpointFor(objectType);
    if (this.#bulk) return this.#bulk.create(endpoint, withScimSchemas(endpoint, data));
    return this.#created(endpoint, this.#send('POST', endpoint, `POST ${endpoint}`, withScimSchemas(endpoint, data)));
  }

  /** The resource a create's answer returns, or its classified failure (plain creates, and /Bulk's fallback). */
  async #created(endpoint: ScimEndpoint, answering: Promise<ScimHttpAnswer>): Promise<TargetObject> {
    const operation = `POST ${endpoint}`;
    const answer = await answering;
    this.#throwUnlessSuccess('POST', operation, answer);
    return readScimResource(answer.bodyText, operation);
  }

  async update(objectType: string, id: string, changes: readonly AttributeChange[]): Promise<void> {
    const endpoint = scimEndpointFor(objectType);
    if (changes.length === 0) return;
    const operation = `PATCH ${endpoint}/${id}`;
    // The body is not read: RFC 7644 allows 200 with the resource or 204, and Entra ignores it too.
    const answer = await this.#send('PATCH', `${endpoint}/${encodeURIComponent(id)}`, operation, scimPatchOp(changes));
    this.#throwUnlessSuccess('PATCH', operation, answer);
  }

  /** GET /Groups/{id} without excludedAttributes: the one read that returns the members (RFC 7643 §4.2). */
  async getMemberIds(objectType: string, id: string): Promise<string[] | undefined> {
    const endpoint = scimEndpointFor(objectType);
    const operation = `GET ${endpoint}/${id} (members)`;
    const answer = await this.#send('GET', `${endpoint}/${encodeURIComponent(id)}`, operation);
    if (answer.status === 404) return undefined;
    this.#throwUnlessSuccess('GET', operation, answer);
    return readScimMemberIds(answer.bodyText, operation);
  }

  async addMembers(objectType: string, id: string, memberIds: readonly string[]): Promise<void> {
    await this.#patchMembers(objectType, id, 'add', memberIds);
  }

  async removeMembers(objectType: string, id: string, memberIds: readonly string[]): Promise<void> {
    await this.#patchMembers(objectType, id, 'remove', memberIds);
  }

  async #patchMembers(objectType: string, id: string, op: 'add' | 'remove', memberIds: readonly string[]): Promise<void> {
    if (memberIds.length === 0) return;
    const endpoint = scimEndpointFor(objectType);
    const operation = `PATCH ${endpoint}/${id} (${op} ${memberIds.length} member(s))`;
    const answer = await this.#send('PATCH', `${endpoint}/${encodeURIComponent(id)}`, operation, scimMemberPatchOp(op, memberIds));
    this.#throwUnlessSuccess('PATCH', operation, answer);
  }

  async delete(objectType: string, id: string): Promise<void> {
    const endpoint = scimEndpointFor(objectType);
    const operation = `DELETE ${endpoint}/${id}`;
    const answer = await this.#send('DELETE', `${endpoint}/${encodeURIComponent(id)}`, operation);
    // Already gone is what was asked for (a retry after a lost answer lands here too).
    if (answer.status === 404) return;
    this.#throwUnlessSuccess('DELETE', operation, answer);
  }

  #throwUnlessSuccess(method: ScimHttpMethod, operation: string, answer: ScimHttpAnswer): void {
    const error = classifyScimResponse({ method, operation, ...answer }, Date.now());
    if (error) throw error;
  }

  #send(method: ScimHttpMethod, pathAndQuery: string, operation: string, body?: JsonObject): Promise<ScimHttpAnswer> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const slots = this.#slots;
    return slots ? slots.run(() => this.#sendText(method, pathAndQuery, operation, text)) : this.#sendText(method, pathAndQuery, operation, text);
  }

  /** One request, outside the slots (ScimBulkCreates holds one for its batches). */
  async #sendText(method: ScimHttpMethod, pathAndQuery: string, operation: string, body: string | undefined): Promise<ScimHttpAnswer> {
    try {
      const answer = await this.#transport({
        method,
        url: `${this.#baseUrl}${pathAndQuery}`,
        headers: {
          Authorization: `Bearer ${this.#token}`,
          Accept: SCIM_CONTENT_TYPE,
          ...(body === undefined ? {} : { 'Content-Type': SCIM_CONTENT_TYPE }),
        },
        ...(body === undefined ? {} : { body }),
        timeoutInMs: this.#timeoutInMs,
      });
      return { ...answer, bodyText: this.#redact(answer.bodyText) };
    } catch (thrown) {
      throw classifyScimTransportError(method, operation, thrown);
    }
  }

  /** Some targets echo the request (headers included) in error bodies; the token must not reach a log. */
  #redact(text: string): string {
    return this.#token.length >= 8 && text.includes(this.#token) ? text.split(this.#token).join('[redacted]') : text;
  }
}
