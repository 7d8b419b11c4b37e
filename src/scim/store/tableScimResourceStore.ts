import { statusCodeOf, toStorageError } from '../../azure/toStorageError';
import { ConflictError, NotFoundError, TransientError } from '../../domain/errors';
import type { JsonObject } from '../../domain/identityObject';
import { ExternalIdDomains } from './externalIdDomains';
import { indexKey, indexKeysOf, indexPartition, lookupFor, sharedKeysOf, type HintLookup, type ResourceIndexKeys } from './indexKeys';
import type { RowWrite } from './groupCommit';
import { readGroupsOf, readMembers, writeMembers } from './memberRows';
import { readClaimRow, readIdRow, type TypeTable } from './readRows';
import { homeClaimKeys, idRowKeys, mintResourceId } from './resourceIds';
import type {
  ScimMember,
  ScimResourcePage,
  ScimResourceQuery,
  ScimResourceReadOptions,
  ScimResourceRecord,
  ScimResourceStore,
  ScimResourceType,
  ScimResourceWriteOptions,
} from './scimResourceStore';
import { scanResources } from './scanResources';
import { addToSharedRow, readSharedIds, removeFromSharedRow, sharedEntity } from './sharedIndexRows';
import { distinctMembers, splitMembers, withMembers } from './splitMembers';
import { openStoreTables, type StoreTables, type StoreTablesOptions } from './storeTables';
import { claimCopyEntity, claimKeys, claimPointerEntity, colocated, homeEntity, newVersion, resourceEntity, tombstoneEntity, type ResourceRow } from './storedRows';
import { claimPointer, releaseClaim } from './uniqueClaims';

/**
 * Rounds of a write that lost a race (an ETag race without If-Match, or a concurrent rename of the same
 * resource) before giving up with a retryable error; each round waits a random few ms more so that racing
 * writers spread out (10 concurrent replaces of one user exhausted 5 rounds without the wait).
 */
const WRITE_ROUNDS = 20;

/**
 * ScimResourceStore on Azure Table Storage (layout 4; layout and figures: docs/scim-storage.md). One table per
 * type holds, in partition p = hash(the stem of the lowercased userName / displayName) mod `partitions`:
 * - the claim row (`k|<hash of the key>`): the uniqueness claim. For a resource still holding the name its id was
 *   minted for (`<p>-<hash>-<random>`), it is the **home** row: the resource itself and its only row, so a create
 *   is one insert and `get(id)` and `userName eq` are one point read each. Otherwise a copy (written only in one
 *   transaction with the id row, so they never differ) or a pointer;
 * - the id row (`i|<id>`): the truth of a resource renamed away from its home, created on the slow path or given
 *   its id by the caller;
 * - index rows for externalId / emails.value (hash of the value's stem: an email's local part), hints re-checked
 *   on read. None for an email equal to the userName, nor for an externalId equal to the userName's local part
 *   once its domain is registered (ExternalIdDomains): such values are found through the claim.
 * A create with Entra's default mappings is one insert; one more insert per index row in another partition (an
 * unrelated externalId).
 */
export class TableScimResourceStore implements ScimResourceStore {
  private readonly tables: StoreTables;
  private readonly domains: ExternalIdDomains;

  constructor(options: StoreTablesOptions) {
    this.tables = openStoreTables(options);
    this.domains = new ExternalIdDomains(this.tables.resources.User.client);
  }

  /** The id `create` would mint for this resource (exported for callers that want the id up front). */
  newId(type: ScimResourceType, resource: JsonObject): string {
    return mintResourceId(indexKeysOf(type, resource).unique, this.tables.partitions);
  }

