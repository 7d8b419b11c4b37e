import type { JsonObject } from '../../../domain/identityObject';
import { projectResource } from '../../schema/projectResource';
import type { ScimResourceRecord, ScimResourceType } from '../../store/scimResourceStore';
import { presentResource } from '../presentResource';
import type { ScimServiceDeps } from '../scimServiceDeps';
import type { Projection } from './projectionOf';

/** A resource as a response shows it: presented (meta.version, meta.location), then projected (RFC 7644 §3.4.2.5). */
export function resourceBody(deps: ScimServiceDeps, type: ScimResourceType, record: ScimResourceRecord, baseUrl: string, projection: Projection): JsonObject {
  return projectResource(deps.registry, type, presentResource(type, record, baseUrl), projection);
}
