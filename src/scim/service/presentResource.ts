import { isJsonObject, type JsonObject, type JsonValue } from '../../domain/identityObject';
import type { ScimResourceRecord, ScimResourceType } from '../store/scimResourceStore';
import { resourceLocation } from './resourceLocation';

/**
 * The resource as served, before projection: the stored state plus what depends on the URL the client used
 * (RFC 7643 §3.1 `meta.location`; `meta.version` lives beside the row): `meta.version`, `meta.location`, and
 * the `$ref` of each group member whose type is known (§4.2) and of each group a user is in (§4.1.2), which
 * point at `<base>/Users/<id>` or `<base>/Groups/<id>`. A member's `display` is not shown: it would cost a
 * read per member, or go stale in the member rows when the member is renamed.
 */
export function presentResource(type: ScimResourceType, record: ScimResourceRecord, baseUrl: string): JsonObject {
  const stored = record.resource.meta;
  const meta = isJsonObject(stored) ? stored : {};
  const resource: JsonObject = { ...record.resource, id: record.id, meta: { ...meta, resourceType: type, version: record.version, location: resourceLocation(baseUrl, type, record.id) } };
  if (type === 'Group' && Array.isArray(resource.members)) resource.members = resource.members.map((m) => withRef(m, baseUrl, memberType(m)));
  if (type === 'User' && Array.isArray(resource.groups)) resource.groups = resource.groups.map((g) => withRef(g, baseUrl, 'Group'));
  return resource;
}

function memberType(member: JsonValue): ScimResourceType | undefined {
  const type = isJsonObject(member) ? member.type : undefined;
  return type === 'User' || type === 'Group' ? type : undefined;
}

/** `{value, $ref, ...}` when the referenced type is known; anything else as it is. */
function withRef(reference: JsonValue, baseUrl: string, type: ScimResourceType | undefined): JsonValue {
  if (!isJsonObject(reference) || typeof reference.value !== 'string' || type === undefined) return reference;
  return { ...reference, $ref: resourceLocation(baseUrl, type, reference.value) };
}
