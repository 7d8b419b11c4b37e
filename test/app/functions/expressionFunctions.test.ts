import { jobParseExpressionFunction, parseExpressionFunction } from '../../../src/app/functions/expressionFunctions';
import type { Services } from '../../../src/app/services';
import { validateJobDefinition } from '../../../src/app/validateJobDefinition';
import { createAzuriteServices } from '../../support/azuriteServices';
import { callHandler, expectScimError, issuePaths, productionHandler, type HttpResult } from '../../support/httpCall';

const HOST = 'https://idbridge.example';

let services: Services;
let adminToken: string;

beforeEach(async () => {
  ({ services, adminToken } = await createAzuriteServices());
});

function parse(body: unknown, presented: string | null = adminToken): Promise<HttpResult> {
  return callHandler(productionHandler(parseExpressionFunction, services), {
    method: 'POST',
    url: `${HOST}/api/expressions/parse`,
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    token: presented,
  });
}

function jobParse(jobId: string, body: unknown): Promise<HttpResult> {
  return callHandler(productionHandler(jobParseExpressionFunction, services), {
    method: 'POST',
    url: `${HOST}/api/jobs/${encodeURIComponent(jobId)}/schema/parseExpression`,
    params: { jobId },
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    token: adminToken,
  });
}

async function saveJob(id: string, defaultDomain?: string): Promise<void> {
  await services.jobs.upsert(
    validateJobDefinition({
      id,
      source: { type: 'inboundApi' },
      target: { type: 'scim', baseUrl: 'https://app.example.com/scim/v2', tokenSetting: 'IDBRIDGE_TARGET_TOKEN_APP' },
      ...(defaultDomain ? { settings: { defaultDomain } } : {}),
      objectMappings: [{ name: 'users', attributeMappings: [{ source: { expression: '[externalId]' }, targetAttributeName: 'externalId', matchingPriority: 1 }] }],
    }),
  );
}

describe('POST /api/expressions/parse (Azurite)', () => {
  it("answers Graph's documented sample with 200 and [\"EN_US\"]", async () => {
    const result = await parse({
      expression: 'Replace([preferredLanguage], "-", , , "_", ,  )',
      targetAttributeDefinition: null,
      testInputObject: {
        definition: null,
        properties: [
          { key: 'IsSoftDeleted', value: 'false' },
          { key: 'preferredLanguage', value: 'EN-US' },
          { key: 'appRoleAssignments', 'value@odata.type': '#Collection(String)', value: ['Default Assignment'] },
        ],
      },
    });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ parsingSucceeded: true, evaluationSucceeded: true, evaluationResult: ['EN_US'], parsedExpression: 'Replace([preferredLanguage], "-", , , "_", , )', error: null });
  });

  it('answers 200 with parsingSucceeded false for an expression that does not parse', async () => {
    const result = await parse({ expression: 'Join(" ", [a]', testInputObject: { properties: [] } });
    expect(result.status).toBe(200);
    expect(result.body).toEqual(expect.objectContaining({ parsingSucceeded: false, evaluationSucceeded: false, evaluationResult: null, error: { code: 'ExpressionSyntaxError', message: expect.stringContaining('position') } }));
  });

  it('gives DefaultDomain() no value outside a job', async () => {
    const result = await parse({ expression: 'DefaultDomain()', testInputObject: { properties: [] } });
    expect(result.status).toBe(200);
    expect((result.body as { evaluationResult: string[] | null }).evaluationResult ?? []).toEqual([]);
  });

  it.each<[string, unknown, string[]]>([
    ['no expression', { testInputObject: { properties: [] } }, ['expression']],
    ['a property without a key', { expression: '[a]', testInputObject: { properties: [{ value: 'x' }] } }, ['testInputObject.properties[0].key']],
    ['a property value that is an object', { expression: '[a]', testInputObject: { properties: [{ key: 'a', value: { nested: 1 } }] } }, ['testInputObject.properties[0].value']],
  ])('refuses %s with 400 naming the field', async (_name, body, paths) => {
    expect(issuePaths(expectScimError(await parse(body), 400))).toEqual(paths);
  });

  it('refuses a body that is not JSON with 400', async () => {
    expect(issuePaths(expectScimError(await parse('{"expression":'), 400))).toEqual(['body']);
  });

  it('answers 401 without the token', async () => {
    expectScimError(await parse({ expression: '[a]' }, null), 401);
  });
});

describe('POST /api/jobs/{jobId}/schema/parseExpression (Azurite)', () => {
  it("feeds the job's defaultDomain to DefaultDomain()", async () => {
    await saveJob('hr1', 'contoso.example');
    const result = await jobParse('hr1', { expression: 'Join("@", [mailNickname], DefaultDomain())', testInputObject: { properties: [{ key: 'mailNickname', value: 'ada' }] } });
    expect(result.status).toBe(200);
    expect(result.body).toEqual(expect.objectContaining({ evaluationSucceeded: true, evaluationResult: ['ada@contoso.example'] }));
  });

  it('answers 404 for an unknown job', async () => {
    const error = expectScimError(await jobParse('nope', { expression: '[a]' }), 404);
    expect(error.detail).toContain('nope');
  });
});
