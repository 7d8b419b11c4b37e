import type { ScimAttributeDefinition, ScimSchemaDefinition } from './scimAttributeDefinition';

/**
 * An attribute path (RFC 7644 §3.10) resolved against a resource type's schemas. `attribute` is absent
 * when the path names an extension schema as a whole (`urn:...:enterprise:2.0:User`), which
 * `attributes`/`excludedAttributes` allow.
 */
export interface ResolvedScimPath {
  /** The schema the attribute belongs to; the core schema for the common attributes (id, externalId, meta). */
  readonly schema: ScimSchemaDefinition;
  readonly isExtension: boolean;
  readonly attribute?: ScimAttributeDefinition;
  readonly subAttribute?: ScimAttributeDefinition;
}
