import { NotFoundError, ValidationError } from '../../domain/errors';
import { readJsonBody } from '../../http/readJsonBody';
import { readJobStatus } from '../../jobs/readJobStatus';
import type { HttpFunctionDefinition } from '../httpFunctionDefinition';
import { validateJobDefinition } from '../validateJobDefinition';

/** GET /api/jobs: every job definition. */
export const jobsListFunction: HttpFunctionDefinition = {
  name: 'jobsList',
  methods: ['GET'],
  route: 'api/jobs',
  create: (services) => async () => ({ status: 200, jsonBody: { value: await services.jobs.list() } }),
};

/**
 * GET and PUT /api/jobs/{jobId}: read, or create or replace, one job definition (validated; errors name the field).
 * GET adds `status`, Graph's synchronizationStatus (src/jobs/jobStatusView.ts), as Graph's synchronizationJob does.
 */
export const jobFunction: HttpFunctionDefinition = {
  name: 'job',
  methods: ['GET', 'PUT'],
  route: 'api/jobs/{jobId}',
  create: (services) => async (request) => {
    const jobId = request.params.jobId ?? '';
    if (request.method === 'GET') {
      const job = await services.jobs.get(jobId);
      if (!job) throw new NotFoundError(`No job '${jobId}'`);
      return { status: 200, jsonBody: { ...job, status: await readJobStatus(services, jobId) } };
    }
    const body = await readJsonBody(request);
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      const id = (body as Record<string, unknown>).id;
      if (id !== undefined && id !== jobId) throw new ValidationError([{ path: 'id', message: `is "${String(id)}" but the URL names job "${jobId}"` }]);
    }
    const job = validateJobDefinition(typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, id: jobId } : body);
    const created = await services.jobs.upsert(job);
    return { status: created ? 201 : 200, jsonBody: job };
  },
};
