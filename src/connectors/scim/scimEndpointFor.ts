import { PermanentError } from '../../domain/errors';
import { SCIM_CORE_GROUP, SCIM_CORE_USER } from '../../scim/scimSchemas';

export type ScimEndpoint = '/Users' | '/Groups';

/**
 * The resource endpoint (RFC 7644 §3.2) for an idbridge object type. Job definitions name target objects
 * either by resource type (`User`, as Entra's UI does) or by core schema URN (Graph's synchronization
 * schema uses the URN as targetObjectName), so both are accepted.
 */
export function scimEndpointFor(objectType: string): ScimEndpoint {
  const type = objectType.trim().toLowerCase();
  if (type === 'user' || type === 'users' || type === SCIM_CORE_USER.toLowerCase()) return '/Users';
  if (type === 'group' || type === 'groups' || type === SCIM_CORE_GROUP.toLowerCase()) return '/Groups';
  throw new PermanentError(`The SCIM target has no endpoint for object type "${objectType}": use User or Group (or their core schema URNs)`, {
    code: 'SystemForCrossDomainIdentityManagementUnsupportedObjectType',
  });
}
