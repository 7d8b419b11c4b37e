import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import { ConflictError, NotFoundError, ThrottledError, TransientError, UnauthorizedError, ValidationError } from '../domain/errors';
import { scimErrorResponse, type ScimType } from './scimErrorResponse';

const SCIM_TYPES: ReadonlySet<string> = new Set<ScimType>([
  'invalidFilter', 'tooMany', 'uniqueness', 'mutability', 'invalidSyntax', 'invalidPath', 'noTarget', 'invalidValue', 'invalidVers', 'sensitive',
]);

/**
 * The SCIM error response for anything a SCIM handler throws: the edge where error classes become HTTP
 * statuses. Unexpected errors are logged and answered with a 500 that does not leak their message.
 */
export function scimErrorFromThrown(error: unknown, context: InvocationContext): HttpResponseInit {
  if (error instanceof ValidationError) {
    return scimErrorResponse(400, error.message, SCIM_TYPES.has(error.scimType) ? (error.scimType as ScimType) : 'invalidValue');
  }
  if (error instanceof ConflictError) return scimErrorResponse(error.scimType === 'invalidVers' ? 412 : 409, error.message, error.scimType);
  if (error instanceof NotFoundError) return scimErrorResponse(404, error.message);
  if (error instanceof UnauthorizedError) return scimErrorResponse(401, error.message, undefined, { 'WWW-Authenticate': 'Bearer' });
  if (error instanceof ThrottledError) {
    context.warn(error);
    return scimErrorResponse(503, 'the directory is busy; retry later', undefined, { 'Retry-After': String(Math.ceil(error.retryAfterMs / 1000)) });
  }
  if (error instanceof TransientError) {
    context.warn(error);
    return scimErrorResponse(503, 'the directory is temporarily unavailable; retry later');
  }
  context.error(error);
  return scimErrorResponse(500, 'internal error');
}
