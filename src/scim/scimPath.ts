/**
 * RFC 7644 §3.10 attribute paths, as used by SCIM PATCH `path` values, by list filters and by Entra
 * attribute mappings (`emails[type eq "work"].value`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`).
 *
 * Attribute names are case-insensitive (RFC 7643 §2.1); a parsed path keeps the caller's spelling so that
 * values written through it look the way the caller wrote them.
 */

import type { FilterAttributePath, ScimFilter } from './filter/scimFilter';

/** A filter value literal (RFC 7644 §3.4.2.2 compValue). */
export type ScimLiteral = string | boolean | number | null;

/**
 * `[schemaUrn:]attribute[filter][.subAttribute]`. The schema URN is never the core User/Group URN (a
 * core-prefixed path is a plain path).
 */
export interface ScimPath extends FilterAttributePath {
  /**
   * Selects elements of a multi-valued attribute: any RFC 7644 §3.4.2.2 valFilter, whose names are
   * sub-attributes of the element (`{ attribute: "type" }` in `emails[type eq "work"]`).
   */
  filter?: ScimFilter;
}

export { parseScimPath } from './parseScimPath';
export { formatScimPath } from './formatScimPath';
export { getPathValue } from './getPathValue';
export { setPathValue } from './setPathValue';
export { removePathValue } from './removePathValue';
