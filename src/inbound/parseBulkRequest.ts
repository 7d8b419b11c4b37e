import { TooLargeError, ValidationError, type ValidationIssue } from '../domain/errors';
import type { JsonObject } from '../domain/identityObject';
import { bulkOperationSchema, bulkRequestSchema } from './bulkRequestSchema';

/** One accepted record: the user as sent, keyed by its externalId. */
export interface InboundRecord {
  bulkId: string;
  sourceKey: string;
  data: JsonObject;
}

/**
 * A staged record is one Table property, which holds at most 32K UTF-16 characters; HR records are a few KB.
 * Larger ones are refused up front instead of failing half-way through staging.
 */
export const MAX_RECORD_CHARACTERS = 30000;

/**
 * Validates a whole BulkRequest and returns its records in request order, or throws with every problem
 * located by operation and field (`Operations[3].data.externalId`). Nothing is accepted unless everything is.
 * Repeated bulkIds are accepted: the inbound profile never references one operation from another, and
 * Microsoft's own sample payload repeats a bulkId, so Entra evidently takes it.
 */
export function parseBulkRequest(body: unknown, maxOperations: number): InboundRecord[] {
  const envelope = bulkRequestSchema.safeParse(body);
  if (!envelope.success) throw new ValidationError(envelope.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })), { scimType: 'invalidSyntax' });
  const operations = envelope.data.Operations;
  if (operations.length > maxOperations) {
    throw new TooLargeError(`The request has ${operations.length} operations; this job accepts at most ${maxOperations} per request (settings.maxBulkOperations)`);
  }
  const issues: ValidationIssue[] = [];
  const records: InboundRecord[] = [];
  operations.forEach((raw, index) => {
    const where = `Operations[${index}]`;
    const parsed = bulkOperationSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issues.push({ path: [where, ...issue.path].join('.'), message: issue.message });
      return;
    }
    const { bulkId, data } = parsed.data;
    const size = JSON.stringify(data).length;
    if (size > MAX_RECORD_CHARACTERS) issues.push({ path: `${where}.data`, message: `is ${size} characters of JSON; at most ${MAX_RECORD_CHARACTERS} are accepted per record` });
    records.push({ bulkId, sourceKey: data.externalId, data: { ...(data as JsonObject), externalId: data.externalId } });
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return records;
}