  /**
   * `resource.id` may be omitted: the store then mints one that shares the claim's partition (one
   * transaction). A caller-assigned id (the port's original contract) still works, at one more request.
   */
  async create(type: ScimResourceType, resource: JsonObject, options: ScimResourceWriteOptions = {}): Promise<ScimResourceRecord> {
    await this.tables.ensure();
    const t = this.typeTable(type);
    const { stored: given, members } = splitMembers(type, resource);
    const keys = await this.rowsOf(type, given);
    const id = resource.id === undefined ? this.newId(type, given) : idOf(resource);
    const stored = given.id === id ? given : { id, ...given };
    const version = newVersion();
    const home = idRowKeys(id, t.partitions).partitionKey;
    // A minted id names its unique value's claim (resourceIds): the claim row is then the resource's only row.
    const atHome = isHomeOf(id, keys.unique, t.partitions);
    const inside = colocated(keys.unique, id, t.partitions) ? keys.shared.filter((k) => indexPartition(k, t.partitions) === home) : [];
    const outside = keys.shared.filter((k) => !inside.includes(k));
    // Hints outside the transaction are written first: a crash right after the transaction would otherwise
    // leave a resource that `externalId eq` cannot find; a hint left by a failed create is harmless.
    await this.addHints(t, outside, id);
    let done = false;
    if (colocated(keys.unique, id, t.partitions)) {
      const own: RowWrite[] = atHome
        ? [{ kind: 'create', entity: homeEntity(keys.unique, id, stored, version, keys.shared, t.partitions) }]
        : [
            { kind: 'create', entity: claimCopyEntity(keys.unique, id, stored, version, t.partitions) },
            { kind: 'create', entity: resourceEntity(id, stored, version, keys.unique, keys.shared, t.partitions) },
          ];
      try {
        await this.submit(t, [...own, ...inside.map((k): RowWrite => ({ kind: 'create', entity: sharedEntity(k, id, t.partitions) }))]);
        done = true;
      } catch (error) {
        // 409: the name is held (maybe by a leftover to take over), an index value already has a row, or the
        // id exists. Nothing was written; the slow path below tells which.
        if (statusCodeOf(error) !== 409) {
          await this.dropHints(t, outside, id);
          throw toStorageError(error, `create ${type} ${id}`);
        }
      }
    }
    if (!done) await this.createSlowly(t, id, stored, version, keys, inside, outside, options.abortSignal);
    if (members !== undefined && members.length > 0) await writeMembers(this.tables, id, members, true);
    return { id, resource: members === undefined ? stored : withMembers(stored, members), version };
  }

  async get(type: ScimResourceType, id: string, options: ScimResourceReadOptions = {}): Promise<ScimResourceRecord | undefined> {
    await this.tables.ensure();
    const row = await readIdRow(this.typeTable(type), id, options.abortSignal);
    if (!row) return undefined;
    const record = { id, resource: row.resource, version: row.version };
    return type === 'Group' && (options.includeMembers ?? true) ? this.attachMembers(record, options.abortSignal) : record;
  }

  async replace(type: ScimResourceType, resource: JsonObject, options: ScimResourceWriteOptions = {}): Promise<ScimResourceRecord> {
    await this.tables.ensure();
    const t = this.typeTable(type);
    const id = idOf(resource);
    const { stored, members } = splitMembers(type, resource);
    const keys = await this.rowsOf(type, stored);
    for (let round = 1; ; round++) {
      const current = await readIdRow(t, id, options.abortSignal);
      if (!current) throw new NotFoundError(`${type} ${id} not found`);
      if (options.ifMatch !== undefined && options.ifMatch !== current.version) throw versionMismatch(type, id);
      const version = newVersion();
      const moves = current.unique !== keys.unique;
      // New hints before the truth is written (see create); old ones are dropped after it.
      await this.addHints(t, keys.shared.filter((k) => !current.shared.includes(k)), id);
      if (moves && (await claimPointer(t, keys.unique, id, version, options.abortSignal)) === 'busy') {
        await pause(round, type, id);
        continue;
      }
      const actions = current.home ? this.replaceAtHome(t, id, stored, version, keys, current) : this.replaceIdRow(t, id, stored, version, keys, current);
      try {
        await this.submit(t, actions);
      } catch (error) {
        if (moves) await releaseClaim(t, keys.unique, id, version);
        const status = statusCodeOf(error);
        if (status === 404) throw new NotFoundError(`${type} ${id} not found`, { cause: error });
        if (status === 412 && options.ifMatch !== undefined) throw versionMismatch(type, id, error);
        if (status === 412) {
          await pause(round, type, id, error);
          continue;
        }
        throw toStorageError(error, `replace ${type} ${id}`);
      }
      // The truth now says what is true; a claim left behind (a home turned pointer, or a claim in another
      // partition) and stale hints follow it.
      if (moves && current.home) await releaseClaim(t, current.unique, id, version);
      else if (moves && !colocated(current.unique, id, t.partitions)) await releaseClaim(t, current.unique, id);
      await this.dropHints(t, current.shared.filter((k) => !keys.shared.includes(k)), id);
      if (members === undefined) return { id, resource: stored, version };
      const before = new Map((await readMembers(this.tables, id, options.abortSignal)).map((m) => [m.value, m]));
      // A member kept keeps its stored type unless the caller names one (which also fills in a row without it).
      const after = members.map((m): ScimMember => ({ ...before.get(m.value), ...m }));
      const afterIds = new Set(after.map((m) => m.value));
      const removed = [...before.values()].filter((m) => !afterIds.has(m.value));
      const added = after.filter((m) => before.get(m.value)?.type !== m.type || !before.has(m.value));
      await Promise.all([writeMembers(this.tables, id, added, true), writeMembers(this.tables, id, removed, false)]);
      return { id, resource: withMembers(stored, after), version };
    }
  }

