import { SCIM_ENTERPRISE_USER } from '../scimSchemas';
import type { AttributeTraits } from './attributeTraits';
import type { FilterAttributePath } from './scimFilter';

const STRING: AttributeTraits = { type: 'string', caseExact: false };
const EXACT: AttributeTraits = { type: 'string', caseExact: true };
const BOOLEAN: AttributeTraits = { type: 'boolean', caseExact: false };
const DATE_TIME: AttributeTraits = { type: 'dateTime', caseExact: false };
const COMPLEX: AttributeTraits = { type: 'complex', caseExact: false };
const REFERENCE: AttributeTraits = { type: 'reference', caseExact: false };
// RFC 7643 §2.3.6: base64 text, in which case distinguishes values.
const BINARY: AttributeTraits = { type: 'binary', caseExact: true };

/**
 * Core User and Group attributes (RFC 7643 §4.1, §4.2, §4.3 and the schemas of §8.7), lower-cased, whose
 * traits differ from a case-insensitive string. Keys are `attribute` or `attribute.subAttribute`.
 */
const CORE = new Map<string, AttributeTraits>([
  // RFC 7643 §3.1: id and externalId have caseExact true.
  ['id', EXACT],
  ['externalid', EXACT],
  ['active', BOOLEAN],
  ['profileurl', REFERENCE],
  ['meta', COMPLEX],
  ['meta.created', DATE_TIME],
  ['meta.lastmodified', DATE_TIME],
  ['meta.location', REFERENCE],
  // An entity tag: compared octet by octet (RFC 7644 §3.14, RFC 7232 §2.3.2).
  ['meta.version', EXACT],
  ['name', COMPLEX],
  ['emails', COMPLEX],
  ['phonenumbers', COMPLEX],
  ['ims', COMPLEX],
  ['photos', COMPLEX],
  ['photos.value', REFERENCE],
  ['addresses', COMPLEX],
  ['groups', COMPLEX],
  ['entitlements', COMPLEX],
  ['roles', COMPLEX],
  ['x509certificates', COMPLEX],
  ['x509certificates.value', BINARY],
  ['members', COMPLEX],
]);

/** RFC 7643 §4.3: the enterprise User extension. */
const ENTERPRISE = new Map<string, AttributeTraits>([
  ['manager', COMPLEX],
  ['manager.$ref', REFERENCE],
]);

/**
 * Traits of the core User/Group and enterprise User attributes, until the schema registry supplies the
 * real ones; everything else is a case-insensitive string, which RFC 7643 §2.2 makes the default.
 * `primary` is boolean and `$ref` a reference wherever they appear (RFC 7643 §2.4, §2.3.7).
 */
export function defaultTraits(path: FilterAttributePath): AttributeTraits {
  const sub = path.subAttribute?.toLowerCase();
  if (sub === 'primary') return BOOLEAN;
  if (sub === '$ref') return REFERENCE;
  const key = sub === undefined ? path.attribute.toLowerCase() : `${path.attribute.toLowerCase()}.${sub}`;
  if (path.schemaUrn === undefined) {
    // Unqualified names that are not core resolve to the enterprise extension (see matchesScimFilter).
    return CORE.get(key) ?? ENTERPRISE.get(key) ?? STRING;
  }
  if (path.schemaUrn.toLowerCase() === SCIM_ENTERPRISE_USER.toLowerCase()) return ENTERPRISE.get(key) ?? STRING;
  return STRING;
}
