import { randomBytes } from 'node:crypto';
import type { TableEntity } from '@azure/data-tables';
import type { JsonObject } from '../../domain/identityObject';
import { partitionOf } from './partitionOf';
import { fromChunks, toChunks } from './resourceChunks';
import { tableKey } from './tableKey';

/** A resource row as read: the resource, its version, the index rows it holds and the row's ETag. */
export interface ResourceRow {
  id: string;
  resource: JsonObject;
  version: string;
  unique: string;
  shared: string[];
  etag: string;
}

/** A unique-value row as read: the holder's id and a copy of its resource at `version`. */
export interface UniqueRow {
  id: string;
  resource: JsonObject;
  version: string;
  etag: string;
  timestamp?: string;
}

/** A new weak ETag (RFC 7232 §2.3): opaque, different for every write. */
export function newVersion(): string {
  return `W/"${randomBytes(9).toString('base64url')}"`;
}

export function resourceRowKeys(id: string, partitions: number): { partitionKey: string; rowKey: string } {
  const rowKey = tableKey(id, 'id');
  return { partitionKey: partitionOf(rowKey, partitions), rowKey };
}

export function resourceEntity(id: string, resource: JsonObject, version: string, unique: string, shared: readonly string[], partitions: number): TableEntity {
  return { ...resourceRowKeys(id, partitions), id, version, unique, shared: JSON.stringify(shared), ...toChunks(resource) };
}

export function uniqueEntity(key: string, id: string, resource: JsonObject, version: string, partitions: number): TableEntity {
  return { partitionKey: partitionOf(key, partitions), rowKey: key, id, version, ...toChunks(resource) };
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
  };
}

export function readUniqueEntity(entity: Record<string, unknown> & { etag: string }): UniqueRow {
  const timestamp = typeof entity.timestamp === 'string' ? entity.timestamp : undefined;
  return { id: String(entity.id), resource: fromChunks(entity), version: String(entity.version), etag: entity.etag, ...(timestamp ? { timestamp } : {}) };
}
