import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { httpFunctions } from '../../../src/app/httpFunctions';
import type { Services } from '../../../src/app/services';
import { servedHttpHandler } from '../../../src/app/servedHttpHandler';
import { isJsonObject, type JsonObject, type JsonValue } from '../../../src/domain/identityObject';
import { matchRoute } from '../../../src/local/matchRoute';
import { ENTRA_GROUP_SCHEMA } from '../../../src/scim/schema/scimSchemaUrns';
import { SCIM_CORE_GROUP, SCIM_CORE_USER, SCIM_ENTERPRISE_USER, SCIM_LIST_RESPONSE, SCIM_PATCH_OP } from '../../../src/scim/scimSchemas';

export const BASE = 'https://idbridge.example/scim/v2';
export const USER = SCIM_CORE_USER;
export const GROUP = SCIM_CORE_GROUP;
export const ENTERPRISE = SCIM_ENTERPRISE_USER;
export const ADSCIM_GROUP = ENTRA_GROUP_SCHEMA;
export const PATCH_OP = SCIM_PATCH_OP;
export const LIST = SCIM_LIST_RESPONSE;

export interface ScimReply {
  status: number;
  body: JsonObject;
  headers: Headers;
}

export interface ScimRequest {
  /** Raw string bodies are sent as they are. */
  body?: JsonValue | string;
  headers?: Record<string, string>;
  /** Default: the services' token; null: no Authorization header. */
  token?: string | null;
  /** Default: the SCIM authorization header `Bearer <token>`; set to send another value. */
  authorization?: string;
}

/**
 * Sends a request to the route that serves `path` (relative to /scim/v2, query string included) exactly as
 * the local host would: the production HttpFunctionDefinitions, a real HttpRequest and InvocationContext.
 * Every answer must be application/scim+json (reference §2.1).
 */
export function scimTestClient(services: Services, token: string, logs: string[] = []) {
  const context = () => new InvocationContext({ logHandler: (_level, ...args) => logs.push(args.map(String).join(' ')) });
  return async function scim(method: string, path: string, request: ScimRequest = {}): Promise<ScimReply> {
    const url = new URL(`${BASE}${path}`);
    const route = httpFunctions
      .map((definition) => ({ definition, params: matchRoute(definition.route, url.pathname) }))
      .find((r) => r.params !== undefined && r.definition.methods.includes(method as never));
    if (!route?.params) throw new Error(`no route serves ${method} ${url.pathname}`);
    const presented = request.token === undefined ? token : request.token;
    const authorization = request.authorization ?? (presented === null ? undefined : `Bearer ${presented}`);
    const httpRequest = new HttpRequest({
      method,
      url: url.toString(),
      headers: { ...(authorization === undefined ? {} : { authorization }), 'content-type': 'application/scim+json', ...request.headers },
      params: route.params,
      ...(request.body === undefined ? {} : { body: { string: typeof request.body === 'string' ? request.body : JSON.stringify(request.body) } }),
    });
    const response: HttpResponseInit = await servedHttpHandler(route.definition, services)(httpRequest, context());
    const headers = new Headers(response.headers as Record<string, string>);
    const json = response.jsonBody as JsonValue | undefined;
    return { status: response.status ?? 200, body: isJsonObject(json) ? json : {}, headers };
  };
}

export type ScimClient = ReturnType<typeof scimTestClient>;

export const patchOp = (...operations: JsonObject[]): JsonObject => ({ schemas: [PATCH_OP], Operations: operations });

/** Entra's create body (reference §2.6 step 2), meta.resourceType and an empty roles array included. */
export function entraUser(userName: string, externalId = `ext-${userName}`): JsonObject {
  return {
    schemas: [USER, ENTERPRISE],
    externalId,
    userName,
    active: true,
    emails: [{ primary: true, type: 'work', value: `${userName}@testuser.com` }],
    meta: { resourceType: 'User' },
    name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
    roles: [],
  };
}

/** Entra's group create body (reference §2.7): the non-standard ADSCIM URN, no members. */
export function entraGroup(displayName: string, externalId = `obj-${displayName}`): JsonObject {
  return { schemas: [GROUP, ADSCIM_GROUP], externalId, displayName, meta: { resourceType: 'Group' } };
}

export const resourcesOf = (reply: ScimReply): JsonObject[] => (Array.isArray(reply.body.Resources) ? reply.body.Resources.filter(isJsonObject) : []);
