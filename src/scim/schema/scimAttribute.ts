import type { ScimAttributeDefinition } from './scimAttributeDefinition';

export type ScimAttributeCharacteristics = Partial<Omit<ScimAttributeDefinition, 'name' | 'description'>>;

/**
 * An attribute definition with RFC 7643 §2.2 defaults for every characteristic left out: type string,
 * single-valued, not required, caseExact false, mutability readWrite, returned default, uniqueness none.
 * Frozen, because the registry shares these objects with every request.
 */
export function scimAttribute(name: string, description: string | undefined, characteristics: ScimAttributeCharacteristics = {}): ScimAttributeDefinition {
  const definition: ScimAttributeDefinition = {
    name,
    type: 'string',
    multiValued: false,
    ...(description === undefined ? {} : { description }),
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...characteristics,
  };
  if (definition.subAttributes) Object.freeze(definition.subAttributes);
  if (definition.canonicalValues) Object.freeze(definition.canonicalValues);
  if (definition.referenceTypes) Object.freeze(definition.referenceTypes);
  return Object.freeze(definition);
}
