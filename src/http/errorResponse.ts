import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import {
  ConflictError,
  IdbridgeError,
  NotFoundError,
  ThrottledError,
  TooLargeError,
  UnauthorizedError,
  ValidationError,
} from '../domain/errors';
import { scimErrorResponse, type ScimType } from '../scim/scimErrorResponse';

/** Kinds of failure an HTTP caller can see. The table below must name a status for each (the compiler checks). */
type HttpErrorKind = 'validation' | 'tooLarge' | 'unauthorized' | 'notFound' | 'conflict' | 'throttled' | 'unavailable' | 'internal';

const STATUS: Record<HttpErrorKind, number> = {
  validation: 400,
  tooLarge: 413,
  unauthorized: 401,
  notFound: 404,
  conflict: 409,
  throttled: 503,
  unavailable: 503,
  internal: 500,
};

function kindOf(error: unknown): HttpErrorKind {
  if (error instanceof ValidationError) return 'validation';
  if (error instanceof TooLargeError) return 'tooLarge';
  if (error instanceof UnauthorizedError) return 'unauthorized';
  if (error instanceof NotFoundError) return 'notFound';
  if (error instanceof ConflictError) return 'conflict';
  if (error instanceof ThrottledError) return 'throttled';
  if (error instanceof IdbridgeError && error.disposition !== 'never') return 'unavailable';
  return 'internal';
}

/**
 * Turns anything a handler threw into a SCIM error response. Only unexpected errors become 500, and their
 * details stay in the log, not in the response.
 */
export function errorResponse(error: unknown, context: InvocationContext): HttpResponseInit {
  const kind = kindOf(error);
  const status = STATUS[kind];
  if (kind === 'internal') {
    context.error('Unexpected error', error);
    return scimErrorResponse(status, 'An unexpected error occurred; the details are in the service log.');
  }
  const err = error as IdbridgeError;
  if (kind === 'unavailable' || kind === 'throttled') {
    context.warn(`Storage or queue unavailable: ${err.message}`);
    const seconds = error instanceof ThrottledError ? Math.max(1, Math.ceil(error.retryAfterMs / 1000)) : 5;
    return scimErrorResponse(status, 'The service is temporarily unavailable and did not accept the request. Retry it: retrying is always safe.', undefined, { 'Retry-After': String(seconds) });
  }
  const scimType: ScimType | undefined =
    error instanceof ValidationError ? (error.scimType as ScimType)
    : error instanceof ConflictError ? error.scimType
    : undefined;
  const response = scimErrorResponse(status, err.message, scimType);
  if (error instanceof ValidationError && response.jsonBody && typeof response.jsonBody === 'object') {
    // Every problem at once, each with its path, so a client can fix them all in one go.
    response.jsonBody = { ...(response.jsonBody as Record<string, unknown>), issues: error.issues };
  }
  if (kind === 'unauthorized') response.headers = { ...(response.headers as Record<string, string>), 'WWW-Authenticate': 'Bearer' };
  return response;
}
