import type { JsonObject } from '../../domain/identityObject';
import type { ScimAttributeDefinition, ScimSchemaDefinition } from './scimAttributeDefinition';
import { SCIM_SCHEMA_SCHEMA } from './scimSchemaUrns';

/** RFC 7643 §7 attribute representation; absent characteristics are left out, never null (Entra, reference §2.1). */
export function scimAttributeRepresentation(attribute: ScimAttributeDefinition): JsonObject {
  return {
    name: attribute.name,
    type: attribute.type,
    multiValued: attribute.multiValued,
    ...(attribute.description === undefined ? {} : { description: attribute.description }),
    required: attribute.required,
    ...(attribute.canonicalValues ? { canonicalValues: [...attribute.canonicalValues] } : {}),
    caseExact: attribute.caseExact,
    mutability: attribute.mutability,
    returned: attribute.returned,
    uniqueness: attribute.uniqueness,
    ...(attribute.referenceTypes ? { referenceTypes: [...attribute.referenceTypes] } : {}),
    ...(attribute.subAttributes ? { subAttributes: attribute.subAttributes.map(scimAttributeRepresentation) } : {}),
  };
}

/** A schema as GET /Schemas serves it (RFC 7643 §7, §8.7.1), located at `location`. */
export function scimSchemaRepresentation(schema: ScimSchemaDefinition, location: string): JsonObject {
  return {
    schemas: [SCIM_SCHEMA_SCHEMA],
    id: schema.id,
    name: schema.name,
    ...(schema.description === undefined ? {} : { description: schema.description }),
    attributes: schema.attributes.map(scimAttributeRepresentation),
    meta: { resourceType: 'Schema', location },
  };
}
