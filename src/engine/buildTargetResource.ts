import type { JsonObject } from '../domain/identityObject';
import { SCIM_CORE_USER } from '../scim/scimSchemas';
import { setPathValue } from '../scim/scimPath';
import type { MappedAttribute } from './mapAttributes';
import { coerceForTarget } from './targetValueCoercion';

/** The resource to create: every mapped attribute set at its SCIM path, `schemas` listing the URNs used. */
export function buildTargetResource(attributes: readonly MappedAttribute[], coreSchema = SCIM_CORE_USER): JsonObject {
  const resource: JsonObject = { schemas: [coreSchema] };
  for (const attribute of attributes) {
    setPathValue(resource, attribute.path, coerceForTarget(attribute.path, attribute.value));
  }
  return resource;
}
