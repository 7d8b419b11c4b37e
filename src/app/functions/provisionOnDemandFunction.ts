import { onDemandResponse } from '../../engine/onDemand/onDemandResponse';
import { provisionOnDemand } from '../../engine/onDemand/provisionOnDemand';
import { parseProvisionOnDemandRequest } from '../../engine/onDemand/provisionOnDemandRequest';
import { slidingWindowRateLimiter } from '../../engine/onDemand/slidingWindowRateLimiter';
import { readJsonBody } from '../../http/readJsonBody';
import { requireJob } from '../../jobs/requireJob';
import { scimErrorResponse } from '../../scim/scimErrorResponse';
import type { HttpFunctionDefinition } from '../httpFunctionDefinition';

/** Graph's limit for provisionOnDemand: 5 requests per 10 seconds (reference/entra-engine.md §10.2, §13.2). */
const REQUESTS_PER_WINDOW = 5;
const WINDOW_MS = 10_000;

/**
 * POST /api/jobs/{jobId}/provisionOnDemand with Graph's body; answers 200 with Graph's stringKeyStringValuePair
 * (src/engine/onDemand/onDemandResponse.ts). Past the rate limit, 429 with Retry-After, as Graph throttles.
 */
export const provisionOnDemandFunction: HttpFunctionDefinition = {
  name: 'jobProvisionOnDemand',
  methods: ['POST'],
  route: 'api/jobs/{jobId}/provisionOnDemand',
  create: (services) => {
    const limiter = slidingWindowRateLimiter(REQUESTS_PER_WINDOW, WINDOW_MS);
    return async (request) => {
      const job = await requireJob(services.jobs, request.params.jobId ?? '');
      const decision = limiter.take(job.id, services.now().getTime());
      if (!decision.allowed) {
        const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
        return scimErrorResponse(429, `On-demand provisioning allows ${REQUESTS_PER_WINDOW} requests per ${WINDOW_MS / 1000} seconds per job, as Graph does; retry in ${seconds} s`, undefined, { 'Retry-After': String(seconds) });
      }
      const onDemand = parseProvisionOnDemandRequest(await readJsonBody(request), job);
      const result = await provisionOnDemand(services, job, onDemand);
      return { status: 200, jsonBody: onDemandResponse(result.subject, result.members) };
    };
  },
};
