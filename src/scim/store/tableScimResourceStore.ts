import { statusCodeOf, toStorageError } from '../../azure/toStorageError';
import { ConflictError, NotFoundError, TransientError } from '../../domain/errors';
import type { JsonObject } from '../../domain/identityObject';
import { indexKeysOf, lookupFor } from './indexKeys';
import { readGroupsOf, readMembers, writeMembers } from './memberRows';
import { partitionOf } from './partitionOf';
import type {
  ScimResourcePage,
  ScimResourceQuery,
  ScimResourceReadOptions,
  ScimResourceRecord,
  ScimResourceStore,
  ScimResourceType,
  ScimResourceWriteOptions,
} from './scimResourceStore';
import { splitMembers, withMembers } from './splitMembers';
import { openStoreTables, type StoreTables, type StoreTablesOptions } from './storeTables';
import { addToSharedRow, readSharedIds, removeFromSharedRow } from './sharedIndexRows';
import {
  newVersion,
  readResourceEntity,
  readUniqueEntity,
  resourceEntity,
  resourceRowKeys,
  uniqueEntity,
  type ResourceRow,
  type UniqueRow,
} from './storedRows';

/** Scans read this many rows per request (the Table service's page limit). */
const SCAN_PAGE_SIZE = 1000;
/**
 * A unique row whose holder is missing is normally left over from a crash between the claim and the
 * resource write and may be taken over; a younger one may belong to a create still in flight.
 */
const STALE_CLAIM_AFTER_MS = 60_000;
/**
 * Rounds of a replace without If-Match that lost an ETag race before giving up with a retryable error; each
 * round waits a random few ms more so that racing writers spread out (10 concurrent replaces of one user
 * exhausted 5 rounds without the wait).
 */
const REPLACE_ROUNDS = 20;

/**
 * ScimResourceStore on Azure Table Storage (layout: docs/scim-storage.md).
 *
 * - Resource rows (`<prefix>ScimUser`, `<prefix>ScimGroup`): RowKey = id, PartitionKey = hash bucket of the id.
 *   They are the truth for existence and version; `get` and `id eq` are one point read.
 * - Unique rows (`<prefix>ScimIndex`, RowKey `User|userName|<lowercased>` / `Group|displayName|...`): the claim
 *   that makes the value unique (an insert that fails with 409, made before the resource row is written), and a
 *   full copy of the resource with its version, so `userName eq "x"` is one point read. Every write keeps the
 *   copy in step with the resource row (see syncCopy).
 * - Shared rows (same table, `User|externalId|...`, `User|emails.value|...`, `Group|externalId|...`): the ids
 *   carrying a non-unique value; hits are read by id and re-checked.
 * - Member rows (`<prefix>ScimMember`): see memberRows.ts.
 * A create is 2 + (shared values) row writes; concurrent writes to one partition share a transaction
 * (GroupCommit).
 */
export class TableScimResourceStore implements ScimResourceStore {
  private readonly tables: StoreTables;

  constructor(options: StoreTablesOptions) {
    this.tables = openStoreTables(options);
  }

  async create(type: ScimResourceType, resource: JsonObject, options: ScimResourceWriteOptions = {}): Promise<ScimResourceRecord> {
    await this.tables.ensure();
    const id = idOf(resource);
    const { stored, members } = splitMembers(type, resource);
    const keys = indexKeysOf(type, stored);
    const version = newVersion();
    await this.claim(type, keys.unique, id, stored, version, options.abortSignal);
    const writes = await Promise.allSettled([
      this.tables.resources[type].commit.write({ kind: 'create', entity: resourceEntity(id, stored, version, keys.unique, keys.shared, this.tables.partitions) }),
      ...keys.shared.map((key) => addToSharedRow(this.tables, key, id)),
    ]);
    const failed = writes.find((w): w is PromiseRejectedResult => w.status === 'rejected');
    if (failed) {
      const resourceWritten = writes[0]?.status === 'fulfilled';
      if (!resourceWritten) {
        await this.release(keys.unique, id);
        await Promise.all(keys.shared.map((key) => removeFromSharedRow(this.tables, key, id)));
      }
      if (!resourceWritten && statusCodeOf(failed.reason) === 409) {
        throw new ConflictError(`a ${type} with id "${id}" already exists`, 'uniqueness', { cause: failed.reason });
      }
      throw toStorageError(failed.reason, `create ${type} ${id}`);
    }
    if (members !== undefined && members.length > 0) await writeMembers(this.tables, id, members, true);
    return { id, resource: members === undefined ? stored : withMembers(stored, members), version };
  }

