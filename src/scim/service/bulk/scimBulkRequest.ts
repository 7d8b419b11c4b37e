import { TooLargeError, ValidationError } from '../../../domain/errors';
import { isJsonObject, type JsonValue } from '../../../domain/identityObject';
import { findAttributeKey } from '../../findAttributeKey';
import { SCIM_BULK_MAX_OPERATIONS, SCIM_BULK_MAX_PAYLOAD_BYTES } from '../../schema/scimServiceProviderConfig';

/** A BulkRequest (RFC 7644 §3.7) whose outer shape is valid; each operation is checked when it runs. */
export interface ScimBulkRequest {
  operations: JsonValue[];
  /** Stop after this many errors (§3.7.3); undefined: run every operation. */
  failOnErrors?: number;
}

/**
 * Reads a BulkRequest body. The limits /ServiceProviderConfig advertises (RFC 7643 §5 bulk.maxOperations,
 * maxPayloadSize) are enforced first, with 413 (RFC 7644 §3.7.4), before anything runs; a body that is not a
 * BulkRequest is 400 invalidSyntax.
 */
export function readScimBulkRequest(text: string): ScimBulkRequest {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > SCIM_BULK_MAX_PAYLOAD_BYTES) throw new TooLargeError(`The size of the bulk operation (${bytes} bytes) exceeds the maxPayloadSize (${SCIM_BULK_MAX_PAYLOAD_BYTES}).`);
  if (text.trim() === '') throw syntax('body', 'is empty; a BulkRequest is required');
  let body: JsonValue;
  try {
    body = JSON.parse(text) as JsonValue;
  } catch (error) {
    throw syntax('body', `is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isJsonObject(body)) throw syntax('body', 'must be a BulkRequest object');
  const operations = body[findAttributeKey(body, 'Operations') ?? 'Operations'];
  if (!Array.isArray(operations)) throw syntax('Operations', 'must be an array of operations');
  if (operations.length > SCIM_BULK_MAX_OPERATIONS) throw new TooLargeError(`The number of operations (${operations.length}) exceeds the maxOperations (${SCIM_BULK_MAX_OPERATIONS}).`);
  const failOnErrors = body[findAttributeKey(body, 'failOnErrors') ?? 'failOnErrors'];
  if (failOnErrors === undefined || failOnErrors === null) return { operations };
  if (typeof failOnErrors !== 'number' || !Number.isInteger(failOnErrors) || failOnErrors < 1) {
    throw new ValidationError([{ path: 'failOnErrors', message: 'must be a positive integer (RFC 7644 §3.7.3)' }], { scimType: 'invalidValue' });
  }
  return { operations, failOnErrors };
}

function syntax(path: string, message: string): ValidationError {
  return new ValidationError([{ path, message }], { scimType: 'invalidSyntax' });
}
