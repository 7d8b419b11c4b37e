import { SCIM_ENTERPRISE_USER } from '../scimSchemas';
import { scimAttribute } from './scimAttribute';
import type { ScimSchemaDefinition } from './scimAttributeDefinition';

/** RFC 7643 §4.3 (schema representation §8.7.1): the Enterprise User extension. */
export const enterpriseUserSchema: ScimSchemaDefinition = Object.freeze({
  id: SCIM_ENTERPRISE_USER,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: Object.freeze([
    scimAttribute('employeeNumber', 'Identifier assigned by the organisation, usually numeric.'),
    scimAttribute('costCenter', 'Cost center.'),
    scimAttribute('organization', 'Organisation.'),
    scimAttribute('division', 'Division.'),
    scimAttribute('department', 'Department.'),
    scimAttribute('manager', "The user's manager, a User of this service.", {
      type: 'complex',
      subAttributes: [
        scimAttribute('value', 'The id of the manager.'),
        scimAttribute('$ref', "URI of the manager's User resource.", { type: 'reference', referenceTypes: ['User'] }),
        scimAttribute('displayName', "The manager's displayName; maintained by the service provider.", { mutability: 'readOnly' }),
      ],
    }),
  ]),
});
