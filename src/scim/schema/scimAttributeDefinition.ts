/**
 * RFC 7643 §7 attribute characteristics, and the §6/§7 shapes of schemas and resource types, as the
 * registry holds them. The same objects are served by /Schemas and /ResourceTypes, so what the service
 * validates and what it advertises cannot drift apart.
 */

/** RFC 7643 §2.3 data types. */
export type ScimAttributeType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'binary' | 'complex';

/** RFC 7643 §7 `mutability`. */
export type ScimMutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';

/** RFC 7643 §7 `returned`. */
export type ScimReturned = 'always' | 'never' | 'default' | 'request';

/** RFC 7643 §7 `uniqueness`. */
export type ScimUniqueness = 'none' | 'server' | 'global';

export const SCIM_ATTRIBUTE_TYPES: readonly ScimAttributeType[] = ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'binary', 'complex'];
export const SCIM_MUTABILITIES: readonly ScimMutability[] = ['readOnly', 'readWrite', 'immutable', 'writeOnly'];
export const SCIM_RETURNED: readonly ScimReturned[] = ['always', 'never', 'default', 'request'];
export const SCIM_UNIQUENESSES: readonly ScimUniqueness[] = ['none', 'server', 'global'];

export interface ScimAttributeDefinition {
  readonly name: string;
  readonly type: ScimAttributeType;
  readonly multiValued: boolean;
  readonly description?: string;
  readonly required: boolean;
  /** Suggested values (RFC 7643 §7): advertised, not enforced, since Entra sends its own (e.g. role types). */
  readonly canonicalValues?: readonly string[];
  readonly caseExact: boolean;
  readonly mutability: ScimMutability;
  readonly returned: ScimReturned;
  readonly uniqueness: ScimUniqueness;
  /** Only for `complex`; RFC 7643 §2.3.8 forbids complex sub-attributes, so this nests one level deep. */
  readonly subAttributes?: readonly ScimAttributeDefinition[];
  /** Only for `reference`: resource type names, `external` or `uri` (RFC 7643 §7). */
  readonly referenceTypes?: readonly string[];
}

/** RFC 7643 §7: a schema, by URN. The common attributes (§3.1) are not listed in any schema. */
export interface ScimSchemaDefinition {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly attributes: readonly ScimAttributeDefinition[];
}

/** RFC 7643 §6: a resource type, its core schema and its extensions. */
export interface ScimResourceTypeDefinition {
  /** Also the name, e.g. `User` (RFC 7643 §6 `id`, `name`). */
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** Relative to the SCIM base URL, e.g. `/Users`. */
  readonly endpoint: string;
  readonly schema: string;
  readonly schemaExtensions: readonly { readonly schema: string; readonly required: boolean }[];
}

/** What filters and sorting need to know about an attribute path (RFC 7644 §3.4.2.2, §3.4.2.3). */
export interface ScimAttributeTraits {
  readonly type: ScimAttributeType;
  readonly caseExact: boolean;
  /** True when the path can yield several values: the attribute, or the complex attribute holding it, is multi-valued. */
  readonly multiValued: boolean;
  readonly mutability: ScimMutability;
  readonly returned: ScimReturned;
  readonly uniqueness: ScimUniqueness;
}
