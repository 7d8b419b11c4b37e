import { odata, TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { ConflictError, IdbridgeError, NotFoundError } from '../../domain/errors';
import type { JsonObject } from '../../domain/identityObject';
import { matchesEqFilter } from '../matchesEqFilter';
import type { ScimEqFilter } from '../parseEqFilter';
import type { ListScimUsersOptions, ScimUserPage, ScimUserRecord, ScimUserStore, ScimUserWriteOptions } from '../scimUserStore';
import { externalIdIndexKey, userNameIndexKey, userPartitionKey } from './scimIndexKeys';
import { resourceChunks, resourceFromEntity, type ScimUserEntity } from './scimUserEntity';
import { tableStatus, tableStorageError } from './tableStorageError';

/** Either a connection string (Azurite, tests) or ready-made clients (managed identity in Azure). */
export type TableScimUserStoreOptions =
  | {
      connectionString: string;
      /** Tables are `<prefix>ScimUsers` and `<prefix>ScimUserIndex`. */
      tablePrefix: string;
    }
  | { users: TableClient; index: TableClient };

interface IndexRow {
  /** userName rows: the one user holding the name. */
  userId: string;
  /** externalId rows: JSON array of the users carrying the value. */
  userIds?: string;
}

function parseIds(row: IndexRow): string[] {
  try {
    const ids: unknown = JSON.parse(row.userIds ?? '[]');
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * An index row whose user is missing is normally left over from a crash between writes (or a delete that
 * could not clean up) and may be taken over; a younger one may belong to a create still in flight.
 */
const STALE_INDEX_AFTER_MS = 60_000;
const SCAN_PAGE_SIZE = 1000;

/**
 * ScimUserStore on Azure Table Storage. Users live one per partition (PK = id), so writes spread.
 * Uniqueness of userName rests on the index table: inserting `userName|<lowercased>` fails with 409 when
 * the name is taken, and that insert happens before the user row is written. Index rows are only hints
 * for reads: every result is checked against the user row itself, so a stale index row can never return
 * a wrong user.
 */
export class TableScimUserStore implements ScimUserStore {
  private readonly users: TableClient;
  private readonly index: TableClient;
  private ready: Promise<void> | undefined;

  constructor(options: TableScimUserStoreOptions) {
    if ('users' in options) {
      this.users = options.users;
      this.index = options.index;
      return;
    }
    // Azurite serves http; the SDK refuses to send a shared key over http unless told this is intended.
    const insecure = /TableEndpoint=http:|DefaultEndpointsProtocol=http;|UseDevelopmentStorage=true/i.test(options.connectionString);
    const clientOptions: TableServiceClientOptions = insecure ? { allowInsecureConnection: true } : {};
    this.users = TableClient.fromConnectionString(options.connectionString, `${options.tablePrefix}ScimUsers`, clientOptions);
    this.index = TableClient.fromConnectionString(options.connectionString, `${options.tablePrefix}ScimUserIndex`, clientOptions);
  }

  async createUser(resource: JsonObject, options: ScimUserWriteOptions = {}): Promise<ScimUserRecord> {
    await this.ensureTables();
    const { id, userName, externalId } = identityOf(resource);
    await this.claimUserName(userName, id, options.abortSignal);
    try {
      if (externalId !== undefined) await this.addExternalId(externalId, id, options.abortSignal);
      const entity = toEntity(resource);
      const response = await this.users.createEntity(entity, { abortSignal: options.abortSignal });
      return { id, resource, version: response.etag ?? '' };
    } catch (error) {
      await this.releaseUserName(userName, id);
      if (externalId !== undefined) await this.removeExternalId(externalId, id);
      if (tableStatus(error) === 409) throw new ConflictError(`a user with id "${id}" already exists`, 'uniqueness', { cause: error });
      throw asStoreError(error, `create user ${id}`);
    }
  }

  async getUser(id: string, options: { abortSignal?: AbortSignal } = {}): Promise<ScimUserRecord | undefined> {
    await this.ensureTables();
    const entity = await this.readUserEntity(id, options.abortSignal);
    return entity && { id, resource: resourceFromEntity(entity), version: entity.etag };
  }

  async listUsers(options: ListScimUsersOptions): Promise<ScimUserPage> {
    await this.ensureTables();
    const matches = options.filter ? await this.findByFilter(options.filter, options.abortSignal) : await this.scan(undefined, options.abortSignal);
    const first = Math.max(1, options.startIndex) - 1;
    return { totalResults: matches.length, users: matches.slice(first, first + Math.max(0, options.count)) };
  }

  async replaceUser(resource: JsonObject, options: ScimUserWriteOptions = {}): Promise<ScimUserRecord> {
    await this.ensureTables();
    const { id, userName, externalId } = identityOf(resource);
    const current = await this.readUserEntity(id, options.abortSignal);
    if (!current) throw new NotFoundError(`user ${id} not found`);
    if (options.ifMatch !== undefined && options.ifMatch !== current.etag) throw versionMismatch(id);
    const oldUserName = String(current.userName);
    const oldExternalId = typeof current.externalId === 'string' ? current.externalId : undefined;
    const nameMoves = userNameIndexKey(oldUserName) !== userNameIndexKey(userName);

    if (nameMoves) await this.claimUserName(userName, id, options.abortSignal);
    let etag: string;
    try {
      if (externalId !== undefined && externalId !== oldExternalId) await this.addExternalId(externalId, id, options.abortSignal);
      const response = await this.users.updateEntity(toEntity(resource), 'Replace', { etag: current.etag, abortSignal: options.abortSignal });
      etag = response.etag ?? '';
    } catch (error) {
      if (nameMoves) await this.releaseUserName(userName, id);
      if (externalId !== undefined && externalId !== oldExternalId) await this.removeExternalId(externalId, id);
      if (tableStatus(error) === 412) throw versionMismatch(id, error);
      if (tableStatus(error) === 404) throw new NotFoundError(`user ${id} not found`, { cause: error });
      throw asStoreError(error, `replace user ${id}`);
    }
    // Old index rows go only after the user row no longer needs them; a failure here leaves a stale row that reads ignore.
    if (nameMoves) await this.releaseUserName(oldUserName, id);
    if (oldExternalId !== undefined && oldExternalId !== externalId) await this.removeExternalId(oldExternalId, id);
    return { id, resource, version: etag };
  }

  async deleteUser(id: string, options: ScimUserWriteOptions = {}): Promise<void> {
    await this.ensureTables();
    const current = await this.readUserEntity(id, options.abortSignal);
    if (!current) throw new NotFoundError(`user ${id} not found`);
    if (options.ifMatch !== undefined && options.ifMatch !== current.etag) throw versionMismatch(id);
    try {
      await this.users.deleteEntity(current.partitionKey, '', { etag: current.etag, abortSignal: options.abortSignal });
    } catch (error) {
      if (tableStatus(error) === 412) throw versionMismatch(id, error);
      if (tableStatus(error) === 404) throw new NotFoundError(`user ${id} not found`, { cause: error });
      throw asStoreError(error, `delete user ${id}`);
    }
    await this.releaseUserName(String(current.userName), id);
    if (typeof current.externalId === 'string') await this.removeExternalId(current.externalId, id);
  }

  /** Uses the index when the filter pins `id`, `userName` or `externalId`; the whole filter is then re-checked. */
  private async findByFilter(filter: ScimEqFilter, abortSignal?: AbortSignal): Promise<ScimUserRecord[]> {
    const pinned = (name: string): string | undefined => {
      const hit = filter.comparisons.find(
        (c) => !c.path.schemaUrn && !c.path.filter && !c.path.subAttribute && c.path.attribute.toLowerCase() === name && typeof c.value === 'string',
      );
      return hit?.value as string | undefined;
    };
    let candidates: (ScimUserRecord | undefined)[];
    const id = pinned('id');
    const userName = pinned('username');
    const externalId = pinned('externalid');
    if (id !== undefined) {
      candidates = [await this.getUser(id, { abortSignal })];
    } else if (userName !== undefined) {
      const row = await this.readIndexRow(userNameIndexKey(userName), '', abortSignal);
      candidates = row ? [await this.getUser(row.userId, { abortSignal })] : [];
    } else if (externalId !== undefined) {
      const ids = await this.externalIdUsers(externalId, abortSignal);
      candidates = await Promise.all(ids.map((userId) => this.getUser(userId, { abortSignal })));
    } else {
      return this.scan(filter, abortSignal);
    }
    return candidates
      .filter((record): record is ScimUserRecord => record !== undefined && matchesEqFilter(record.resource, filter))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Reads every user page by page, in PartitionKey (id) order, keeping those the filter matches. */
  private async scan(filter: ScimEqFilter | undefined, abortSignal?: AbortSignal): Promise<ScimUserRecord[]> {
    const results: ScimUserRecord[] = [];
    try {
      for await (const page of this.users.listEntities<Record<string, unknown>>({ abortSignal }).byPage({ maxPageSize: SCAN_PAGE_SIZE })) {
        for (const entity of page) {
          const resource = resourceFromEntity(entity);
          if (filter && !matchesEqFilter(resource, filter)) continue;
          results.push({ id: String(entity.id), resource, version: entity.etag });
        }
      }
    } catch (error) {
      throw asStoreError(error, 'list users');
    }
    return results;
  }

  /**
   * Reserves `userName` for `id`. A row held by another live user with that name is a uniqueness
   * conflict; a row whose user is gone or renamed (and older than STALE_INDEX_AFTER_MS) is taken over
   * with an ETag-conditional write, so two claimants cannot both win.
   */
  private async claimUserName(userName: string, id: string, abortSignal?: AbortSignal): Promise<void> {
    const partitionKey = userNameIndexKey(userName);
    const taken = (cause?: unknown): ConflictError =>
      new ConflictError(`userName "${userName}" is already taken`, 'uniqueness', cause === undefined ? {} : { cause });
    try {
      await this.index.createEntity<IndexRow>({ partitionKey, rowKey: '', userId: id }, { abortSignal });
      return;
    } catch (error) {
      if (tableStatus(error) !== 409) throw asStoreError(error, `reserve userName "${userName}"`);
    }
    const row = await this.readIndexRowEntity(partitionKey, abortSignal);
    if (!row) throw taken(); // released meanwhile: let the client retry rather than loop here
    if (row.userId === id) return;
    const owner = await this.getUser(row.userId, { abortSignal });
    const ownerName = owner?.resource.userName;
    const ownerHoldsIt = typeof ownerName === 'string' && userNameIndexKey(ownerName) === partitionKey;
    const age = Date.now() - Date.parse(row.timestamp ?? '');
    if (ownerHoldsIt || !(age > STALE_INDEX_AFTER_MS)) throw taken();
    try {
      await this.index.updateEntity<IndexRow>({ partitionKey, rowKey: '', userId: id }, 'Replace', { etag: row.etag, abortSignal });
    } catch (error) {
      if (tableStatus(error) === 412 || tableStatus(error) === 404) throw taken(error);
      throw asStoreError(error, `reserve userName "${userName}"`);
    }
  }

  /** Best effort: deletes the reservation only if it is still this user's. */
  private async releaseUserName(userName: string, id: string): Promise<void> {
    try {
      const partitionKey = userNameIndexKey(userName);
      const row = await this.readIndexRowEntity(partitionKey);
      if (row?.userId === id) await this.index.deleteEntity(partitionKey, '', { etag: row.etag });
    } catch {
      // A leftover row is harmless: reads verify against the user row and claims take stale rows over.
    }
  }

  /*
   * The externalId index is one row per value (RowKey ''), listing the ids that carry it: externalId need not
   * be unique, and a point read stays cheap at any size, where a partition query is a scan in Azurite (measured:
   * 600 queries/s at 1,000 entities, 60/s at 30,000). Changes to a row are conditional on its ETag.
   */
  private async addExternalId(externalId: string, id: string, abortSignal?: AbortSignal): Promise<void> {
    await this.changeExternalIdRow(externalId, (ids) => (ids.includes(id) ? ids : [...ids, id]), abortSignal);
  }

  private async removeExternalId(externalId: string, id: string): Promise<void> {
    try {
      await this.changeExternalIdRow(externalId, (ids) => ids.filter((other) => other !== id));
    } catch {
      // Harmless when left behind: reads re-check externalId on the user row.
    }
  }

  private async externalIdUsers(externalId: string, abortSignal?: AbortSignal): Promise<string[]> {
    const row = await this.readIndexRow(externalIdIndexKey(externalId), '', abortSignal);
    return row ? parseIds(row) : [];
  }

  private async changeExternalIdRow(externalId: string, change: (ids: string[]) => string[], abortSignal?: AbortSignal): Promise<void> {
    const partitionKey = externalIdIndexKey(externalId);
    for (let attempt = 0; attempt < 10; attempt++) {
      const row = await this.readIndexRow(partitionKey, '', abortSignal);
      const before = row ? parseIds(row) : [];
      const after = change(before);
      if (after.length === before.length && after.every((id, i) => id === before[i])) return;
      try {
        if (!row) await this.index.createEntity({ partitionKey, rowKey: '', userIds: JSON.stringify(after) }, { abortSignal });
        else if (after.length === 0) await this.index.deleteEntity(partitionKey, '', { etag: row.etag, abortSignal });
        else await this.index.updateEntity({ partitionKey, rowKey: '', userIds: JSON.stringify(after) }, 'Replace', { etag: row.etag, abortSignal });
        return;
      } catch (error) {
        // Someone else changed the row between our read and write: read again.
        if (tableStatus(error) !== 409 && tableStatus(error) !== 412 && tableStatus(error) !== 404) throw asStoreError(error, `index externalId ${externalId}`);
      }
    }
    throw asStoreError(new Error('the externalId index row kept changing'), `index externalId ${externalId}`);
  }

  private async readUserEntity(id: string, abortSignal?: AbortSignal): Promise<(Record<string, unknown> & { partitionKey: string; etag: string }) | undefined> {
    try {
      const entity = await this.users.getEntity<Record<string, unknown>>(userPartitionKey(id), '', { abortSignal });
      return { ...entity, partitionKey: userPartitionKey(id), etag: entity.etag };
    } catch (error) {
      if (tableStatus(error) === 404) return undefined;
      throw asStoreError(error, `read user ${id}`);
    }
  }

  private async readIndexRow(partitionKey: string, rowKey: string, abortSignal?: AbortSignal): Promise<(IndexRow & { etag: string }) | undefined> {
    try {
      return await this.index.getEntity<IndexRow>(partitionKey, rowKey, { abortSignal });
    } catch (error) {
      if (tableStatus(error) === 404) return undefined;
      throw asStoreError(error, 'read the user index');
    }
  }

  private async readIndexRowEntity(partitionKey: string, abortSignal?: AbortSignal): Promise<(IndexRow & { etag: string; timestamp?: string }) | undefined> {
    try {
      const row = await this.index.getEntity<IndexRow>(partitionKey, '', { abortSignal });
      return { userId: row.userId, etag: row.etag, ...(row.timestamp ? { timestamp: row.timestamp } : {}) };
    } catch (error) {
      if (tableStatus(error) === 404) return undefined;
      throw asStoreError(error, 'read the user index');
    }
  }

  /** Creates both tables once per store; a failure is retried by the next call. */
  private ensureTables(): Promise<void> {
    this.ready ??= Promise.all([this.users.createTable(), this.index.createTable()]).then(
      () => undefined,
      (error: unknown) => {
        this.ready = undefined;
        throw asStoreError(error, 'create the SCIM user tables');
      },
    );
    return this.ready;
  }
}

function identityOf(resource: JsonObject): { id: string; userName: string; externalId?: string } {
  const { id, userName, externalId } = resource;
  if (typeof id !== 'string' || typeof userName !== 'string') throw new TypeError('a stored user needs string id and userName');
  return typeof externalId === 'string' ? { id, userName, externalId } : { id, userName };
}

function toEntity(resource: JsonObject): ScimUserEntity {
  const { id, userName, externalId } = identityOf(resource);
  return {
    partitionKey: userPartitionKey(id),
    rowKey: '',
    id,
    userName,
    ...(externalId !== undefined ? { externalId } : {}),
    ...resourceChunks(resource),
  };
}

function versionMismatch(id: string, cause?: unknown): ConflictError {
  return new ConflictError(`user ${id} has changed since the version given`, 'invalidVers', cause === undefined ? {} : { cause });
}

function asStoreError(error: unknown, action: string): Error {
  return error instanceof IdbridgeError ? error : tableStorageError(error, action);
}
