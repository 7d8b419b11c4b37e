import { PermanentError } from '../../domain/errors';
import { SCIM_ERROR_CODES } from './scimErrorCodes';

/** A 2xx answer the client cannot use: a target defect that retrying will not fix. */
export function scimBadResponse(message: string, cause?: unknown): PermanentError {
  return new PermanentError(`SCIM target sent a bad response: ${message}`, {
    code: SCIM_ERROR_CODES.badResponse,
    ...(cause === undefined ? {} : { cause }),
  });
}
