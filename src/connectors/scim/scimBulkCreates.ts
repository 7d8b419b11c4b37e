import { OutcomeUnknownError, type IdbridgeError } from '../../domain/errors';
import { isJsonObject, type JsonObject } from '../../domain/identityObject';
import type { Slots } from '../../concurrency/slots';
import type { TargetObject } from '../targetConnector';
import { classifyScimResponse } from './classifyScimResponse';
import { parseScimJson } from './parseScimJson';
import { scimBadResponse } from './scimBadResponse';
import { SCIM_ERROR_CODES } from './scimErrorCodes';
import type { ScimEndpoint } from './scimEndpointFor';
import type { ScimHttpAnswer } from './scimTransport';

const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

/** What a job's `target.bulk` says (the target's ServiceProviderConfig `bulk`: maxOperations, maxPayloadSize). */
export interface ScimBulkLimits {
  maxOperations: number;
  maxPayloadBytes: number;
}

/** What ScimBulkCreates needs of its connector, outside the slots (the caller holds one). */
export interface ScimBulkSender {
  /** Sends `POST /Bulk` with this body and returns the answer, whatever its status. */
  postBulk(operation: string, body: string): Promise<ScimHttpAnswer>;
  /** One plain create, as the connector makes it: the created resource, or the classified failure. */
  createOne(endpoint: ScimEndpoint, body: string): Promise<TargetObject>;
}

interface PendingCreate {
  endpoint: ScimEndpoint;
  data: JsonObject;
  json: string;
  bulkId: string;
  resolve(created: TargetObject): void;
  reject(error: unknown): void;
}

/** One operation of a BulkResponse (RFC 7644 §3.7.3), as far as a create's outcome needs it. */
interface BulkOperationResult {
  status: number;
  location?: string;
  response?: JsonObject;
}

/**
 * Creates sent to a SCIM target through `POST /Bulk` (RFC 7644 §3.7), when the job says the target takes it
 * (`target.bulk`). Every create waits in a queue; whenever one of the target's request slots is free (the job's
 * maxConcurrency, shared with the connector's other requests), everything queued meanwhile goes as one
 * BulkRequest, up to `maxOperations` and `maxPayloadBytes`. So an idle target gets each create at once, as a plain
 * POST, and a busy one gets them in batches as large as the wait made them: one request per batch instead of
 * per object, which is what lets an initial cycle outrun a target's single-create rate.
 *
 * Each create keeps its own outcome, as a plain POST would give it: the operation's status and error body are
 * classified like a POST's answer (409 uniqueness, 400, 5xx...). `failOnErrors` is not sent, so one failure does
 * not stop the others (§3.7.3: the service provider goes on). An operation the response does not report, or a
 * batch whose answer never came, has an unknown outcome (OutcomeUnknownError): the engine re-matches before any
 * retry, as for a timed-out POST. A target that answers /Bulk with 404, 405 or 501 does not support it: from then
 * on this connector sends plain POSTs. 413 (the target's own limits are lower than the job says): the batch is
 * sent again as plain POSTs.
 */
export class ScimBulkCreates {
  readonly #pending: PendingCreate[] = [];
  #pumping = false;
  #unsupported = false;
  #nextBulkId = 0;

  constructor(
    private readonly limits: ScimBulkLimits,
    private readonly slots: Slots,
    private readonly sender: ScimBulkSender,
  ) {}

  /** Resolves with the created resource (its id at least), or rejects with the classified failure of this create. */
  create(endpoint: ScimEndpoint, data: JsonObject): Promise<TargetObject> {
    const json = JSON.stringify(data);
    return new Promise<TargetObject>((resolve, reject) => {
      this.#pending.push({ endpoint, data, json, bulkId: `c${++this.#nextBulkId}`, resolve, reject });
      void this.#pump();
    });
  }

