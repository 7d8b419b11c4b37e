import type { AppSettings } from '../../../config/appSettings';
import type { HttpHandler } from '../../../http/httpHandler';
import { scimErrorResponse } from '../../scimErrorResponse';
import { scimErrorOf } from '../scimErrorOf';
import { scimAuthenticatorFor } from './scimAuthenticatorFor';
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

/**
 * A SCIM route as served: the credential is checked by the SCIM authenticator (secret token or Entra JWT,
 * docs/scim-auth.md), a refusal is a plain 401 SCIM error with `WWW-Authenticate: Bearer` whose reason goes
 * to the log only; anything thrown becomes a SCIM Error (RFC 7644 §3.12) through scimErrorOf, so that no
 * input yields an unexplained 500. `deps` is built per request: a bad schema-extension setting then answers
 * each request with a 500 that the log explains, instead of failing at startup.
 */
export function scimEndpoint<D>(settings: AppSettings, deps: () => D, handler: (deps: D, request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>): HttpHandler {
  return async (request, context) => {
    try {
      const auth = await scimAuthenticatorFor(settings).authenticate(request.headers.get('authorization'));
      if (!auth.ok) {
        context.warn(`SCIM request refused: ${auth.reason}`);
        return scimErrorResponse(401, 'a valid bearer token is required', undefined, { 'WWW-Authenticate': 'Bearer' });
      }
      return await handler(deps(), request, context);
    } catch (error) {
      const info = scimErrorOf(error);
      if (info.unexpected !== undefined) context.error('Unexpected error in the SCIM service', info.unexpected);
      else if (info.status >= 500) context.warn(`SCIM request failed: ${error instanceof Error ? error.message : String(error)}`);
      return scimErrorResponse(info.status, info.detail, info.scimType, info.retryAfter === undefined ? {} : { 'Retry-After': String(info.retryAfter) });
    }
  };
}
