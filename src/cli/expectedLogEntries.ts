import type { ScimBulkRequest } from '../inbound/toBulkRequests';

/**
 * How many log entries a set of uploads produces: one per distinct externalId per request (a key repeated
 * inside one request is staged once, the later record winning; across requests each upload reconciles again).
 */
export function expectedLogEntries(requests: readonly ScimBulkRequest[]): number {
  return requests.reduce((sum, request) => sum + new Set(request.Operations.map((op) => op.data.externalId)).size, 0);
}
