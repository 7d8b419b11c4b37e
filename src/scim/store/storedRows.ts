import type { TableEntity } from '@azure/data-tables';
import type { JsonObject } from '../../domain/identityObject';
import { indexPartition } from './indexKeys';
import { RandomPool } from './randomPool';
import { fromChunks, toChunks } from './resourceChunks';
import { claimHash, claimRowKey, idRowKeys } from './resourceIds';

/**
 * The truth about a resource as read: the resource, its version, the index rows it holds and the row's ETag.
 * `home`: the row is the claim of the unique value the id was minted under (homeEntity), not an id row.
 */
export interface ResourceRow {
  id: string;
  resource: JsonObject;
  version: string;
  unique: string;
  shared: string[];
  etag: string;
  home: boolean;
}

/**
 * A claim row as read: the holder's id and, when the claim shares the id row's partition (and so is only
 * ever written in the same transaction as the id row), a copy of the resource at `version`.
 */
export interface UniqueRow {
  id: string;
  /** The holder's own truth (homeEntity): never released or taken over as a leftover. */
  home: boolean;
  /** The version of the write that claimed it (which of two concurrent writes of one resource owns it). */
  token: string;
  copy?: { resource: JsonObject; version: string };
  etag: string;
  timestamp?: string;
}

/** 72 random bits per version. */
const versionBytes = new RandomPool(9);

/** A new weak ETag (RFC 7232 §2.3): opaque, different for every write. */
export function newVersion(): string {
  return `W/"${versionBytes.next('base64url')}"`;
}

export function resourceEntity(id: string, resource: JsonObject, version: string, unique: string, shared: readonly string[], partitions: number): TableEntity {
  return { ...idRowKeys(id, partitions), id, version, unique, shared: JSON.stringify(shared), ...toChunks(resource) };
}

/** What a deleted id row is until its removal (see TableScimResourceStore.delete): readers skip it. */
export function tombstoneEntity(id: string, partitions: number): TableEntity {
  return { ...idRowKeys(id, partitions), id, deleted: true };
}

export function isTombstone(entity: Record<string, unknown>): boolean {
  return entity.deleted === true;
}

/**
 * The claim row of a unique key: in the partition of the value's stem (indexPartition), under a hash of the key,
 * so that an id minted for the key can name the row (resourceIds). Claim rows also carry the key itself (`unique`).
 */
export function claimKeys(key: string, partitions: number): { partitionKey: string; rowKey: string } {
  return { partitionKey: indexPartition(key, partitions), rowKey: claimRowKey(claimHash(key)) };
}

/**
 * A resource created under its unique value and still holding it: its claim row is its only row (besides shared
 * rows), and the truth (`home: true`), found by `userName eq` and, through the id, by `get(id)`: a create is one
 * insert, a replace that keeps the name one conditional update, a delete one conditional delete.
 */
export function homeEntity(key: string, id: string, resource: JsonObject, version: string, shared: readonly string[], partitions: number): TableEntity {
  return { ...claimKeys(key, partitions), id, version, unique: key, shared: JSON.stringify(shared), home: true, ...toChunks(resource) };
}

/** True when the claim row of `key` and the id row of `id` share a partition (one transaction writes both). */
export function colocated(key: string, id: string, partitions: number): boolean {
  return indexPartition(key, partitions) === idRowKeys(id, partitions).partitionKey;
}

/** The claim with a full copy: written only together with the id row, in one transaction. */
export function claimCopyEntity(key: string, id: string, resource: JsonObject, version: string, partitions: number): TableEntity {
  return { ...claimKeys(key, partitions), id, version, unique: key, ...toChunks(resource) };
}

/** The claim alone (holder id, and the claiming write's version), for a claim outside its id row's partition. */
export function claimPointerEntity(key: string, id: string, token: string, partitions: number): TableEntity {
  return { ...claimKeys(key, partitions), id, token, unique: key };
}

export function readResourceEntity(entity: Record<string, unknown> & { etag: string }): ResourceRow {
  const shared: unknown = JSON.parse(typeof entity.shared === 'string' ? entity.shared : '[]');
  return {
    id: String(entity.id),
    resource: fromChunks(entity),
    version: String(entity.version),
    unique: String(entity.unique),
    shared: Array.isArray(shared) ? shared.filter((k): k is string => typeof k === 'string') : [],
    etag: entity.etag,
    home: entity.home === true,
  };
}

export function readUniqueEntity(entity: Record<string, unknown> & { etag: string }): UniqueRow {
  const timestamp = typeof entity.timestamp === 'string' ? entity.timestamp : undefined;
  const copy = typeof entity.r0 === 'string' ? { resource: fromChunks(entity), version: String(entity.version) } : undefined;
  const token = String(entity.token ?? entity.version);
  return { id: String(entity.id), home: entity.home === true, token, etag: entity.etag, ...(copy ? { copy } : {}), ...(timestamp ? { timestamp } : {}) };
}
