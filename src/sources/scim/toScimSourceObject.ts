import type { TargetObject } from '../../connectors/targetConnector';
import { isJsonObject, type JsonObject } from '../../domain/identityObject';
import { lastModifiedOf } from '../lastModifiedOf';
import type { SourceObject } from '../sourceConnector';
import type { SourceObjectType } from '../sourceObjectType';

/**
 * A resource read from a SCIM source as the object to stage: keyed by its `id`, versioned by meta.lastModified,
 * the data as the source sent it (mappings read it by SCIM path, as they read the built-in directory's).
 * A group's members are reduced to what the gateway stages for directory groups, `{value}` (the member's
 * source id), plus `type` when the source says it (`Group` members are nested groups, read by
 * readMemberReferences): `display` and `$ref` change when a member is renamed or the source moves, which would
 * make the group look changed to the cycle's content hash. Members are sorted, for the same reason.
 */
export function toScimSourceObject(objectType: SourceObjectType, resource: TargetObject): SourceObject {
  const data = objectType === 'Group' ? withPlainMembers(resource.data) : resource.data;
  const version = lastModifiedOf(data);
  return { objectType, key: resource.id, data, ...(version === undefined ? {} : { version }) };
}

function withPlainMembers(group: JsonObject): JsonObject {
  if (!Array.isArray(group.members)) return group;
  const members = new Map<string, JsonObject>();
  for (const member of group.members) {
    if (!isJsonObject(member) || typeof member.value !== 'string' || member.value === '') continue;
    const type = typeof member.type === 'string' && member.type !== '' ? member.type : undefined;
    members.set(`${member.value}|${type ?? ''}`, type === undefined ? { value: member.value } : { value: member.value, type });
  }
  const sorted = [...members.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, member]) => member);
  return { ...group, members: sorted };
}
