import type { ScimSchemaDefinition } from './scimAttributeDefinition';

/** The resource types a configured extension can extend. */
export type ExtensibleResourceType = 'User' | 'Group';

/** A custom extension schema from IDBRIDGE_SCIM_SCHEMA_EXTENSIONS, with every characteristic filled in. */
export interface ScimSchemaExtension extends ScimSchemaDefinition {
  readonly resourceType: ExtensibleResourceType;
}
