/**
 * The RFC 7644 §3.4.2.2 filter tree, shared by list filters (`GET ?filter=`), `.search` (§3.4.3) and the
 * value filters of PATCH paths and attribute mappings (§3.5.2, `emails[type eq "work"]`).
 */
import type { ScimLiteral } from '../scimPath';

/**
 * An attrPath (RFC 7644 §3.10): `userName`, `name.givenName`, `urn:...:enterprise:2.0:User:manager.value`.
 * Names keep the caller's spelling but compare case-insensitively (RFC 7643 §2.1); a core User/Group URN
 * is dropped when parsing, because core attributes live at the top level of a resource.
 */
export interface FilterAttributePath {
  /** An extension schema URN, never a core one. */
  schemaUrn?: string;
  attribute: string;
  subAttribute?: string;
}

/** The attribute a value path selects elements of (`emails` in `emails[type eq "work"]`): no sub-attribute. */
export type ValuePathAttribute = Omit<FilterAttributePath, 'subAttribute'>;

/** RFC 7644 §3.4.2.2 Table 3, lower-cased (operators are case-insensitive). */
export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

export interface CompareFilter {
  kind: 'compare';
  path: FilterAttributePath;
  operator: CompareOperator;
  value: ScimLiteral;
}

export interface PresentFilter {
  kind: 'present';
  path: FilterAttributePath;
}

export interface LogicalFilter {
  kind: 'and' | 'or';
  left: ScimFilter;
  right: ScimFilter;
}

export interface NotFilter {
  kind: 'not';
  filter: ScimFilter;
}

/**
 * `emails[type eq "work" and value co "@contoso.com"]`: some element of the multi-valued attribute satisfies
 * `filter`, whose paths name sub-attributes of the element (`{ attribute: "type" }`).
 */
export interface ValuePathFilter {
  kind: 'valuePath';
  path: ValuePathAttribute;
  filter: ScimFilter;
}

export type ScimFilter = CompareFilter | PresentFilter | LogicalFilter | NotFilter | ValuePathFilter;

export const COMPARE_OPERATORS: readonly CompareOperator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
