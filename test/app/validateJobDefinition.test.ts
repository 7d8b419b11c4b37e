import { validateJobDefinition } from '../../src/app/validateJobDefinition';
import { ValidationError } from '../../src/domain/errors';

const base = () => ({
  id: 'hr',
  source: { type: 'inboundApi' },
  target: { type: 'scim', baseUrl: 'https://app.example/scim/v2', tokenSetting: 'APP_TOKEN' },
  objectMappings: [
    {
      name: 'users',
      attributeMappings: [
        { source: { expression: '[externalId]' }, targetAttributeName: 'externalId', matchingPriority: 1 },
        { source: { expression: '[name.givenName]' }, targetAttributeName: 'name.givenName' },
      ],
    },
  ],
});

function problems(mutate: (job: ReturnType<typeof base>) => unknown): string[] {
  try {
    validateJobDefinition(mutate(base()));
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
}

describe('validateJobDefinition', () => {
  it('accepts a valid job and fills the defaults', () => {
    const job = validateJobDefinition(base());
    expect(job.settings).toEqual({ maxBulkOperations: 50, maxAttempts: 8 });
    expect(job.target.timeoutInMs).toBe(30000);
    expect(job.objectMappings[0]?.attributeMappings[1]).toMatchObject({ matchingPriority: 0, flowType: 'Always', defaultValue: null });
  });

  it.each<[string, (job: ReturnType<typeof base>) => unknown, string]>([
    ['a bad id', (j) => ({ ...j, id: 'has space' }), 'id: must be 1-100 letters'],
    ['a secret instead of a setting name', (j) => ({ ...j, target: { ...j.target, tokenSetting: 'Bearer abc.def' } }), 'target.tokenSetting: must be the name of an app setting'],
    ['a non-http URL', (j) => ({ ...j, target: { ...j.target, baseUrl: 'ftp://x' } }), 'target.baseUrl'],
    ['an unknown source type', (j) => ({ ...j, source: { type: 'workday' } }), 'source.type'],
    ['a broken expression', (j) => { j.objectMappings[0]!.attributeMappings[1]!.source.expression = 'Join(" ", [a]'; return j; }, 'objectMappings[0].attributeMappings[1].source.expression'],
    ['an unknown function', (j) => { j.objectMappings[0]!.attributeMappings[1]!.source.expression = 'Frobnicate([a])'; return j; }, "unknown function 'Frobnicate'"],
    ['a bad target path', (j) => { j.objectMappings[0]!.attributeMappings[1]!.targetAttributeName = 'emails[type eq'; return j; }, 'objectMappings[0].attributeMappings[1].targetAttributeName'],
    ['no matching attribute', (j) => { j.objectMappings[0]!.attributeMappings[0]!.matchingPriority = 0; return j; }, 'objectMappings[0].attributeMappings: no mapping has matchingPriority > 0'],
    ['two mappings with one precedence', (j) => { (j.objectMappings[0]!.attributeMappings[1] as { matchingPriority?: number }).matchingPriority = 1; return j; }, 'objectMappings[0].attributeMappings[1].matchingPriority: 1 is also'],
    ['too many bulk operations', (j) => ({ ...j, settings: { maxBulkOperations: 500 } }), 'settings.maxBulkOperations'],
    ['an unsupported scoping operator', (j) => { (j.objectMappings[0] as Record<string, unknown>).scope = { groups: [{ clauses: [{ sourceOperandName: 'a', operatorName: 'SOUNDS LIKE' }] }] }; return j; }, 'objectMappings[0].scope.groups[0].clauses[0].operatorName'],
  ])('names the field for %s', (_, mutate, expected) => {
    expect(problems(mutate).join('\n')).toContain(expected);
  });

  it('lists several problems at once', () => {
    expect(problems((j) => ({ ...j, id: '', target: { ...j.target, tokenSetting: '' } })).length).toBeGreaterThanOrEqual(2);
  });
});
