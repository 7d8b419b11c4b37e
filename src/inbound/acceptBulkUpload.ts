import type { Services } from '../app/services';
import { ValidationError } from '../domain/errors';
import type { JobDefinition } from '../domain/jobDefinition';
import type { InboundRecord } from './parseBulkRequest';

export interface AcceptedUpload {
  uploadId: string;
  operations: number;
  /** Distinct externalIds: a key sent twice is staged once, the later record winning. */
  objects: number;
}

/**
 * Stages every record of one upload in one transaction, then enqueues one reconcile message naming them.
 * Only when both succeeded may the caller answer 202 (DESIGN principle 5). If enqueueing fails after
 * staging, the client's retry restages the same records and enqueues again, which is harmless.
 */
export async function acceptBulkUpload(services: Services, job: JobDefinition, records: readonly InboundRecord[]): Promise<AcceptedUpload> {
  const jobId = job.id;
  if (job.source.type !== 'inboundApi') {
    throw new ValidationError([{ path: 'jobId', message: `job '${jobId}' takes its data from '${job.source.type}', not from bulk uploads` }]);
  }
  const uploadId = services.newId();
  const stagedAt = services.now().toISOString();
  await services.staging.stage(jobId, 'User', records.map((r) => ({ sourceKey: r.sourceKey, data: r.data })), stagedAt);
  const keys = [...new Set(records.map((r) => r.sourceKey))];
  await services.queue.send([{ kind: 'reconcile', jobId, objectType: 'User', sourceKeys: keys, cycleId: uploadId, attempt: 1 }]);
  return { uploadId, operations: records.length, objects: keys.length };
}
