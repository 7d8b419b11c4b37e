import { createNodeHttpTransport } from '../../connectors/scim/nodeHttpTransport';
import { readScimListResponse } from '../../connectors/scim/readScimListResponse';
import { readScimResource } from '../../connectors/scim/readScimResource';
import { SCIM_ERROR_CODES } from '../../connectors/scim/scimErrorCodes';
import { scimEndpointFor } from '../../connectors/scim/scimEndpointFor';
import type { ScimTransport } from '../../connectors/scim/scimTransport';
import { PermanentError } from '../../domain/errors';
import { beginSourceRead, emptySourceRead, restartAsFullRead } from '../beginSourceRead';
import { finishSourcePage } from '../finishSourcePage';
import type { SourceConnector, SourceObject, SourcePage, SourceReadMode } from '../sourceConnector';
import { toSourceObjectType, type SourceObjectType } from '../sourceObjectType';
import { decodeSourceReadCursor, type SourceReadCursor } from '../sourceReadCursor';
import { asSourceError } from './asSourceError';
import { isUnsupportedFilterAnswer } from './isUnsupportedFilterAnswer';
import { ScimSourceClient } from './ScimSourceClient';
import { sourceDeclinesFiltering } from './sourceDeclinesFiltering';
import { toScimSourceObject } from './toScimSourceObject';

export interface ScimSourceConnectorOptions {
  /** The SCIM base URL, e.g. https://hr.example.com/scim/v2. */
  baseUrl: string;
  /** The bearer token (from the app setting source.tokenSetting names). Never logged, never put into an error. */
  token: string;
  /** Per request, including reading the body. */
  timeoutInMs: number;
  /** SCIM `count` per list request; the source may return fewer. */
  pageSize: number;
  /** What to read, in this order: the types the job's enabled object mappings name (sourceObjectTypesOf). */
  objectTypes: readonly SourceObjectType[];
  displayName?: string;
  /** Send through this transport (tests, proxies); the default is node:http(s) with keep-alive. */
  transport?: ScimTransport;
  /** The clock the watermark is taken from. */
  now?: () => Date;
}

/** One keep-alive pool for every SCIM source of the process. */
let sharedTransport: ScimTransport | undefined;

type ListOutcome = { kind: 'page'; page: SourcePage } | { kind: 'cannotFilter' };

/**
 * A generic SCIM 2.0 app as a pull source (RFC 7644 §3.4.2): `GET /Users` and `GET /Groups` page by page with
 * startIndex/count (§3.4.2.4), and, for incremental cycles, only what changed since the watermark with
 * `filter=meta.lastModified gt "<instant>"` (§3.4.2.2; meta.lastModified is RFC 7643 §3.1). A source that
 * says it cannot filter (ServiceProviderConfig), refuses the filter (400 invalidFilter) or ignores it is read in
 * full instead, with `fullRead: true`: the cycle then finds changes by content hash and deletions by absence.
 * SCIM has no change feed of deletions, so incremental reads report none; they surface in full reads (initial
 * cycles, restarts, and sources that cannot filter).
 *
 * Failures are the SCIM client's classifications (src/connectors/scim): 401/403 are
 * SCIM_ERROR_CODES.unauthorized and a source that cannot be reached is .unreachable, which quarantine acts on;
 * 429/503 are ThrottledError with the Retry-After wait; 5xx and timeouts are transient (retry the page).
 */
export class ScimSourceConnector implements SourceConnector {
  readonly displayName: string;
  readonly #client: ScimSourceClient;
  readonly #pageSize: number;
  readonly #objectTypes: readonly SourceObjectType[];
  readonly #now: () => Date;

  constructor(options: ScimSourceConnectorOptions) {
    const transport = options.transport ?? (sharedTransport ??= createNodeHttpTransport());
    this.#client = new ScimSourceClient({ baseUrl: options.baseUrl, token: options.token, timeoutInMs: options.timeoutInMs, transport });
    this.#pageSize = options.pageSize;
    this.#objectTypes = [...options.objectTypes];
    this.#now = options.now ?? (() => new Date());
    this.displayName = options.displayName ?? `SCIM source (${new URL(options.baseUrl).host})`;
  }

