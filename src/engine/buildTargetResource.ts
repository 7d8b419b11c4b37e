import type { JsonObject } from '../domain/identityObject';
import { SCIM_CORE_USER } from '../scim/scimSchemas';
import { setPathValue } from '../scim/scimPath';
import type { MappedAttribute } from './mapAttributes';
import { coerceForTarget } from './targetValueCoercion';

/** The resource to create: every mapped attribute set at its SCIM path (a reference as `{value}`), `schemas` listing the URNs used. */
export function buildTargetResource(attributes: readonly MappedAttribute[], coreSchema = SCIM_CORE_USER): JsonObject {
  const resource: JsonObject = { schemas: [coreSchema] };
  for (const attribute of attributes) {
    const value = coerceForTarget(attribute.path, attribute.value);
    setPathValue(resource, attribute.path, attribute.reference ? { value } : value);
  }
  return resource;
}
