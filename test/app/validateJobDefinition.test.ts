import { validateJobDefinition } from '../../src/app/validateJobDefinition';
import { ValidationError } from '../../src/domain/errors';

const base = () => ({
  id: 'hr',
  source: { type: 'inboundApi' },
  target: { type: 'scim', baseUrl: 'https://app.example/scim/v2', tokenSetting: 'IDBRIDGE_TARGET_TOKEN_APP' },
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
    expect(job.settings).toEqual({ maxBulkOperations: 50, maxAttempts: 8, skipOutOfScopeDeletions: false, logRetentionInDays: 30, accidentalDeletionThreshold: 500, escrowSchedule: ['PT6H', 'PT12H', 'PT24H'], escrowMaxAge: 'P28D', quarantine: { minimumFailures: 5000, failureProportion: 0.4, maximumFailures: 40000, absoluteMaximumFailures: 60000, interval: 'P1D', disableAfter: 'P28D' } });
    expect(job.target.timeoutInMs).toBe(30000);
    expect(job.objectMappings[0]?.attributeMappings[1]).toMatchObject({ matchingPriority: 0, flowType: 'Always', defaultValue: null });
  });

  it.each<[string, (job: ReturnType<typeof base>) => unknown, string]>([
    ['a bad id', (j) => ({ ...j, id: 'has space' }), 'id: must be 1-100 letters'],
    ['a secret instead of a setting name', (j) => ({ ...j, target: { ...j.target, tokenSetting: 'Bearer abc.def' } }), 'target.tokenSetting: must name an app setting that starts with IDBRIDGE_TARGET_TOKEN_'],
    ['a setting that is not a target token', (j) => ({ ...j, target: { ...j.target, tokenSetting: 'IDBRIDGE_STORAGE_CONNECTION' } }), 'target.tokenSetting: must name an app setting that starts with IDBRIDGE_TARGET_TOKEN_'],
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

  describe('scoping filters', () => {
    const withScope = (scope: unknown) => (j: ReturnType<typeof base>) => {
      (j.objectMappings[0] as Record<string, unknown>).scope = scope;
      return j;
    };
    const clause = (operatorName: string, ...values: string[]) => ({ sourceOperandName: 'department', operatorName, targetOperand: { values } });

    it('names the value of a bad regex', () => {
      const found = problems(withScope({ groups: [{ clauses: [clause('EQUALS', 'sales'), clause('REGEX MATCH', '([1-9]')] }] }));
      expect(found).toEqual([expect.stringMatching(/^objectMappings\[0\]\.scope\.groups\[0\]\.clauses\[1\]\.targetOperand\.values\[0\]: '\(\[1-9\]' is not a valid regular expression/)]);
    });

    it.each<[string, unknown, string]>([
      ['a non-integer for Greater_Than', { groups: [{ clauses: [clause('Greater_Than', '1.5')] }] }, 'objectMappings[0].scope.groups[0].clauses[0].targetOperand.values[0]: \'1.5\' must be a non-negative integer'],
      ['a negative integer for Greater_Than_OR_EQUALS', { groups: [{ clauses: [clause('Greater_Than_OR_EQUALS', '-1')] }] }, 'clauses[0].targetOperand.values[0]'],
      ['a missing value', { groups: [{ clauses: [clause('EQUALS')] }] }, 'objectMappings[0].scope.groups[0].clauses[0].targetOperand.values: is empty'],
      ['a bad regex in a second group', { groups: [{ clauses: [clause('IS NULL')] }, { clauses: [clause('NOT REGEX MATCH', 'a', '(?>x)')] }] }, 'scope.groups[1].clauses[0].targetOperand.values[1]: \'(?>x)\' is not a valid regular expression: the regular expression \'(?>x)\' uses an atomic group'],
      ['a non-empty inputFilterGroups', { groups: [], inputFilterGroups: [{ clauses: [clause('IS NULL')] }] }, 'objectMappings[0].scope.inputFilterGroups: is not supported'],
    ])('names the field for %s', (_, scope, expected) => {
      expect(problems(withScope(scope)).join('\n')).toContain(expected);
    });

    it('accepts every operator of Entra and Graph’s extra fields', () => {
      const operators = ['EQUALS', 'NOT EQUALS', 'IS TRUE', 'IS FALSE', 'IS NULL', 'IS NOT NULL', 'REGEX MATCH', 'NOT REGEX MATCH', 'Greater_Than', 'Greater_Than_OR_EQUALS', 'Includes', 'ENDS_WITH', '&', '!&'];
      const scope = { groups: [{ name: 'All', clauses: operators.map((op) => clause(op, op.includes('REGEX') ? '.*\\@domain.com' : '2')) }], inputFilterGroups: [], categoryFilterGroups: [] };
      expect(problems(withScope(scope))).toEqual([]);
    });
  });

  it('lists several problems at once', () => {
    expect(problems((j) => ({ ...j, id: '', target: { ...j.target, tokenSetting: '' } })).length).toBeGreaterThanOrEqual(2);
  });
});

describe('pull sources and schedules', () => {
  const withSource = (source: unknown, extra: Record<string, unknown> = {}) => ({ ...(base() as Record<string, unknown>), source, ...extra });

  it('accepts an external SCIM source with a token setting and fills the schedule', () => {
    const job = validateJobDefinition(withSource({ type: 'scim', baseUrl: 'https://hr.example.com/scim/v2', tokenSetting: 'IDBRIDGE_SOURCE_TOKEN_HR' }));
    expect(job.source).toEqual({ type: 'scim', baseUrl: 'https://hr.example.com/scim/v2', tokenSetting: 'IDBRIDGE_SOURCE_TOKEN_HR', pageSize: 100, timeoutInMs: 30000 });
    expect(job.schedule).toEqual({ interval: 'PT40M', fullReadInterval: 'P1D' });
  });

  it.each([
    [{ type: 'scim', baseUrl: 'https://hr.example.com/scim/v2' }, 'source.tokenSetting'],
    [{ type: 'scim', tokenSetting: 'IDBRIDGE_SOURCE_TOKEN_HR' }, 'source.baseUrl'],
    [{ type: 'scim', baseUrl: 'https://hr.example.com/scim/v2', tokenSetting: 'IDBRIDGE_STORAGE_CONNECTION' }, 'source.tokenSetting'],
    [{ type: 'scim', baseUrl: 'ftp://hr.example.com', tokenSetting: 'IDBRIDGE_SOURCE_TOKEN_HR' }, 'source.baseUrl'],
  ])('rejects the source %j, naming %s', (source, path) => {
    expect(() => validateJobDefinition(withSource(source))).toThrow(expect.objectContaining({ issues: expect.arrayContaining([expect.objectContaining({ path })]) }));
  });

  it.each(['40M', 'PT', 'P', 'PT40', 'P1W'])('rejects the interval %s', (interval) => {
    expect(() => validateJobDefinition(withSource({ type: 'inboundApi' }, { schedule: { interval } }))).toThrow(expect.objectContaining({ issues: expect.arrayContaining([expect.objectContaining({ path: 'schedule.interval' })]) }));
  });

  it.each(['PT40M', 'P1D', 'PT6H30M', 'PT90S', 'P1DT2H'])('accepts the interval %s', (interval) => {
    expect(validateJobDefinition(withSource({ type: 'inboundApi' }, { schedule: { interval } })).schedule.interval).toBe(interval);
  });
});
