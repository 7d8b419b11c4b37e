/**
 * RFC 7644 §3.10 attribute paths, as used by SCIM PATCH `path` values, by list filters and by Entra
 * attribute mappings (`emails[type eq "work"].value`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`).
 *
 * Attribute names are case-insensitive (RFC 7643 §2.1); a parsed path keeps the caller's spelling so that
 * values written through it look the way the caller wrote them.
 */

/** A filter value literal (RFC 7644 §3.4.2.2 compValue). */
export type ScimLiteral = string | boolean | number | null;

/** `attribute eq value` inside a value filter: `type eq "work"`. */
export interface EqComparison {
  attribute: string;
  operator: 'eq';
  value: ScimLiteral;
}

/**
 * The filter between brackets in `emails[type eq "work"]`. The first comparison is inline so that the
 * common single-`eq` case reads naturally; `and` lists further comparisons that must all hold as well
 * (`emails[type eq "work" and primary eq true]`). Other operators (`or`, `not`, `ne`, `co`, ...) are not
 * supported yet.
 */
export interface ValueFilter extends EqComparison {
  and?: EqComparison[];
}

export interface ScimPath {
  /** An extension schema URN; never the core User/Group URN (a core-prefixed path is a plain path). */
  schemaUrn?: string;
  attribute: string;
  /** Selects elements of a multi-valued attribute. */
  filter?: ValueFilter;
  subAttribute?: string;
}

export { parseScimPath } from './parseScimPath';
export { formatScimPath } from './formatScimPath';
export { getPathValue } from './getPathValue';
export { setPathValue } from './setPathValue';
export { removePathValue } from './removePathValue';
export { valueFilterComparisons, matchesValueFilter } from './matchesValueFilter';
