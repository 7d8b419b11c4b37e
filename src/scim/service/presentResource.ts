import { isJsonObject, type JsonObject } from '../../domain/identityObject';
import type { ScimResourceRecord, ScimResourceType } from '../store/scimResourceStore';
import { resourceLocation } from './resourceLocation';

/**
 * The resource as served, before projection: the stored state plus `meta.version` and `meta.location`
 * (RFC 7643 §3.1), which are not stored because the version lives beside the row and the location depends
 * on the URL the client used.
 */
export function presentResource(type: ScimResourceType, record: ScimResourceRecord, baseUrl: string): JsonObject {
  const stored = record.resource.meta;
  const meta = isJsonObject(stored) ? stored : {};
  return { ...record.resource, id: record.id, meta: { ...meta, resourceType: type, version: record.version, location: resourceLocation(baseUrl, type, record.id) } };
}
