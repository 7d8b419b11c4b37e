import type { JsonObject } from '../../domain/identityObject';
import type { ScimResourceRecord, ScimResourceStore } from '../../scim/store/scimResourceStore';
import { beginSourceRead, emptySourceRead } from '../beginSourceRead';
import { finishSourcePage } from '../finishSourcePage';
import { lastModifiedOf } from '../lastModifiedOf';
import type { SourceConnector, SourceObject, SourcePage, SourceReadMode } from '../sourceConnector';
import { toSourceObjectType, type SourceObjectType } from '../sourceObjectType';
import { decodeSourceReadCursor } from '../sourceReadCursor';

export interface DirectorySourceConnectorOptions {
  store: ScimResourceStore;
  /** Resources per query. Each query of the Table store is a scan today, so larger pages make full reads cheaper. */
  pageSize: number;
  /** What to read, in this order: the types the job's enabled object mappings name (sourceObjectTypesOf). */
  objectTypes: readonly SourceObjectType[];
  /** The clock the watermark is taken from (the directory stamps meta.lastModified from the same kind of clock). */
  now?: () => Date;
}

/**
 * The built-in directory (`source: {type: "scim"}` without baseUrl) as a pull source, read through the public
 * ScimResourceStore interface only. The gateway pushes every write as it happens (src/gateway); this read is
 * what full cycles (initial, restart) use, and what repairs a change the gateway could not record.
 *
 * Objects are exactly what the gateway stages: the stored resource (with `id` and `meta`), groups with their
 * whole member list as `members: [{value}]`, keyed by directory id, versioned by meta.lastModified (normalised
 * as the gateway does), so that a pull never stages an older state over a newer pushed one.
 *
 * Incremental reads ask the store for resources whose meta.lastModified is after the watermark (the store
 * re-checks every candidate with the query's predicate). The store keeps no tombstones it can list, so they
 * report no deletions: the gateway stages those when they happen, and full reads find any it missed by
 * absence. Storage failures are the store's own IdbridgeErrors (retry, or permanent).
 */
export class DirectorySourceConnector implements SourceConnector {
  readonly displayName = 'built-in directory';
  readonly #store: ScimResourceStore;
  readonly #pageSize: number;
  readonly #objectTypes: readonly SourceObjectType[];
  readonly #now: () => Date;

  constructor(options: DirectorySourceConnectorOptions) {
    this.#store = options.store;
    this.#pageSize = options.pageSize;
    this.#objectTypes = [...options.objectTypes];
    this.#now = options.now ?? (() => new Date());
  }

  async readPage(request: { mode: SourceReadMode; watermark?: string; cursor?: string }): Promise<SourcePage> {
    const cursor = request.cursor === undefined ? beginSourceRead(request.mode, request.watermark, this.#objectTypes, this.#now()) : decodeSourceReadCursor(request.cursor);
    if (cursor === undefined) return emptySourceRead(this.#now());
    const since = cursor.read === 'changes' && cursor.since !== undefined ? Date.parse(cursor.since) : undefined;
    const page = await this.#store.query(cursor.objectType, {
      startIndex: cursor.startIndex,
      count: this.#pageSize,
      ...(since === undefined ? {} : { predicate: changedAfter(since) }),
      includeMembers: cursor.objectType === 'Group',
    });
    const objects = page.resources.map((record) => toDirectorySourceObject(cursor.objectType, record));
    return finishSourcePage(cursor, this.#objectTypes, { objects, totalResults: page.totalResults });
  }

  async readObject(objectType: string, key: string): Promise<SourceObject | undefined> {
    const type = toSourceObjectType(objectType);
    const record = await this.#store.get(type, key, { includeMembers: true });
    return record === undefined ? undefined : toDirectorySourceObject(type, record);
  }
}

function toDirectorySourceObject(objectType: SourceObjectType, record: ScimResourceRecord): SourceObject {
  const version = lastModifiedOf(record.resource);
  return { objectType, key: record.id, data: record.resource, ...(version === undefined ? {} : { version }) };
}

/** Resources stamped after `since` (ms); one without a readable stamp cannot be ruled out, so it is read. */
function changedAfter(since: number): (resource: JsonObject) => boolean {
  return (resource) => {
    const at = lastModifiedOf(resource);
    return at === undefined || Date.parse(at) > since;
  };
}