  /**
   * The writes of a replace whose truth is the home claim (current.home): the same name is one conditional update
   * of that row. A new name (already claimed by a pointer) moves the truth to an id row in the home's partition,
   * for good, in one transaction that also turns the home into a pointer, conditionally on its ETag; the caller
   * then releases that pointer, which frees the old name.
   */
  private replaceAtHome(t: TypeTable, id: string, stored: JsonObject, version: string, keys: ResourceIndexKeys, current: ResourceRow): RowWrite[] {
    if (current.unique === keys.unique) return [{ kind: 'update', entity: homeEntity(keys.unique, id, stored, version, keys.shared, t.partitions), etag: current.etag }];
    const actions: RowWrite[] = [
      { kind: 'update', entity: claimPointerEntity(current.unique, id, version, t.partitions), etag: current.etag },
      { kind: 'create', entity: resourceEntity(id, stored, version, keys.unique, keys.shared, t.partitions) },
    ];
    if (colocated(keys.unique, id, t.partitions)) actions.push({ kind: 'upsert', entity: claimCopyEntity(keys.unique, id, stored, version, t.partitions) });
    return actions;
  }

  /** The writes of a replace whose truth is an id row: the row, conditionally, with the claim's copy when colocated. */
  private replaceIdRow(t: TypeTable, id: string, stored: JsonObject, version: string, keys: ResourceIndexKeys, current: ResourceRow): RowWrite[] {
    const actions: RowWrite[] = [{ kind: 'update', entity: resourceEntity(id, stored, version, keys.unique, keys.shared, t.partitions), etag: current.etag }];
    if (colocated(keys.unique, id, t.partitions)) actions.push({ kind: 'upsert', entity: claimCopyEntity(keys.unique, id, stored, version, t.partitions) });
    if (current.unique !== keys.unique && colocated(current.unique, id, t.partitions)) actions.push({ kind: 'delete', entity: claimKeys(current.unique, t.partitions) });
    return actions;
  }

  async delete(type: ScimResourceType, id: string, options: ScimResourceWriteOptions = {}): Promise<void> {
    await this.tables.ensure();
    const t = this.typeTable(type);
    const current = await readIdRow(t, id, options.abortSignal);
    if (!current) throw new NotFoundError(`${type} ${id} not found`);
    if (options.ifMatch !== undefined && options.ifMatch !== current.version) throw versionMismatch(type, id);
    if (current.home) {
      // The home claim is the resource's only row: one conditional delete frees the name and removes it.
      const { partitionKey, rowKey } = claimKeys(current.unique, t.partitions);
      try {
        await t.table.client.deleteEntity(partitionKey, rowKey, { etag: current.etag, abortSignal: options.abortSignal });
      } catch (error) {
        throw deleteFailed(type, id, error);
      }
      await this.dropHints(t, current.shared, id);
    } else {
      await this.deleteIdRow(t, id, current);
    }
    if (type === 'Group') await writeMembers(this.tables, id, await readMembers(this.tables, id), false);
  }

  /**
   * A transaction cannot delete conditionally (the SDK sends If-Match: * for deletes), so the id row is first
   * turned into a tombstone, conditionally and in one transaction with the claim's copy, then removed.
   * Readers treat a tombstone as missing; one left by a crash is harmless (ids are never reused).
   */
  private async deleteIdRow(t: TypeTable, id: string, current: ResourceRow): Promise<void> {
    const near = colocated(current.unique, id, t.partitions);
    const actions: RowWrite[] = [{ kind: 'update', entity: tombstoneEntity(id, t.partitions), etag: current.etag }];
    if (near) actions.push({ kind: 'delete', entity: claimKeys(current.unique, t.partitions) });
    try {
      await this.submit(t, actions);
    } catch (error) {
      throw deleteFailed(t.type, id, error);
    }
    const { partitionKey, rowKey } = idRowKeys(id, t.partitions);
    await t.table.client.deleteEntity(partitionKey, rowKey).catch(() => undefined);
    await Promise.all([near ? Promise.resolve() : releaseClaim(t, current.unique, id), this.dropHints(t, current.shared, id)]);
  }

