import { isJsonObject, type JsonObject } from '../../domain/identityObject';
import type { ScimUserRecord } from '../scimUserStore';

/** The resource as served: stored state plus `meta.version` and `meta.location`, which are not stored. */
export function presentScimUser(record: ScimUserRecord, location: string): JsonObject {
  const stored = record.resource.meta;
  const meta = isJsonObject(stored) ? stored : {};
  return { ...record.resource, id: record.id, meta: { ...meta, resourceType: 'User', version: record.version, location } };
}
