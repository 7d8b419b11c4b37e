import type { HttpResponseInit } from '@azure/functions';
import type { JsonValue } from '../domain/identityObject';
import { SCIM_CONTENT_TYPE } from './scimSchemas';

/** Every SCIM response carries application/scim+json (Entra requires it, reference 2.1). */
export function scimJsonResponse(status: number, body: JsonValue, headers: Record<string, string> = {}): HttpResponseInit {
  return { status, headers: { 'Content-Type': SCIM_CONTENT_TYPE, ...headers }, jsonBody: body };
}
