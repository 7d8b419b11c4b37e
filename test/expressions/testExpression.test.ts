import { fixedEnvironment } from '../../src/expressions/evaluationEnvironment';
import { testExpression, type ExpressionTestResult } from '../../src/expressions/testExpression';
import type { ExpressionTestProperty } from '../../src/expressions/expressionTestRequestSchema';

const env = fixedEnvironment(new Date('2026-03-01T12:00:00Z'), 1, 'contoso.example');
const run = (expression: string, properties?: ExpressionTestProperty[]): ExpressionTestResult =>
  testExpression({ expression, ...(properties ? { testInputObject: { definition: null, properties } } : {}) }, env);
const ok = (evaluationResult: string[]) => expect.objectContaining({ parsingSucceeded: true, evaluationSucceeded: true, evaluationResult, error: null });

describe('testExpression', () => {
  it("reproduces Graph's documented parseExpression sample (Replace on preferredLanguage)", () => {
    const result = run('Replace([preferredLanguage], "-", , , "_", ,  )', [
      { key: 'objectId', value: '66E4A8CC-1B7B-435E-95F8-F06CEA133828' },
      { key: 'IsSoftDeleted', value: 'false' },
      { key: 'preferredLanguage', value: 'EN-US' },
      { key: 'appRoleAssignments', 'value@odata.type': '#Collection(String)', value: ['Default Assignment'] },
    ]);
    expect(result).toEqual(ok(['EN_US']));
    expect(result.parsedExpression).toMatch(/^Replace\(\[preferredLanguage\], "-", , , "_", ,\s+\)$/);
  });

  it.each<[string, ExpressionTestProperty[], string[]]>([
    ['[givenName]', [{ key: 'givenName', value: 'Ada' }], ['Ada']],
    ['Join(" ", [givenName], [surname])', [{ key: 'givenName', value: 'Ada' }, { key: 'surname', value: 'Lovelace' }], ['Ada Lovelace']],
    // Booleans and numbers in the input flow as Entra renders them.
    ['[accountEnabled]', [{ key: 'accountEnabled', value: true }], ['True']],
    ['[employeeNumber]', [{ key: 'employeeNumber', value: 42 }], ['42']],
    ['Not([IsSoftDeleted])', [{ key: 'IsSoftDeleted', value: false }], ['True']],
    ['Not([IsSoftDeleted])', [{ key: 'IsSoftDeleted', value: 'True' }], ['False']],
    // A multi-valued result gives one string per value; Graph's collection annotation and a plain list agree.
    ['[proxyAddresses]', [{ key: 'proxyAddresses', value: ['SMTP:a@x', 'smtp:b@x'] }], ['SMTP:a@x', 'smtp:b@x']],
    ['[proxyAddresses]', [{ key: 'proxyAddresses', 'value@odata.type': '#Collection(String)', value: 'SMTP:a@x' }], ['SMTP:a@x']],
    ['Join(";", [proxyAddresses])', [{ key: 'proxyAddresses', 'value@odata.type': '#Collection(String)', value: ['a', 'b'] }], ['a;b']],
    // NULL (an absent attribute) yields no value.
    ['[missing]', [], []],
    ['Coalesce([mail], "none")', [{ key: 'mail', value: null }], ['none']],
    ['IsNull([mail])', [], ['True']],
    // "" is a value, not NULL.
    ['IsNull([mail])', [{ key: 'mail', value: '' }], ['False']],
  ])('%s → %j', (expression, properties, expected) => {
    expect(run(expression, properties)).toEqual(ok(expected));
  });

  it('looks attribute names up exactly as written (Entra names are case-sensitive)', () => {
    expect(run('[GivenName]', [{ key: 'givenName', value: 'Ada' }])).toEqual(ok([]));
    expect(run('[passwordProfile.password]', [{ key: 'passwordProfile.password', value: 'x' }])).toEqual(ok(['x']));
  });

  it('only parses when there is no test input', () => {
    expect(run(' Join(" ", [a], [b]) ')).toEqual({ parsingSucceeded: true, evaluationSucceeded: false, evaluationResult: null, parsedExpression: 'Join(" ", [a], [b])', error: null });
  });

  it('reports a syntax error with its position, not as an exception', () => {
    const result = run('Join(" ", [a]', []);
    expect(result).toEqual({ parsingSucceeded: false, evaluationSucceeded: false, evaluationResult: null, parsedExpression: null, error: { code: 'ExpressionSyntaxError', message: expect.stringMatching(/at position 13/) } });
  });

  it.each([
    ['an unknown function', 'Frobnicate([a])', /unknown function 'Frobnicate'/],
    ['a function name in the wrong case', 'join(" ", [a])', /unknown function 'join'/],
    ['a wrong argument count', 'Not([a], [b])', /Not at position 0 has 2 arguments/],
  ])('fails parsing for %s', (_name, expression, message) => {
    expect(run(expression, [])).toEqual(expect.objectContaining({ parsingSucceeded: false, parsedExpression: null, error: { code: 'ExpressionValidationFailed', message: expect.stringMatching(message) } }));
  });

  it('fails parsing for an expression longer than Entra allows', () => {
    expect(run(`"${'x'.repeat(10001)}"`, []).parsingSucceeded).toBe(false);
  });
});
