import type { JsonObject } from '../../domain/identityObject';
import type { ScimResourceTypeDefinition } from './scimAttributeDefinition';
import { SCIM_RESOURCE_TYPE_SCHEMA } from './scimSchemaUrns';

/** A resource type as GET /ResourceTypes serves it (RFC 7643 §6, §8.6), located at `location`. */
export function scimResourceTypeRepresentation(resourceType: ScimResourceTypeDefinition, location: string): JsonObject {
  return {
    schemas: [SCIM_RESOURCE_TYPE_SCHEMA],
    id: resourceType.id,
    name: resourceType.name,
    ...(resourceType.description === undefined ? {} : { description: resourceType.description }),
    endpoint: resourceType.endpoint,
    schema: resourceType.schema,
    schemaExtensions: resourceType.schemaExtensions.map((e) => ({ schema: e.schema, required: e.required })),
    meta: { resourceType: 'ResourceType', location },
  };
}