  /** Sends queued creates whenever a slot is free; one pump at a time, started by the first create queued. */
  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#pending.length > 0) {
        await this.slots.acquire();
        // Creates asked for in the same turn of the event loop (a page's reconciles) go together.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const batch = this.#take();
        void this.#sendBatch(batch)
          // #sendBatch settles every create itself; this only keeps a defect in it from leaving callers waiting
          // forever or becoming an unhandled rejection (which ends a Node process). A settled promise ignores it.
          .catch((error: unknown) => {
            for (const create of batch) create.reject(error);
          })
          .finally(() => this.slots.release());
      }
    } finally {
      this.#pumping = false;
    }
  }

  /** The next batch from the queue: at least one create, then as many as the limits allow, in order. */
  #take(): PendingCreate[] {
    const batch: PendingCreate[] = [];
    let bytes = BULK_REQUEST.length + 64;
    while (this.#pending.length > 0 && batch.length < this.limits.maxOperations) {
      const next = this.#pending[0]!;
      const size = next.json.length + next.endpoint.length + 64;
      if (batch.length > 0 && bytes + size > this.limits.maxPayloadBytes) break;
      batch.push(next);
      this.#pending.shift();
      bytes += size;
    }
    return batch;
  }

  async #sendBatch(batch: readonly PendingCreate[]): Promise<void> {
    if (batch.length === 1 || this.#unsupported) {
      for (const create of batch) await this.#sendAlone(create);
      return;
    }
    const operation = `POST /Bulk (${batch.length} creates)`;
    let answer: ScimHttpAnswer;
    try {
      answer = await this.sender.postBulk(operation, bulkRequestBody(batch));
    } catch (error) {
      // No answer (a timeout, a lost connection): the target may have created any of them.
      for (const create of batch) create.reject(error);
      return;
    }
    if (answer.status === 404 || answer.status === 405 || answer.status === 501) this.#unsupported = true;
    if (this.#unsupported || answer.status === 413) {
      for (const create of batch) await this.#sendAlone(create);
      return;
    }
    const failed = classifyScimResponse({ method: 'POST', operation, ...answer }, Date.now());
    if (failed) {
      for (const create of batch) create.reject(failed);
      return;
    }
    let results: Map<string, BulkOperationResult>;
    try {
      results = readBulkResponse(answer.bodyText, operation);
    } catch (error) {
      for (const create of batch) create.reject(outcomeUnknown(`the answer to ${operation} could not be read`, error));
      return;
    }
    for (const create of batch) settle(create, results.get(create.bulkId));
  }

  async #sendAlone(create: PendingCreate): Promise<void> {
    try {
      create.resolve(await this.sender.createOne(create.endpoint, create.json));
    } catch (error) {
      create.reject(error);
    }
  }
}

function bulkRequestBody(batch: readonly PendingCreate[]): string {
  // Built as text: each create's data is already serialised (its size decided the batch), so it is not again.
  const operations = batch.map((create) => `{"method":"POST","path":${JSON.stringify(create.endpoint)},"bulkId":${JSON.stringify(create.bulkId)},"data":${create.json}}`);
  return `{"schemas":[${JSON.stringify(BULK_REQUEST)}],"Operations":[${operations.join(',')}]}`;
}

/** The BulkResponse's operations by bulkId; `status` is a string in RFC 7644's examples, a number in some servers. */
function readBulkResponse(bodyText: string, operation: string): Map<string, BulkOperationResult> {
  const body = parseScimJson(bodyText, operation);
  const operations = body.Operations;
  if (!Array.isArray(operations)) throw scimBadResponse(`the answer to ${operation} has no Operations array`);
  const results = new Map<string, BulkOperationResult>();
  for (const item of operations) {
    if (!isJsonObject(item) || typeof item.bulkId !== 'string') continue;
    const rawStatus = isJsonObject(item.status) ? item.status.code : item.status;
    const status = Number(rawStatus);
    if (!Number.isInteger(status)) continue;
    results.set(item.bulkId, {
      status,
      ...(typeof item.location === 'string' ? { location: item.location } : {}),
      ...(isJsonObject(item.response) ? { response: item.response } : {}),
    });
  }
  return results;
}

/** One create's outcome from its operation in the BulkResponse. */
function settle(create: PendingCreate, result: BulkOperationResult | undefined): void {
  const operation = `POST ${create.endpoint} (in /Bulk, bulkId ${create.bulkId})`;
  if (!result) {
    create.reject(outcomeUnknown(`the target's answer to /Bulk did not report ${operation}`));
    return;
  }
  if (result.status >= 200 && result.status <= 299) {
    // The resource if the target returned it, else what was sent plus the id its location names.
    const id = typeof result.response?.id === 'string' && result.response.id !== '' ? result.response.id : idFromLocation(result.location);
    if (id === undefined) create.reject(outcomeUnknown(`the target reported ${operation} done without an id or a location`));
    else create.resolve({ id, data: result.response ? { ...result.response, id } : { ...create.data, id } });
    return;
  }
  const failed = classifyScimResponse({ method: 'POST', operation, status: result.status, bodyText: result.response ? JSON.stringify(result.response) : '' }, Date.now());
  create.reject(failed ?? outcomeUnknown(`the target answered ${operation} with status ${result.status}`));
}

/** The last path segment of a resource's location (`https://app.example.com/scim/v2/Users/<id>`). */
function idFromLocation(location: string | undefined): string | undefined {
  if (location === undefined) return undefined;
  const segment = location.replace(/\/+$/, '').split('/').pop();
  if (!segment) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function outcomeUnknown(message: string, cause?: unknown): IdbridgeError {
  return new OutcomeUnknownError(`SCIM target: ${message}`, { code: SCIM_ERROR_CODES.outcomeUnknown, ...(cause === undefined ? {} : { cause }) });
}
