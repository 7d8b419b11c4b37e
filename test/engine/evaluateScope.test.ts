import type { JsonObject, JsonValue } from '../../src/domain/identityObject';
import { type ScopingFilter, type ScopingOperator, scopingFilter } from '../../src/domain/jobDefinition';
import { evaluateScope } from '../../src/engine/evaluateScope';

/** A filter from Graph-shaped JSON, parsed as a saved job's would be. */
function filter(groups: { name?: string; clauses: [string, ScopingOperator, ...string[]][] }[]): ScopingFilter {
  return scopingFilter.parse({
    groups: groups.map((g) => ({
      name: g.name,
      clauses: g.clauses.map(([sourceOperandName, operatorName, ...values]) => ({ sourceOperandName, operatorName, targetOperand: { values } })),
    })),
  });
}

function holds(operator: ScopingOperator, values: string[], attribute: JsonValue | undefined): boolean {
  const source: JsonObject = attribute === undefined ? {} : { attr: attribute };
  return evaluateScope(filter([{ clauses: [['attr', operator, ...values]] }]), source).inScope;
}

// One row per operator: operand values, then attribute values for match, no match and wrong type.
// NULL (absent) and "" are added to every row below (reference/entra-engine.md §2.1).
const operators: [ScopingOperator, string[], JsonValue, JsonValue, JsonValue][] = [
  ['EQUALS', ['sales'], 'sales', 'Sales', { value: 1, x: 2 }],
  ['NOT EQUALS', ['sales'], 'Sales', 'sales', ['a', 'b']],
  ['IS TRUE', [], true, false, 'yes'],
  ['IS FALSE', [], false, true, 1],
  ['REGEX MATCH', ['.*\\@domain.com'], 'jo@domain.com', 'jo@other.com', { a: 1 }],
  ['NOT REGEX MATCH', ['.*\\@domain.com'], 'jo@other.com', 'jo@domain.com', ['x']],
  ['Greater_Than', ['10'], '11', '10', 'eleven'],
  ['Greater_Than_OR_EQUALS', ['10'], 10, '9', '-11'],
  ['Includes', ['ale'], 'sales', 'SALES', { b: 1 }],
  ['ENDS_WITH', ['.com'], 'a.com', 'a.COM', ['a.com', 'b.com']],
  ['&', ['2'], 514, 512, { v: 2 }],
  ['!&', ['2'], 512, 514, ['2']],
];

describe('evaluateScope: each operator', () => {
  describe.each(operators)('%s %j', (operator, values, match, noMatch, wrongType) => {
    it.each<[string, JsonValue | undefined, boolean]>([
      ['a match', match, true],
      ['no match', noMatch, false],
      ['NULL', undefined, false],
      ['null', null, false],
      ['""', '', false],
      ['[]', [], false],
      ['a wrong type', wrongType, false],
    ])('is %s for %s', (_, attribute, expected) => {
      expect(holds(operator, values, attribute)).toBe(expected);
    });
  });

  it.each<[ScopingOperator, JsonValue | undefined, boolean]>([
    ['IS NULL', undefined, true],
    ['IS NULL', null, true],
    ['IS NULL', '', true],
    ['IS NULL', [], true],
    ['IS NULL', 'x', false],
    ['IS NULL', ' ', false],
    ['IS NULL', false, false],
    ['IS NULL', 0, false],
    ['IS NOT NULL', 'x', true],
    ['IS NOT NULL', 0, true],
    ['IS NOT NULL', false, true],
    ['IS NOT NULL', ['a'], true],
    ['IS NOT NULL', undefined, false],
    ['IS NOT NULL', null, false],
    ['IS NOT NULL', '', false],
    ['IS NOT NULL', [], false],
  ])('%s on %j is %s', (operator, attribute, expected) => {
    expect(holds(operator, [], attribute)).toBe(expected);
  });
});

