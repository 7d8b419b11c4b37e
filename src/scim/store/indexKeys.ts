import type { JsonObject, JsonValue } from '../../domain/identityObject';
import { partitionOf } from '../../state/tables/partitionOf';
import type { ScimResourceType } from './scimResourceStore';
import { tableKey } from './tableKey';

/**
 * Index RowKeys: `<type>|<attribute>|<value>`. `userName`, `displayName` and `emails.value` are caseExact
 * false (RFC 7643 §4.1.1, §4.1.2, §4.2) and are lowercased; `externalId` is caseExact (RFC 7643 §3.1).
 */
export interface ResourceIndexKeys {
  /** The unique-value row (User userName, Group displayName), which also holds a copy of the resource. */
  unique: string;
  /** Rows listing the ids that carry a non-unique value (externalId, emails.value). */
  shared: string[];
}

type IndexedAttribute = 'userName' | 'displayName' | 'externalId' | 'emails.value';

const UNIQUE: Record<ScimResourceType, IndexedAttribute> = { User: 'userName', Group: 'displayName' };
const SHARED: Record<ScimResourceType, readonly IndexedAttribute[]> = { User: ['externalId', 'emails.value'], Group: ['externalId'] };

export function indexKey(type: ScimResourceType, attribute: IndexedAttribute, value: string): string {
  const normalised = attribute === 'externalId' ? value : value.toLowerCase();
  return tableKey(`${type}|${attribute}|${normalised}`, attribute);
}

/**
 * The partition of an index row: a hash of the value's stem alone (not of `<type>|<attribute>|`): of an
 * email-like value (`local@domain`) its local part, of anything else the whole value, lowercased. Entra's
 * default mappings (reference §2.9) send userName = userPrincipalName, the work email = mail (usually the same
 * address), and externalId = mailNickname (usually the UPN's local part): all three rows then share the claim's
 * partition, and one transaction writes them with the resource, so a create is one Table request instead of
 * two (docs/scim-storage.md). Values only pick the partition by their stem; RowKeys keep the whole value.
 * Changing this function changes where rows are (STORE_LAYOUT_VERSION).
 */
export function indexPartition(key: string, partitions: number): string {
  const afterType = key.indexOf('|');
  return partitionOf(partitionStem(key.slice(key.indexOf('|', afterType + 1) + 1)), partitions);
}

function partitionStem(value: string): string {
  const at = value.lastIndexOf('@');
  return (at > 0 ? value.slice(0, at) : value).toLowerCase();
}

export function uniqueValue(type: ScimResourceType, resource: JsonObject): string {
  const value = resource[UNIQUE[type]];
  if (typeof value !== 'string' || value === '') throw new TypeError(`a stored ${type} needs a string ${UNIQUE[type]}`);
  return value;
}

/**
 * The rows a resource needs: its claim, and a shared row per externalId and email, except an email equal to
 * the userName (case-insensitively, as both are compared): Entra's default mappings send mail = userPrincipalName,
 * and such an email is found through the userName's claim instead (lookupFor's `unique`), which saves a row in
 * every create's transaction. Rows written before this rule list the email; they are still read and dropped
 * on the resource's next write.
 */
export function indexKeysOf(type: ScimResourceType, resource: JsonObject): ResourceIndexKeys {
  const unique = uniqueValue(type, resource);
  const claimed = type === 'User' ? indexKey(type, 'emails.value', unique) : undefined;
  return { unique: indexKey(type, UNIQUE[type], unique), shared: sharedKeysOf(type, resource).filter((key) => key !== claimed) };
}

/** Every shared-row key the resource's values name (an email equal to the userName included). */
export function sharedKeysOf(type: ScimResourceType, resource: JsonObject): string[] {
  const shared = new Set<string>();
  for (const attribute of SHARED[type]) for (const value of valuesOf(resource, attribute)) shared.add(indexKey(type, attribute, value));
  return [...shared];
}

/**
 * How a hint is answered: by id, by the unique row, by a shared row, or not at all (scan). An email is looked up
 * in its shared row and in the claim of the userName equal to it (`unique`; see indexKeysOf).
 */
export type HintLookup =
  | { kind: 'id'; id: string }
  | { kind: 'unique'; key: string }
  /** `externalId`: a User's externalId as given, also looked for through the claims of `<externalId>@<domain>` (ExternalIdDomains). */
  | { kind: 'shared'; key: string; unique?: string; externalId?: string };

/** The cheapest lookup the hints allow: id, then the unique value, then a shared value. */
export function lookupFor(type: ScimResourceType, hints: readonly { attribute: string; value: JsonValue }[]): HintLookup | undefined {
  const find = (attribute: string): string | undefined => {
    const hit = hints.find((h) => plainName(type, h.attribute) === attribute.toLowerCase() && typeof h.value === 'string');
    return typeof hit?.value === 'string' ? hit.value : undefined;
  };
  const id = find('id');
  if (id !== undefined) return { kind: 'id', id };
  const unique = find(UNIQUE[type]);
  if (unique !== undefined) return { kind: 'unique', key: indexKey(type, UNIQUE[type], unique) };
  for (const attribute of SHARED[type]) {
    const value = find(attribute);
    if (value === undefined) continue;
    const claim = type === 'User' && attribute === 'emails.value' ? { unique: indexKey(type, UNIQUE[type], value) } : {};
    const domains = type === 'User' && attribute === 'externalId' ? { externalId: value } : {};
    return { kind: 'shared', key: indexKey(type, attribute, value), ...claim, ...domains };
  }
  return undefined;
}

/** `urn:ietf:params:scim:schemas:core:2.0:User:userName` names `userName` (RFC 7644 §3.10); names are case-insensitive. */
function plainName(type: ScimResourceType, attribute: string): string {
  const lower = attribute.toLowerCase();
  const urn = `urn:ietf:params:scim:schemas:core:2.0:${type.toLowerCase()}:`;
  return lower.startsWith(urn) ? lower.slice(urn.length) : lower;
}

function valuesOf(resource: JsonObject, attribute: IndexedAttribute): string[] {
  if (attribute !== 'emails.value') {
    const value = resource[attribute];
    return typeof value === 'string' && value !== '' ? [value] : [];
  }
  const emails: JsonValue | undefined = resource.emails;
  if (!Array.isArray(emails)) return [];
  return emails.flatMap((email) => {
    const value = typeof email === 'object' && email !== null && !Array.isArray(email) ? email.value : undefined;
    return typeof value === 'string' && value !== '' ? [value] : [];
  });
}