  async readPage(request: { mode: SourceReadMode; watermark?: string; cursor?: string }): Promise<SourcePage> {
    try {
      let cursor = request.cursor === undefined ? await this.#begin(request.mode, request.watermark) : decodeSourceReadCursor(request.cursor);
      if (cursor === undefined) return emptySourceRead(this.#now());
      for (;;) {
        const outcome = await this.#readList(cursor);
        if (outcome.kind === 'page') return outcome.page;
        // Reads that do not filter never come back here, so this turns at most once.
        cursor = restartAsFullRead(cursor, this.#objectTypes);
      }
    } catch (thrown) {
      throw asSourceError(thrown);
    }
  }

  async readObject(objectType: string, key: string): Promise<SourceObject | undefined> {
    try {
      const type = toSourceObjectType(objectType);
      const endpoint = scimEndpointFor(type);
      const operation = `GET ${endpoint}/${key}`;
      const answer = await this.#client.get(`${endpoint}/${encodeURIComponent(key)}`, operation);
      if (answer.status === 404) return undefined;
      this.#client.check(operation, answer);
      return toScimSourceObject(type, readScimResource(answer.bodyText, operation));
    } catch (thrown) {
      throw asSourceError(thrown);
    }
  }

  /** The first cursor; a changes read becomes a full one when the source says it cannot filter. */
  async #begin(mode: SourceReadMode, watermark: string | undefined): Promise<SourceReadCursor | undefined> {
    const cursor = beginSourceRead(mode, watermark, this.#objectTypes, this.#now());
    if (cursor?.read !== 'changes' || !(await sourceDeclinesFiltering(this.#client))) return cursor;
    return restartAsFullRead(cursor, this.#objectTypes);
  }

  async #readList(cursor: SourceReadCursor): Promise<ListOutcome> {
    const endpoint = scimEndpointFor(cursor.objectType);
    const since = cursor.read === 'changes' ? cursor.since : undefined;
    const filter = since === undefined ? undefined : `meta.lastModified gt "${since}"`;
    const query = `startIndex=${cursor.startIndex}&count=${this.#pageSize}${filter === undefined ? '' : `&filter=${encodeURIComponent(filter)}`}`;
    const operation = `GET ${endpoint}?${filter === undefined ? '' : `filter=${filter}&`}startIndex=${cursor.startIndex}&count=${this.#pageSize}`;
    const answer = await this.#client.get(`${endpoint}?${query}`, operation);
    if (filter !== undefined && isUnsupportedFilterAnswer(answer)) return { kind: 'cannotFilter' };
    this.#client.check(operation, answer);
    const list = readScimListResponse(answer.bodyText, operation);
    const objects = list.resources.map((resource) => toScimSourceObject(cursor.objectType, resource));
    // A source that ignores the filter sends everything, unchanged resources too: that is a full read, so read it
    // as one, knowingly, and the cycle can also find deletions by absence instead of paying for nothing.
    if (since !== undefined && objects.some((object) => notAfter(object.version, since))) return { kind: 'cannotFilter' };
    const firstId = objects[0]?.key;
    if (cursor.startIndex > 1 && firstId !== undefined && firstId === cursor.previousFirstId) {
      // Paging on would read the first page forever and (in a full read) take everything after it for deleted.
      throw new PermanentError(`${operation} returned the same page as the previous request: the source ignores startIndex (RFC 7644 §3.4.2.4), so it cannot be read page by page`, {
        code: SCIM_ERROR_CODES.incompatible,
      });
    }
    return { kind: 'page', page: finishSourcePage(cursor, this.#objectTypes, { objects, totalResults: list.totalResults }) };
  }
}

/** Whether a version is at or before an instant (compared as instants: `…00.500Z` is after `…00Z`). */
function notAfter(version: string | undefined, instant: string): boolean {
  return version !== undefined && Date.parse(version) <= Date.parse(instant);
}
