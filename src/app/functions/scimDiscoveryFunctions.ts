import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { NotFoundError } from '../../domain/errors';
import type { JsonObject } from '../../domain/identityObject';
import { scimBaseUrl } from '../../scim/schema/scimBaseUrl';
import { scimResourceTypeRepresentation } from '../../scim/schema/scimResourceTypeRepresentation';
import { schemaRegistryFor } from '../../scim/schema/schemaRegistryFor';
import { scimSchemaRepresentation } from '../../scim/schema/scimSchemaRepresentation';
import { scimServiceProviderConfig } from '../../scim/schema/scimServiceProviderConfig';
import { scimJsonResponse } from '../../scim/scimJsonResponse';
import { SCIM_LIST_RESPONSE } from '../../scim/scimSchemas';
import { scimEndpoint } from '../../scim/service/http/scimEndpoint';
import type { HttpHandler } from '../../http/httpHandler';
import type { HttpFunctionDefinition } from '../httpFunctionDefinition';
import type { Services } from '../services';

/** Discovery is authenticated like the rest of /scim/v2 (Entra reads /Schemas with its SCIM credential). */
const discovery = (services: Services, handler: (request: HttpRequest) => Promise<HttpResponseInit>): HttpHandler =>
  scimEndpoint(services.settings, () => undefined, (_deps, request) => handler(request));

/*
 * SCIM discovery (RFC 7644 §4): what the service supports, read from the schema registry that also
 * validates and projects resources, so the answers cannot drift from the behaviour. Entra reads /Schemas
 * when provisioning is configured (reference §2.1).
 */

/** RFC 7644 §4: the whole collection as one ListResponse page (there are only a handful). */
const listResponse = (resources: JsonObject[]): JsonObject => ({
  schemas: [SCIM_LIST_RESPONSE],
  totalResults: resources.length,
  itemsPerPage: resources.length,
  startIndex: 1,
  Resources: resources,
});

const schemaLocation = (request: HttpRequest, id: string) => `${scimBaseUrl(request.url)}/Schemas/${encodeURIComponent(id)}`;
const resourceTypeLocation = (request: HttpRequest, id: string) => `${scimBaseUrl(request.url)}/ResourceTypes/${encodeURIComponent(id)}`;

/** GET /scim/v2/ServiceProviderConfig (RFC 7643 §5). */
export const scimServiceProviderConfigFunction: HttpFunctionDefinition = {
  name: 'scimServiceProviderConfig',
  methods: ['GET'],
  route: 'scim/v2/ServiceProviderConfig',
  authentication: 'self',
  create: (services) => discovery(services, async (request) => scimJsonResponse(200, scimServiceProviderConfig(`${scimBaseUrl(request.url)}/ServiceProviderConfig`))),
};

/** GET /scim/v2/Schemas: every schema (RFC 7643 §7). */
export const scimSchemasFunction: HttpFunctionDefinition = {
  name: 'scimSchemas',
  methods: ['GET'],
  route: 'scim/v2/Schemas',
  authentication: 'self',
  create: (services) => discovery(services, async (request) => {
    const registry = schemaRegistryFor(services.settings);
    return scimJsonResponse(200, listResponse(registry.schemas().map((s) => scimSchemaRepresentation(s, schemaLocation(request, s.id)))));
  }),
};

/** GET /scim/v2/Schemas/{id}: one schema by URN (case-insensitive), or a SCIM 404. */
export const scimSchemaFunction: HttpFunctionDefinition = {
  name: 'scimSchema',
  methods: ['GET'],
  route: 'scim/v2/Schemas/{id}',
  authentication: 'self',
  create: (services) => discovery(services, async (request) => {
    const id = request.params.id ?? '';
    const schema = schemaRegistryFor(services.settings).schema(id);
    if (!schema) throw new NotFoundError(`No schema '${id}'`);
    return scimJsonResponse(200, scimSchemaRepresentation(schema, schemaLocation(request, schema.id)));
  }),
};

/** GET /scim/v2/ResourceTypes: User and Group (RFC 7643 §6). */
export const scimResourceTypesFunction: HttpFunctionDefinition = {
  name: 'scimResourceTypes',
  methods: ['GET'],
  route: 'scim/v2/ResourceTypes',
  authentication: 'self',
  create: (services) => discovery(services, async (request) => {
    const registry = schemaRegistryFor(services.settings);
    return scimJsonResponse(200, listResponse(registry.resourceTypes().map((t) => scimResourceTypeRepresentation(t, resourceTypeLocation(request, t.id)))));
  }),
};

/** GET /scim/v2/ResourceTypes/{id}: one resource type (case-insensitive), or a SCIM 404. */
export const scimResourceTypeFunction: HttpFunctionDefinition = {
  name: 'scimResourceType',
  methods: ['GET'],
  route: 'scim/v2/ResourceTypes/{id}',
  authentication: 'self',
  create: (services) => discovery(services, async (request) => {
    const id = request.params.id ?? '';
    const resourceType = schemaRegistryFor(services.settings).resourceType(id);
    if (!resourceType) throw new NotFoundError(`No resource type '${id}'`);
    return scimJsonResponse(200, scimResourceTypeRepresentation(resourceType, resourceTypeLocation(request, resourceType.id)));
  }),
};
