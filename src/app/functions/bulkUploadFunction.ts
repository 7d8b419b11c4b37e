import { NotFoundError } from '../../domain/errors';
import { acceptBulkUpload } from '../../inbound/acceptBulkUpload';
import { parseBulkRequest } from '../../inbound/parseBulkRequest';
import { readJsonBody, requireContentType } from '../../http/readJsonBody';
import { SCIM_CONTENT_TYPE } from '../../scim/scimSchemas';
import type { HttpFunctionDefinition } from '../httpFunctionDefinition';

/** POST /api/jobs/{jobId}/bulkUpload: Entra's API-driven inbound provisioning endpoint, for any HR source. */
export const bulkUploadFunction: HttpFunctionDefinition = {
  name: 'bulkUpload',
  methods: ['POST'],
  route: 'api/jobs/{jobId}/bulkUpload',
  // The HR platform's credential, IDBRIDGE_TOKEN; every other /api route needs the admin token.
  authentication: 'inbound',
  create: (services) => async (request) => {
    const jobId = request.params.jobId ?? '';
    requireContentType(request, SCIM_CONTENT_TYPE);
    const job = await services.jobs.get(jobId);
    if (!job) throw new NotFoundError(`No job '${jobId}'`);
    const records = parseBulkRequest(await readJsonBody(request), job.settings.maxBulkOperations);
    const accepted = await acceptBulkUpload(services, job, records);
    // Where this upload's outcomes appear, one log entry per record (202 means accepted, not applied).
    const logs = new URL(`/api/jobs/${encodeURIComponent(jobId)}/provisioningLogs?cycleId=${encodeURIComponent(accepted.uploadId)}`, request.url).toString();
    return { status: 202, headers: { Location: logs, 'Content-Type': 'application/json' }, jsonBody: accepted };
  },
};