describe('evaluateScope: operator details (reference/entra-engine.md §2.2)', () => {
  it.each<[ScopingOperator, string[], JsonValue, boolean]>([
    // IS TRUE / IS FALSE accept what .NET Boolean.TryParse accepts
    ['IS TRUE', [], 'True', true],
    ['IS TRUE', [], ' true ', true],
    ['IS TRUE', [], 'TRUE', true],
    ['IS TRUE', [], 1, false],
    ['IS FALSE', [], 'False', true],
    ['IS FALSE', [], 'no', false],
    // scalars compare as Entra renders them
    ['EQUALS', ['True'], true, true],
    ['EQUALS', ['42'], 42, true],
    ['EQUALS', ['sales'], 'sales ', false],
    // several operand values: any for positive operators, none for negated ones
    ['EQUALS', ['sales', 'marketing'], 'marketing', true],
    ['NOT EQUALS', ['sales', 'marketing'], 'marketing', false],
    ['NOT EQUALS', ['sales', 'marketing'], 'hr', true],
    // regex: unanchored, case-sensitive, .NET escapes
    ['REGEX MATCH', ['([1-9][0-9])'], 'x42y', true],
    ['REGEX MATCH', ['^[1-9][0-9]$'], 'x42y', false],
    ['REGEX MATCH', ['SALES'], 'sales', false],
    ['REGEX MATCH', ['(?i)SALES'], 'sales', true],
    ['REGEX MATCH', ['^\\d+$'], 12345, true],
    // Greater_Than: non-negative integers on both sides only
    ['Greater_Than', ['10'], 11, true],
    ['Greater_Than', ['10'], '010', false],
    ['Greater_Than', ['10'], '10.5', false],
    ['Greater_Than', ['10'], -5, false],
    ['Greater_Than', ['10'], 10.5, false],
    ['Greater_Than', ['9007199254740993'], '9007199254740994', true],
    ['Greater_Than_OR_EQUALS', ['10'], '10', true],
    ['Greater_Than_OR_EQUALS', ['10'], ' 10', false],
    // Includes and ENDS_WITH are ordinal
    ['Includes', [''], 'x', true],
    ['ENDS_WITH', ['Ü'], 'XÜ', true],
    ['ENDS_WITH', ['Ü'], 'XU\u0308', false],
    // & on integers is a bitwise AND (some bit of the mask set); otherwise the attribute occurs in the value
    ['&', ['2'], '66050', true],
    ['&', ['2'], '66048', false],
    ['&', ['6'], '4', true],
    ['&', ['sales,marketing'], 'sales', true],
    ['&', ['sales,marketing'], 'hr', false],
    ['&', ['2'], 'abc', false],
    ['!&', ['2'], '66048', true],
    ['!&', ['sales,marketing'], 'hr', true],
    ['!&', ['sales,marketing'], 'sales', false],
  ])('%s %j on %j is %s', (operator, values, attribute, expected) => {
    expect(holds(operator, values, attribute)).toBe(expected);
  });
});

