import { isJsonObject, type JsonObject } from '../../domain/identityObject';
import type { ScimResourceType } from '../store/scimResourceStore';

/**
 * The resource to store: the prepared client attributes, the id (none on create: the store mints it) and
 * `meta` (RFC 7643 §3.1):
 * `created` kept from `previous` (or now, on create), `lastModified` now. version/location are not stored.
 */
export function stampMeta(type: ScimResourceType, id: string | undefined, resource: JsonObject, now: Date, previous?: JsonObject): JsonObject {
  const stamp = now.toISOString();
  const old = previous && isJsonObject(previous.meta) ? previous.meta : {};
  const created = typeof old.created === 'string' ? old.created : stamp;
  return { ...resource, ...(id === undefined ? {} : { id }), meta: { resourceType: type, created, lastModified: stamp } };
}
