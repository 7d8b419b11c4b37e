import type { HttpResponseInit } from '@azure/functions';
import { SCIM_CONTENT_TYPE, SCIM_ERROR } from './scimSchemas';

/** RFC 7644 §3.12 scimType values. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/** A SCIM Error body (RFC 7644 §3.12); every idbridge error response uses it, 401 and 404 included. */
export function scimErrorResponse(status: number, detail: string, scimType?: ScimType, headers: Record<string, string> = {}): HttpResponseInit {
  return {
    status,
    headers: { 'Content-Type': SCIM_CONTENT_TYPE, ...headers },
    jsonBody: { schemas: [SCIM_ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail },
  };
}
