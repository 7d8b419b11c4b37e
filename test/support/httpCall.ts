import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import type { HttpFunctionDefinition } from '../../src/app/httpFunctionDefinition';
import type { Services } from '../../src/app/services';
import type { HttpHandler } from '../../src/http/httpHandler';
import { servedHttpHandler } from '../../src/app/servedHttpHandler';

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/**
 * The handler exactly as production serves it: authenticated with the token its route takes (from the services'
 * settings: the admin token for the management API, the inbound token for bulk upload), errors mapped to SCIM errors.
 */
export function productionHandler(definition: HttpFunctionDefinition, services: Services): HttpHandler {
  return servedHttpHandler(definition, services);
}

export interface HttpCall {
  method: string;
  url: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Sent as is; undefined = no body. */
  body?: string;
  /** Presented as `Authorization: Bearer <token>`; null = no Authorization header. */
  token: string | null;
}

export interface HttpResult {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Calls a handler with a real HttpRequest and InvocationContext, as the Functions runtime would. */
export async function callHandler(handler: HttpHandler, call: HttpCall): Promise<HttpResult> {
  const url = new URL(call.url);
  for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
  const request = new HttpRequest({
    method: call.method,
    url: url.toString(),
    headers: { ...(call.token === null ? {} : { authorization: `Bearer ${call.token}` }), ...call.headers },
    params: call.params ?? {},
    ...(call.body === undefined ? {} : { body: { string: call.body } }),
  });
  const response: HttpResponseInit = await handler(request, new InvocationContext({ logHandler: () => {} }));
  return { status: response.status ?? 200, headers: new Headers(response.headers), body: response.jsonBody as unknown };
}

export interface ScimErrorBody {
  schemas: string[];
  status: string;
  detail: string;
  scimType?: string;
  issues?: { path: string; message: string }[];
}

/** Asserts a SCIM error response (RFC 7644 §3.12) with this status, and returns its body. */
export function expectScimError(result: HttpResult, status: number): ScimErrorBody {
  expect(result.status).toBe(status);
  expect(result.headers.get('content-type')).toBe('application/scim+json');
  expect(result.body).toEqual(expect.objectContaining({ schemas: expect.arrayContaining([SCIM_ERROR_SCHEMA]), status: String(status), detail: expect.any(String) }));
  return result.body as ScimErrorBody;
}

/** The paths of a 400's issues. */
export function issuePaths(body: ScimErrorBody): string[] {
  return (body.issues ?? []).map((issue) => issue.path);
}
