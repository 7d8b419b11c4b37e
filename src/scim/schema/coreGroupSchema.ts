import { SCIM_CORE_GROUP } from '../scimSchemas';
import { scimAttribute } from './scimAttribute';
import type { ScimSchemaDefinition } from './scimAttributeDefinition';

/**
 * RFC 7643 §4.2 (schema representation §8.7.1): Group. displayName is required as §4.2 says (the §8.7.1
 * listing marks it optional; Entra matches groups by it, reference §2.7). Each member is set once and then
 * only added or removed, hence the immutable sub-attributes; `type` and `$ref` are filled in by the service
 * (src/scim/service/presentResource.ts), `display` is readOnly and not shown (it would cost a read per member).
 */
export const coreGroupSchema: ScimSchemaDefinition = Object.freeze({
  id: SCIM_CORE_GROUP,
  name: 'Group',
  description: 'Group',
  attributes: Object.freeze([
    scimAttribute('displayName', 'Human-readable name of the group.', { required: true }),
    scimAttribute('members', 'Members of the group (users or groups).', {
      type: 'complex',
      multiValued: true,
      subAttributes: [
        scimAttribute('value', 'The id of the member.', { mutability: 'immutable' }),
        scimAttribute('$ref', 'URI of the member resource.', { type: 'reference', referenceTypes: ['User', 'Group'], mutability: 'immutable' }),
        scimAttribute('type', 'Type of the member.', { canonicalValues: ['User', 'Group'], mutability: 'immutable' }),
        scimAttribute('display', "The member's display name; maintained by the service provider.", { mutability: 'readOnly' }),
      ],
    }),
  ]),
});
