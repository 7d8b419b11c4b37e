import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../domain/errors';
import type { HttpFunctionDefinition } from '../httpFunctionDefinition';

const querySchema = z.object({
  sourceId: z.string().min(1).optional(),
  cycleId: z.string().min(1).optional(),
  status: z.enum(['success', 'warning', 'failure', 'skipped']).optional(),
  action: z.enum(['create', 'update', 'delete', 'stagedDelete', 'disable', 'other']).optional(),
  pageSize: z.coerce.number().int().min(1).max(1000).optional(),
  continuationToken: z.string().min(1).optional(),
});

/**
 * GET /api/jobs/{jobId}/provisioningLogs: newest first, filtered by sourceId, cycleId, status and action, paged with
 * a continuation token. The body follows Graph's list shape ({value, @odata.nextLink}).
 */
export const provisioningLogsFunction: HttpFunctionDefinition = {
  name: 'provisioningLogs',
  methods: ['GET'],
  route: 'api/jobs/{jobId}/provisioningLogs',
  create: (services) => async (request) => {
    const jobId = request.params.jobId ?? '';
    const query = querySchema.safeParse(Object.fromEntries(request.query.entries()));
    if (!query.success) throw new ValidationError(query.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    if (!(await services.jobs.get(jobId))) throw new NotFoundError(`No job '${jobId}'`);
    const page = await services.logs.list(jobId, query.data);
    const body: Record<string, unknown> = { value: page.entries };
    if (page.continuationToken) {
      const next = new URL(request.url);
      next.searchParams.set('continuationToken', page.continuationToken);
      body['@odata.nextLink'] = next.toString();
      body.continuationToken = page.continuationToken;
    }
    return { status: 200, jsonBody: body };
  },
};
