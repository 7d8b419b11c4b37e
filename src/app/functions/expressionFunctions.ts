import type { HttpRequest } from '@azure/functions';
import { NotFoundError, ValidationError } from '../../domain/errors';
import type { EvaluationEnvironment } from '../../expressions/evaluationEnvironment';
import { expressionTestRequestSchema } from '../../expressions/expressionTestRequestSchema';
import { testExpression } from '../../expressions/testExpression';
import { readJsonBody } from '../../http/readJsonBody';
import type { HttpFunctionDefinition } from '../httpFunctionDefinition';
import type { Services } from '../services';

/*
 * Graph's "Test expression" (synchronizationSchema: parseExpression, reference/entra-engine.md §1.6): 200 with
 * the parse/evaluation outcome, also when the expression does not parse; 400 only for a malformed body.
 */

async function readRequest(request: HttpRequest) {
  const parsed = expressionTestRequestSchema.safeParse(await readJsonBody(request));
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  return parsed.data;
}

/** `testInputObject.properties[2].key`, the way job validation names fields. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}

function environment(services: Services, defaultDomain: string | null): EvaluationEnvironment {
  return { now: services.now(), random: Math.random, defaultDomain };
}

/** POST /api/expressions/parse: test an expression outside any job (DefaultDomain() is NULL). */
export const parseExpressionFunction: HttpFunctionDefinition = {
  name: 'parseExpression',
  methods: ['POST'],
  route: 'api/expressions/parse',
  create: (services) => async (request) => {
    const body = await readRequest(request);
    return { status: 200, jsonBody: testExpression(body, environment(services, null)) };
  },
};

/** POST /api/jobs/{jobId}/schema/parseExpression: as Graph's job-scoped action; the job's defaultDomain feeds DefaultDomain(). */
export const jobParseExpressionFunction: HttpFunctionDefinition = {
  name: 'jobParseExpression',
  methods: ['POST'],
  route: 'api/jobs/{jobId}/schema/parseExpression',
  create: (services) => async (request) => {
    const jobId = request.params.jobId ?? '';
    const job = await services.jobs.get(jobId);
    if (!job) throw new NotFoundError(`No job '${jobId}'`);
    const body = await readRequest(request);
    return { status: 200, jsonBody: testExpression(body, environment(services, job.settings.defaultDomain ?? null)) };
  },
};
