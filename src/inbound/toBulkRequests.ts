import { randomUUID } from 'node:crypto';
import { SCIM_BULK_REQUEST } from '../scim/scimSchemas';
import type { ScimUserData } from './scimUserData';

export interface ScimBulkOperation {
  method: 'POST';
  path: '/Users';
  bulkId: string;
  data: ScimUserData;
}

/** The body of `POST /api/jobs/{jobId}/bulkUpload`, in the profile of Entra's inbound API (reference §1.3). */
export interface ScimBulkRequest {
  schemas: [typeof SCIM_BULK_REQUEST];
  Operations: ScimBulkOperation[];
  failOnErrors: null;
}

/** The inbound API rejects requests with more operations than this. */
export const MAX_BULK_OPERATIONS = 50;

export interface ToBulkRequestsOptions {
  /** Operations per request, 1 to 50; default 50. */
  batchSize?: number;
  /** Injectable for reproducible tests; default a random UUID (as Microsoft's provisioning client uses). */
  newBulkId?: () => string;
}

/** Splits users, in order, into BulkRequests of at most `batchSize` operations. */
export function toBulkRequests(users: readonly ScimUserData[], options: ToBulkRequestsOptions = {}): ScimBulkRequest[] {
  const batchSize = options.batchSize ?? MAX_BULK_OPERATIONS;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BULK_OPERATIONS) {
    throw new RangeError(`batchSize must be an integer from 1 to ${MAX_BULK_OPERATIONS}, got ${batchSize}`);
  }
  const newBulkId = options.newBulkId ?? randomUUID;
  const requests: ScimBulkRequest[] = [];
  for (let i = 0; i < users.length; i += batchSize) {
    requests.push({
      schemas: [SCIM_BULK_REQUEST],
      Operations: users.slice(i, i + batchSize).map((data) => ({ method: 'POST', path: '/Users', bulkId: newBulkId(), data })),
      failOnErrors: null,
    });
  }
  return requests;
}
