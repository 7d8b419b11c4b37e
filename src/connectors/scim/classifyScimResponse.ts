import {
  ConflictError,
  type IdbridgeError,
  NotFoundError,
  OutcomeUnknownError,
  PermanentError,
  ThrottledError,
  TransientError,
} from '../../domain/errors';
import { parseRetryAfter } from './parseRetryAfter';
import { readScimErrorBody } from './readScimErrorBody';
import { SCIM_ERROR_CODES } from './scimErrorCodes';
import type { ScimHttpMethod } from './scimHttpMethod';

/** An HTTP answer from a SCIM target, reduced to what classification needs. */
export interface ScimResponseFacts {
  method: ScimHttpMethod;
  /** What was asked, for messages, e.g. `POST /Users`. Never the token. */
  operation: string;
  status: number;
  /** The Retry-After header, if any. */
  retryAfter?: string | null;
  bodyText: string;
}


/**
 * What the caller does about a target's answer (DESIGN principle 4); undefined for 2xx.
 * Callers that treat a status as a normal outcome (404 on GET by id) check it before calling this.
 */
export function classifyScimResponse(response: ScimResponseFacts, nowMs: number): IdbridgeError | undefined {
  const { method, status } = response;
  if (status >= 200 && status <= 299) return undefined;
  const said = describe(response);

  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(response.retryAfter, nowMs);
    return new ThrottledError(`${said}; retry after ${retryAfterMs} ms`, retryAfterMs, { code: SCIM_ERROR_CODES.throttled });
  }
  // A gateway that timed out or lost the upstream after forwarding a create cannot tell whether the app
  // created the object; only a re-match can, so a blind retry could create a duplicate.
  if (method === 'POST' && (status === 502 || status === 504)) {
    return new OutcomeUnknownError(said, { code: SCIM_ERROR_CODES.outcomeUnknown });
  }
  if (status >= 500) return new TransientError(said, { code: SCIM_ERROR_CODES.serverError });
  // 408: the server gave up waiting for our request, so it did not act on it.
  if (status === 408) return new TransientError(said, { code: SCIM_ERROR_CODES.requestTimeout });
  if (status === 401 || status === 403) {
    return new PermanentError(`${said}; check the target's secret token and its permissions`, { code: SCIM_ERROR_CODES.unauthorized });
  }
  if (status === 409) {
    const scimType = readScimErrorBody(response.bodyText).scimType;
    return new ConflictError(said, scimType === 'mutability' || scimType === 'invalidVers' ? scimType : 'uniqueness', {
      code: SCIM_ERROR_CODES.conflict,
    });
  }
  if (status === 404) return new NotFoundError(said, { code: SCIM_ERROR_CODES.notFound });
  if (status >= 400) return new PermanentError(said, { code: SCIM_ERROR_CODES.rejected });
  // 1xx/3xx: redirects are not followed (a bearer token must not travel to wherever a redirect points).
  return new PermanentError(`${said}; a SCIM endpoint must answer directly (check baseUrl)`, { code: SCIM_ERROR_CODES.incompatible });
}

function describe(response: ScimResponseFacts): string {
  const { detail, scimType } = readScimErrorBody(response.bodyText);
  const parts = [`SCIM target answered ${response.status} to ${response.operation}`];
  if (detail) parts.push(`: ${detail}`);
  if (scimType) parts.push(` (scimType ${scimType})`);
  return parts.join('');
}
