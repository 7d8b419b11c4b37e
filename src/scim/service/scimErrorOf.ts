import { statusCodeOf } from '../../azure/toStorageError';
import { ConflictError, NotFoundError, ThrottledError, TooLargeError, TransientError, UnauthorizedError, ValidationError } from '../../domain/errors';
import type { ScimType } from '../scimErrorResponse';
import { UnresolvedBulkIdError } from './bulk/unresolvedBulkIdError';

/** A failure as a SCIM Error (RFC 7644 §3.12) says it: status, scimType where one applies, detail. */
export interface ScimErrorInfo {
  status: number;
  scimType?: ScimType;
  detail: string;
  /** Seconds, for 503s. */
  retryAfter?: number;
  /** For the service log only: unexpected errors, whose detail is not shown. */
  unexpected?: unknown;
}

const SCIM_TYPES: ReadonlySet<string> = new Set<ScimType>([
  'invalidFilter', 'tooMany', 'uniqueness', 'mutability', 'invalidSyntax', 'invalidPath', 'noTarget', 'invalidValue', 'invalidVers', 'sensitive',
]);

/**
 * The one table from error classes to SCIM statuses (RFC 7644 §3.12), used by the HTTP handlers and by each
 * Bulk operation: ValidationError → 400 with its scimType; ConflictError → 409 (uniqueness) or 412
 * (invalidVers, RFC 7644 §3.14); an unresolvable bulkId → 409 (RFC 7644 §3.7.2); NotFoundError → 404; TooLargeError → 413; throttling and transient storage
 * failures → 503 with Retry-After (safe to retry); a 400 from Table Storage (a value it cannot hold) → 400
 * invalidValue. Anything else is a bug: 500, details only in the log.
 */
export function scimErrorOf(error: unknown): ScimErrorInfo {
  if (error instanceof ValidationError) {
    const scimType = SCIM_TYPES.has(error.scimType) ? (error.scimType as ScimType) : 'invalidValue';
    return { status: 400, scimType, detail: error.message };
  }
  if (error instanceof ConflictError) {
    return error.scimType === 'invalidVers' ? { status: 412, scimType: 'invalidVers', detail: error.message } : { status: error.scimType === 'mutability' ? 400 : 409, scimType: error.scimType, detail: error.message };
  }
  if (error instanceof UnresolvedBulkIdError) return { status: 409, scimType: 'invalidValue', detail: error.message };
  if (error instanceof NotFoundError) return { status: 404, detail: error.message };
  if (error instanceof TooLargeError) return { status: 413, detail: error.message };
  if (error instanceof UnauthorizedError) return { status: 401, detail: 'a valid bearer token is required' };
  if (error instanceof ThrottledError) return { status: 503, detail: 'the directory is busy; retry later', retryAfter: Math.max(1, Math.ceil(error.retryAfterMs / 1000)) };
  if (error instanceof TransientError) return { status: 503, detail: 'the directory is temporarily unavailable; retry later', retryAfter: 5 };
  if (statusCodeOf(error) === 400) return { status: 400, scimType: 'invalidValue', detail: 'the directory cannot store a value in this request' };
  return { status: 500, detail: 'an unexpected error occurred; the details are in the service log', unexpected: error };
}