  async query(type: ScimResourceType, query: ScimResourceQuery): Promise<ScimResourcePage> {
    await this.tables.ensure();
    const t = this.typeTable(type);
    const first = Math.max(1, query.startIndex) - 1;
    const count = Math.max(0, query.count);
    const lookup = query.hints ? lookupFor(type, query.hints) : undefined;
    let page: ScimResourcePage;
    if (lookup) {
      const candidates = await this.candidates(t, lookup, query.abortSignal);
      const matches = candidates.filter((r) => !query.predicate || query.predicate(r.resource));
      matches.sort(query.sort ? (a, b) => query.sort!(a.resource, b.resource) : (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      page = { totalResults: matches.length, resources: matches.slice(first, first + count) };
    } else {
      page = await scanResources(t, query, first, count);
    }
    if (type !== 'Group' || !query.includeMembers) return page;
    return { totalResults: page.totalResults, resources: await Promise.all(page.resources.map((r) => this.attachMembers(r, query.abortSignal))) };
  }

  async addMembers(groupId: string, members: readonly (string | ScimMember)[], options: { abortSignal?: AbortSignal } = {}): Promise<void> {
    await this.tables.ensure();
    if (!(await readIdRow(this.typeTable('Group'), groupId, options.abortSignal))) throw new NotFoundError(`Group ${groupId} not found`);
    await writeMembers(this.tables, groupId, distinctMembers(members), true);
  }

  async removeMembers(groupId: string, memberIds: readonly string[]): Promise<void> {
    await this.tables.ensure();
    await writeMembers(this.tables, groupId, distinctMembers(memberIds), false);
  }

  async members(groupId: string, options: { abortSignal?: AbortSignal } = {}): Promise<string[]> {
    await this.tables.ensure();
    return (await readMembers(this.tables, groupId, options.abortSignal)).map((m) => m.value);
  }

  async groupsOf(memberId: string, options: { abortSignal?: AbortSignal } = {}): Promise<string[]> {
    await this.tables.ensure();
    return readGroupsOf(this.tables, memberId, options.abortSignal);
  }

  /**
   * The general create: claim with a pointer (takes over leftovers, tells a taken name apart), write every
   * hint, then the id row, with the claim's copy when they share a partition, in one transaction.
   */
  private async createSlowly(
    t: TypeTable,
    id: string,
    stored: JsonObject,
    version: string,
    keys: { unique: string; shared: string[] },
    inside: readonly string[],
    outside: readonly string[],
    abortSignal?: AbortSignal,
  ): Promise<void> {
    try {
      for (let round = 1; (await claimPointer(t, keys.unique, id, version, abortSignal)) === 'busy'; round++) await pause(round, t.type, id);
      await this.addHints(t, inside, id);
    } catch (error) {
      await this.dropHints(t, outside, id);
      throw error;
    }
    const actions: RowWrite[] = [{ kind: 'create', entity: resourceEntity(id, stored, version, keys.unique, keys.shared, t.partitions) }];
    if (colocated(keys.unique, id, t.partitions)) actions.push({ kind: 'upsert', entity: claimCopyEntity(keys.unique, id, stored, version, t.partitions) });
    try {
      await this.submit(t, actions);
    } catch (error) {
      await Promise.all([releaseClaim(t, keys.unique, id, version), this.dropHints(t, keys.shared, id)]);
      if (statusCodeOf(error) === 409) throw new ConflictError(`a ${t.type} with id "${id}" already exists`, 'uniqueness', { cause: error });
      throw toStorageError(error, `create ${t.type} ${id}`);
    }
  }

  /** The rows a resource needs (indexKeysOf), less an externalId row it can go without (ExternalIdDomains). */
  private async rowsOf(type: ScimResourceType, resource: JsonObject): Promise<ResourceIndexKeys> {
    const keys = indexKeysOf(type, resource);
    return { unique: keys.unique, shared: await this.domains.withoutImplicit(type, resource, keys.shared) };
  }

  /** Holders of the claims `<externalId>@<domain>` for each registered domain (ExternalIdDomains), unchecked. */
  private async viaDomains(t: TypeTable, externalId: string, abortSignal?: AbortSignal): Promise<ScimResourceRecord[]> {
    const keys = (await this.domains.read(abortSignal)).flatMap((domain) => {
      try {
        return [indexKey('User', 'userName', `${externalId}@${domain}`)];
      } catch {
        return []; // too long to be anyone's userName
      }
    });
    return (await Promise.all(keys.map((key) => this.candidates(t, { kind: 'unique', key }, abortSignal)))).flat();
  }

  private async candidates(t: TypeTable, lookup: HintLookup, abortSignal?: AbortSignal): Promise<ScimResourceRecord[]> {
    if (lookup.kind === 'unique') {
      const claim = await readClaimRow(t, lookup.key, abortSignal);
      if (!claim) return [];
      // A home row is the resource; a copy is written only in the id row's transaction: one read. A pointer (after
      // a rename, or a claim still in flight) is followed and believed only if the truth holds the key.
      if (claim.copy) return [{ id: claim.id, resource: claim.copy.resource, version: claim.copy.version }];
      const row = await readIdRow(t, claim.id, abortSignal);
      return row?.unique === lookup.key ? [record(row)] : [];
    }
    if (lookup.kind === 'id') {
      const row = await readIdRow(t, lookup.id, abortSignal);
      return row ? [record(row)] : [];
    }
    const [viaClaim, viaDomain, ids] = await Promise.all([
      lookup.unique === undefined ? [] : this.candidates(t, { kind: 'unique', key: lookup.unique }, abortSignal),
      lookup.externalId === undefined ? [] : this.viaDomains(t, lookup.externalId, abortSignal),
      readSharedIds(t, lookup.key, abortSignal),
    ]);
    const rows = await Promise.all(ids.map((id) => readIdRow(t, id, abortSignal)));
    const hinted = rows.filter((r): r is ResourceRow => r !== undefined && r.shared.includes(lookup.key)).map(record);
    // The holder of the userName equal to the email, or of `<externalId>@<registered domain>`, carries no shared
    // row for it (indexKeysOf, ExternalIdDomains): believed if it still carries the value.
    const claimed = new Map<string, ScimResourceRecord>();
    for (const c of [...viaClaim, ...viaDomain]) {
      if (!hinted.some((h) => h.id === c.id) && sharedKeysOf(t.type, c.resource).includes(lookup.key)) claimed.set(c.id, c);
    }
    return [...hinted, ...claimed.values()];
  }

  private async addHints(t: TypeTable, keys: readonly string[], id: string): Promise<void> {
    try {
      await Promise.all(keys.map((k) => addToSharedRow(t, k, id)));
    } catch (error) {
      await this.dropHints(t, keys, id);
      throw error;
    }
  }

  private async dropHints(t: TypeTable, keys: readonly string[], id: string): Promise<void> {
    await Promise.all(keys.map((k) => removeFromSharedRow(t, k, id)));
  }

  /** All or nothing (one entity-group transaction, which group commit may share with other requests' units). */
  private async submit(t: TypeTable, writes: RowWrite[]): Promise<void> {
    await t.table.commit.writeTogether(writes);
  }

  private attachMembers = async (record: ScimResourceRecord, abortSignal?: AbortSignal): Promise<ScimResourceRecord> => ({
    ...record,
    resource: withMembers(record.resource, await readMembers(this.tables, record.id, abortSignal)),
  });

  private typeTable(type: ScimResourceType): TypeTable {
    return { type, table: this.tables.resources[type], partitions: this.tables.partitions };
  }
}

function record(row: ResourceRow): ScimResourceRecord {
  return { id: row.id, resource: row.resource, version: row.version };
}

function idOf(resource: JsonObject): string {
  if (typeof resource.id !== 'string' || resource.id === '') throw new TypeError('a stored resource needs a string id');
  return resource.id;
}

/** Waits before another round of a write that lost a race; gives up with a retryable error after WRITE_ROUNDS. */
async function pause(round: number, type: ScimResourceType, id: string, cause?: unknown): Promise<void> {
  if (round >= WRITE_ROUNDS) throw new TransientError(`${type} ${id} kept changing under concurrent writers`, cause === undefined ? {} : { cause });
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * round));
}

/** True when `id` was minted for `uniqueKey` (resourceIds), so that the key's claim row can be the resource's truth. */
function isHomeOf(id: string, uniqueKey: string, partitions: number): boolean {
  const home = homeClaimKeys(id);
  return home !== undefined && home.partitionKey === indexPartition(uniqueKey, partitions) && home.rowKey === claimKeys(uniqueKey, partitions).rowKey;
}

function deleteFailed(type: ScimResourceType, id: string, error: unknown): Error {
  const status = statusCodeOf(error);
  if (status === 404) return new NotFoundError(`${type} ${id} not found`, { cause: error });
  if (status === 412) return versionMismatch(type, id, error);
  return toStorageError(error, `delete ${type} ${id}`);
}

function versionMismatch(type: ScimResourceType, id: string, cause?: unknown): ConflictError {
  return new ConflictError(`${type} ${id} has changed since the version given`, 'invalidVers', cause === undefined ? {} : { cause });
}