  async get(type: ScimResourceType, id: string, options: ScimResourceReadOptions = {}): Promise<ScimResourceRecord | undefined> {
    await this.tables.ensure();
    const row = await this.readResource(type, id, options.abortSignal);
    if (!row) return undefined;
    const record = { id, resource: row.resource, version: row.version };
    return type === 'Group' && (options.includeMembers ?? true) ? this.attachMembers(record, options.abortSignal) : record;
  }

  async replace(type: ScimResourceType, resource: JsonObject, options: ScimResourceWriteOptions = {}): Promise<ScimResourceRecord> {
    await this.tables.ensure();
    const id = idOf(resource);
    const { stored, members } = splitMembers(type, resource);
    const keys = indexKeysOf(type, stored);
    for (let round = 1; ; round++) {
      const [current, copy] = await Promise.all([this.readResource(type, id, options.abortSignal), this.readUnique(keys.unique, options.abortSignal)]);
      if (!current) throw new NotFoundError(`${type} ${id} not found`);
      if (options.ifMatch !== undefined && options.ifMatch !== current.version) throw versionMismatch(type, id);
      const version = newVersion();
      const moves = current.unique !== keys.unique;
      if (moves) await this.claim(type, keys.unique, id, stored, version, options.abortSignal);
      try {
        await this.tables.resources[type].commit.write({
          kind: 'update',
          entity: resourceEntity(id, stored, version, keys.unique, keys.shared, this.tables.partitions),
          etag: current.etag,
        });
      } catch (error) {
        if (moves) await this.release(keys.unique, id);
        const status = statusCodeOf(error);
        if (status === 404) throw new NotFoundError(`${type} ${id} not found`, { cause: error });
        if (status === 412 && options.ifMatch !== undefined) throw versionMismatch(type, id, error);
        if (status === 412 && round < REPLACE_ROUNDS) {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * round));
          continue;
        }
        if (status === 412) throw new TransientError(`${type} ${id} kept changing under concurrent writers`, { cause: error });
        throw toStorageError(error, `replace ${type} ${id}`);
      }
      // The resource row now says what is true; the copies and hints follow it.
      if (moves) await this.release(current.unique, id);
      else await this.syncCopy(type, keys.unique, id, { resource: stored, version }, copy?.id === id ? copy.etag : undefined);
      await Promise.all([
        ...keys.shared.filter((k) => !current.shared.includes(k)).map((k) => addToSharedRow(this.tables, k, id)),
        ...current.shared.filter((k) => !keys.shared.includes(k)).map((k) => removeFromSharedRow(this.tables, k, id)),
      ]);
      if (members === undefined) return { id, resource: stored, version };
      const before = await readMembers(this.tables, id, options.abortSignal);
      const removed = before.filter((m) => !members.includes(m));
      const added = members.filter((m) => !before.includes(m));
      await Promise.all([writeMembers(this.tables, id, added, true), writeMembers(this.tables, id, removed, false)]);
      return { id, resource: withMembers(stored, members), version };
    }
  }

  async delete(type: ScimResourceType, id: string, options: ScimResourceWriteOptions = {}): Promise<void> {
    await this.tables.ensure();
    const current = await this.readResource(type, id, options.abortSignal);
    if (!current) throw new NotFoundError(`${type} ${id} not found`);
    if (options.ifMatch !== undefined && options.ifMatch !== current.version) throw versionMismatch(type, id);
    const { partitionKey, rowKey } = resourceRowKeys(id, this.tables.partitions);
    try {
      await this.tables.resources[type].client.deleteEntity(partitionKey, rowKey, { etag: current.etag, abortSignal: options.abortSignal });
    } catch (error) {
      const status = statusCodeOf(error);
      if (status === 404) throw new NotFoundError(`${type} ${id} not found`, { cause: error });
      if (status === 412) throw versionMismatch(type, id, error);
      throw toStorageError(error, `delete ${type} ${id}`);
    }
    await Promise.all([this.release(current.unique, id), ...current.shared.map((k) => removeFromSharedRow(this.tables, k, id))]);
    if (type === 'Group') await writeMembers(this.tables, id, await readMembers(this.tables, id), false);
  }

  async query(type: ScimResourceType, query: ScimResourceQuery): Promise<ScimResourcePage> {
    await this.tables.ensure();
    const first = Math.max(1, query.startIndex) - 1;
    const count = Math.max(0, query.count);
    const lookup = query.hints ? lookupFor(type, query.hints) : undefined;
    let page: ScimResourcePage;
    if (lookup) {
      const candidates = await this.candidates(type, lookup, query.abortSignal);
      const matches = candidates.filter((r) => !query.predicate || query.predicate(r.resource));
      matches.sort(query.sort ? (a, b) => query.sort!(a.resource, b.resource) : (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      page = { totalResults: matches.length, resources: matches.slice(first, first + count) };
    } else {
      page = await this.scan(type, query, first, count);
    }
    if (type !== 'Group' || !query.includeMembers) return page;
    return { totalResults: page.totalResults, resources: await Promise.all(page.resources.map((r) => this.attachMembers(r, query.abortSignal))) };
  }

  async addMembers(groupId: string, memberIds: readonly string[], options: { abortSignal?: AbortSignal } = {}): Promise<void> {
    await this.tables.ensure();
    if (!(await this.readResource('Group', groupId, options.abortSignal))) throw new NotFoundError(`Group ${groupId} not found`);
    await writeMembers(this.tables, groupId, memberIds, true);
  }

  async removeMembers(groupId: string, memberIds: readonly string[]): Promise<void> {
    await this.tables.ensure();
    await writeMembers(this.tables, groupId, memberIds, false);
  }

  async members(groupId: string, options: { abortSignal?: AbortSignal } = {}): Promise<string[]> {
    await this.tables.ensure();
    return readMembers(this.tables, groupId, options.abortSignal);
  }

  async groupsOf(memberId: string, options: { abortSignal?: AbortSignal } = {}): Promise<string[]> {
    await this.tables.ensure();
    return readGroupsOf(this.tables, memberId, options.abortSignal);
  }

  private async candidates(type: ScimResourceType, lookup: NonNullable<ReturnType<typeof lookupFor>>, abortSignal?: AbortSignal): Promise<ScimResourceRecord[]> {
    if (lookup.kind === 'unique') {
      // One point read: the copy is kept in step with the resource row on every write.
      const row = await this.readUnique(lookup.key, abortSignal);
      return row ? [{ id: row.id, resource: row.resource, version: row.version }] : [];
    }
    const ids = lookup.kind === 'id' ? [lookup.id] : await readSharedIds(this.tables, lookup.key, abortSignal);
    const rows = await Promise.all(ids.map((id) => this.readResource(type, id, abortSignal)));
    return rows.filter((r): r is ResourceRow => r !== undefined).map((r) => ({ id: r.id, resource: r.resource, version: r.version }));
  }

  /**
   * Reads every resource of the type page by page, in (bucket, id) order, which is stable while nothing
   * changes; keeps only the requested window unless a sort needs them all.
   */
  private async scan(type: ScimResourceType, query: ScimResourceQuery, first: number, count: number): Promise<ScimResourcePage> {
    const kept: ScimResourceRecord[] = [];
    let total = 0;
    try {
      const pages = this.tables.resources[type].client.listEntities<Record<string, unknown>>({ abortSignal: query.abortSignal }).byPage({ maxPageSize: SCAN_PAGE_SIZE });
      for await (const page of pages) {
        for (const entity of page) {
          const row = readResourceEntity(entity);
          if (query.predicate && !query.predicate(row.resource)) continue;
          if (query.sort || (total >= first && total < first + count)) kept.push({ id: row.id, resource: row.resource, version: row.version });
          total++;
        }
      }
    } catch (error) {
      throw toStorageError(error, `list ${type} resources`);
    }
    if (!query.sort) return { totalResults: total, resources: kept };
    const sort = query.sort;
    kept.sort((a, b) => sort(a.resource, b.resource) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { totalResults: total, resources: kept.slice(first, first + count) };
  }

  /**
   * Reserves a unique value for `id` by inserting its row (409 when held). A row held by a live resource
   * that still carries the value is a uniqueness conflict; one whose holder is gone or moved on (and older
   * than STALE_CLAIM_AFTER_MS) is taken over with an ETag-conditional write, so two claimants cannot both win.
   */
  private async claim(type: ScimResourceType, key: string, id: string, resource: JsonObject, version: string, abortSignal?: AbortSignal): Promise<void> {
    const entity = uniqueEntity(key, id, resource, version, this.tables.partitions);
    const taken = (cause?: unknown): ConflictError =>
      new ConflictError(`${type === 'User' ? 'userName' : 'displayName'} "${type === 'User' ? resource.userName : resource.displayName}" is already taken`, 'uniqueness', cause === undefined ? {} : { cause });
    try {
      await this.tables.index.commit.write({ kind: 'create', entity });
      return;
    } catch (error) {
      if (statusCodeOf(error) !== 409) throw toStorageError(error, `claim ${key}`);
    }
    const row = await this.readUnique(key, abortSignal);
    if (!row) throw taken(); // released meanwhile: the client's retry will find it free
    const holder = row.id === id ? undefined : await this.readResource(type, row.id, abortSignal);
    if (holder?.unique === key) throw taken();
    if (row.id !== id && !(Date.now() - Date.parse(row.timestamp ?? '') > STALE_CLAIM_AFTER_MS)) throw taken();
    try {
      await this.tables.index.client.updateEntity(entity, 'Replace', { etag: row.etag, abortSignal });
    } catch (error) {
      if (statusCodeOf(error) === 412 || statusCodeOf(error) === 404) throw taken(error);
      throw toStorageError(error, `claim ${key}`);
    }
  }

  /** Best effort: deletes the unique row only if it is still this resource's. */
  private async release(key: string, id: string): Promise<void> {
    try {
      const row = await this.readUnique(key);
      if (row?.id === id) await this.tables.index.client.deleteEntity(partitionOf(key, this.tables.partitions), key, { etag: row.etag });
    } catch {
      // A leftover row is taken over by the next claimant once stale (see claim).
    }
  }

  /**
   * Writes the copy in the unique row, conditional on the copy we read before writing the resource row. If
   * another writer got there in between (412), the copy is repaired from the resource row as it is now, so
   * that whichever writer finishes last leaves the copy equal to the resource row.
   */
  private async syncCopy(type: ScimResourceType, key: string, id: string, want: { resource: JsonObject; version: string }, etag: string | undefined): Promise<void> {
    let target = want;
    let copyEtag = etag;
    for (let round = 0; round < REPLACE_ROUNDS; round++) {
      const entity = uniqueEntity(key, id, target.resource, target.version, this.tables.partitions);
      try {
        if (copyEtag === undefined) await this.tables.index.commit.write({ kind: 'create', entity });
        else await this.tables.index.commit.write({ kind: 'update', entity, etag: copyEtag });
        return;
      } catch (error) {
        const status = statusCodeOf(error);
        if (status !== 412 && status !== 409 && status !== 404) throw toStorageError(error, `update ${key}`);
      }
      const [row, copy] = await Promise.all([this.readResource(type, id), this.readUnique(key)]);
      if (!row || row.unique !== key || (copy && copy.id !== id) || copy?.version === row.version) return;
      target = { resource: row.resource, version: row.version };
      copyEtag = copy?.etag;
    }
    throw new TransientError(`the copy in ${key} kept changing under concurrent writers`);
  }

  private async attachMembers(record: ScimResourceRecord, abortSignal?: AbortSignal): Promise<ScimResourceRecord> {
    return { ...record, resource: withMembers(record.resource, await readMembers(this.tables, record.id, abortSignal)) };
  }

  private async readResource(type: ScimResourceType, id: string, abortSignal?: AbortSignal): Promise<ResourceRow | undefined> {
    const { partitionKey, rowKey } = resourceRowKeys(id, this.tables.partitions);
    try {
      return readResourceEntity(await this.tables.resources[type].client.getEntity<Record<string, unknown>>(partitionKey, rowKey, { abortSignal }));
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw toStorageError(error, `read ${type} ${id}`);
    }
  }

  private async readUnique(key: string, abortSignal?: AbortSignal): Promise<UniqueRow | undefined> {
    try {
      return readUniqueEntity(await this.tables.index.client.getEntity<Record<string, unknown>>(partitionOf(key, this.tables.partitions), key, { abortSignal }));
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw toStorageError(error, `read ${key}`);
    }
  }
}

function idOf(resource: JsonObject): string {
  if (typeof resource.id !== 'string' || resource.id === '') throw new TypeError('a stored resource needs a string id');
  return resource.id;
}

function versionMismatch(type: ScimResourceType, id: string, cause?: unknown): ConflictError {
  return new ConflictError(`${type} ${id} has changed since the version given`, 'invalidVers', cause === undefined ? {} : { cause });
}
