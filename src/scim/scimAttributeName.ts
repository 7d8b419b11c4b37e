import { SCIM_CORE_GROUP, SCIM_CORE_USER } from './scimSchemas';

/**
 * RFC 7643 §2.1 ATTRNAME (ALPHA *(ALPHA / DIGIT / "-" / "_")), plus `$ref`, which RFC 7643 itself uses
 * as a sub-attribute name (members[].$ref, manager.$ref).
 */
export function isScimAttributeName(name: string): boolean {
  return /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/.test(name);
}

/** Core URNs qualify attributes that live at the top level, so they are dropped when parsing. */
export function isCoreSchemaUrn(urn: string): boolean {
  const lower = urn.toLowerCase();
  return lower === SCIM_CORE_USER.toLowerCase() || lower === SCIM_CORE_GROUP.toLowerCase();
}
