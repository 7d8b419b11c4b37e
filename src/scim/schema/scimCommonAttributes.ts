import { scimAttribute } from './scimAttribute';
import type { ScimAttributeDefinition } from './scimAttributeDefinition';

const meta = (name: string, description: string, type: 'string' | 'dateTime' | 'reference' = 'string') =>
  scimAttribute(name, description, { type, mutability: 'readOnly', caseExact: name === 'version' || name === 'location', ...(type === 'reference' ? { referenceTypes: ['uri'] } : {}) });

/**
 * RFC 7643 §3.1: the attributes every resource has, whatever its schemas. `id` is always returned and
 * compared exactly; `meta` is assigned by the service (readOnly) and, per §3.1, returned by default only,
 * so `attributes=userName` yields schemas, id and userName (the example of RFC 7644 §3.9).
 */
export const scimCommonAttributes: readonly ScimAttributeDefinition[] = Object.freeze([
  scimAttribute('id', 'Unique, stable identifier of the resource, assigned by the service provider.', { caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' }),
  scimAttribute('externalId', 'Identifier of the resource in the provisioning client.', { caseExact: true }),
  scimAttribute('meta', 'Resource metadata, maintained by the service provider.', {
    type: 'complex',
    mutability: 'readOnly',
    subAttributes: [
      meta('resourceType', 'Name of the resource type.'),
      meta('created', 'When the resource was added.', 'dateTime'),
      meta('lastModified', 'When the resource last changed.', 'dateTime'),
      meta('location', 'URI of the resource.', 'reference'),
      meta('version', 'Entity tag of the current version.'),
    ],
  }),
]);
