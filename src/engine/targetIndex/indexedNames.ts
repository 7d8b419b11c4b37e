import { formatScimPath, parseScimPath } from '../../scim/scimPath';

/**
 * The index's name for a matching attribute: its SCIM path parsed and printed again, lower-cased, so that
 * `userName`, `UserName` and `urn:ietf:params:scim:schemas:core:2.0:User:userName` share entries (attribute
 * names are case-insensitive, RFC 7643 §2.1; the core URN is dropped when parsing).
 */
export function indexedAttributeName(targetAttributeName: string): string {
  return formatScimPath(parseScimPath(targetAttributeName)).toLowerCase();
}

/** The index's name for a target object type (a mapping's targetObjectName): object type names are case-insensitive. */
export function indexedTargetType(targetObjectName: string): string {
  return targetObjectName.trim().toLowerCase();
}