describe('evaluateScope: groups (reference/entra-engine.md §2.1, §2.4)', () => {
  const salesInSeattle = filter([
    { name: 'Seattle sales', clauses: [['department', 'EQUALS', 'sales'], ['city', 'EQUALS', 'Seattle']] },
    { clauses: [['userPrincipalName', 'REGEX MATCH', '.*\\@domain.com']] },
  ]);

  it.each<[string, JsonObject, boolean]>([
    ['all clauses of the first group', { department: 'sales', city: 'Seattle' }, true],
    ['one clause of the first group only', { department: 'sales', city: 'Boston' }, false],
    ['the second group only', { department: 'hr', userPrincipalName: 'jo@domain.com' }, true],
    ['no group', { department: 'hr', userPrincipalName: 'jo@other.com' }, false],
    ['both groups', { department: 'sales', city: 'Seattle', userPrincipalName: 'jo@domain.com' }, true],
  ])('%s', (_, source, expected) => {
    expect(evaluateScope(salesInSeattle, source).inScope).toBe(expected);
  });

  it('names the group that passed and, when none did, the clause each group failed on', () => {
    expect(evaluateScope(salesInSeattle, { department: 'sales', city: 'Seattle' }).description).toBe('Scoping filter group 1 (Seattle sales) passed');
    expect(evaluateScope(salesInSeattle, { department: 'hr' }).description).toBe(
      "No scoping filter group passed (group 1 (Seattle sales): department EQUALS 'sales' is false; group 2: userPrincipalName REGEX MATCH '.*\\@domain.com' is false)",
    );
  });

  it('puts everything in scope when there is no filter or no group', () => {
    expect(evaluateScope(null, {}).inScope).toBe(true);
    expect(evaluateScope(scopingFilter.parse({}), {}).inScope).toBe(true);
  });

  it('puts an object with an empty attribute out of scope for NOT EQUALS (§2.1)', () => {
    expect(evaluateScope(filter([{ clauses: [['department', 'NOT EQUALS', 'sales']] }]), { department: '' }).inScope).toBe(false);
  });

  it('reads SCIM paths and enterprise-extension attributes', () => {
    const f = filter([{ clauses: [['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 'EQUALS', 'sales'], ['name.givenName', 'IS NOT NULL']] }]);
    const source = { name: { givenName: 'Jo' }, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'sales' } };
    expect(evaluateScope(f, source).inScope).toBe(true);
  });

  it.each<[string, string, ScopingOperator, string, JsonObject, boolean]>([
    ['userPrincipalName REGEX MATCH .*\\@domain.com', 'userPrincipalName', 'REGEX MATCH', '.*\\@domain.com', { userPrincipalName: 'jo@domain.com' }, true],
    ['department EQUALS sales', 'department', 'EQUALS', 'sales', { department: 'sales' }, true],
    ['workerID REGEX MATCH (1[0-9]{6}) on 1234567', 'workerID', 'REGEX MATCH', '(1[0-9][0-9][0-9][0-9][0-9][0-9])', { workerID: '1234567' }, true],
    ['workerID REGEX MATCH (1[0-9]{6}) on 2234567', 'workerID', 'REGEX MATCH', '(1[0-9][0-9][0-9][0-9][0-9][0-9])', { workerID: '2234567' }, false],
  ])('typical clause %s', (_, attribute, operator, value, source, expected) => {
    expect(evaluateScope(filter([{ clauses: [[attribute, operator, value]] }]), source).inScope).toBe(expected);
  });

  it('accepts Graph’s extra fields', () => {
    const f = scopingFilter.parse({ groups: [{ name: 'Sales only', clauses: [{ operatorName: 'EQUALS', sourceOperandName: 'department', targetOperand: { values: ['sales'] } }] }], inputFilterGroups: [], categoryFilterGroups: [] });
    expect(evaluateScope(f, { department: 'sales' }).inScope).toBe(true);
  });

  it('compiles each clause once and reuses it', () => {
    const f = filter([{ clauses: [['a', 'REGEX MATCH', '^x']] }]);
    const spy = jest.spyOn(globalThis, 'RegExp');
    try {
      evaluateScope(f, { a: 'x' });
      const afterFirst = spy.mock.calls.length;
      expect(afterFirst).toBeGreaterThan(0);
      for (let i = 0; i < 5; i++) evaluateScope(f, { a: `x${i}` });
      expect(spy.mock.calls.length).toBe(afterFirst);
    } finally {
      spy.mockRestore();
    }
  });

  it('fails the object, rather than treating it as out of scope, for a regex that bypassed validation', () => {
    expect(() => evaluateScope(filter([{ clauses: [['a', 'REGEX MATCH', '(']] }]), { a: 'x' })).toThrow('not a valid regular expression');
  });
});
