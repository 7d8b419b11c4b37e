import { parseExpression } from '../../src/expressions/parseExpression';
import { ExpressionSyntaxError } from '../../src/expressions/ExpressionSyntaxError';

describe('parseExpression', () => {
  it.each([
    ['[externalId]', { kind: 'attribute', name: 'externalId' }],
    ['  [name.givenName] ', { kind: 'attribute', name: 'name.givenName' }],
    ['[urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department]', { kind: 'attribute', name: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department' }],
    ['[emails[type eq "work"].value]', { kind: 'attribute', name: 'emails[type eq "work"].value' }],
    ['[addresses[type eq "a]b"].locality]', { kind: 'attribute', name: 'addresses[type eq "a]b"].locality' }],
    ['"constant"', { kind: 'string', value: 'constant' }],
    ['"Company name: \\"Contoso\\""', { kind: 'string', value: 'Company name: "Contoso"' }],
    ['"back\\\\slash"', { kind: 'string', value: 'back\\slash' }],
    ['"[()\\s-]+"', { kind: 'string', value: '[()\\s-]+' }],
    ['42', { kind: 'number', value: 42 }],
    ['&HF', { kind: 'number', value: 15 }],
    ['vbTextCompare', { kind: 'identifier', name: 'vbTextCompare' }],
  ])('%s', (text, expected) => {
    expect(parseExpression(text)).toMatchObject(expected);
  });

  it('parses nested calls with empty optional arguments', () => {
    const tree = parseExpression('Replace([x], , "\\\\s", , "", , )');
    expect(tree).toMatchObject({ kind: 'call', name: 'Replace' });
    if (tree.kind !== 'call') throw new Error('not a call');
    expect(tree.args.map((a) => a?.kind ?? null)).toEqual(['attribute', null, 'string', null, 'string', null, null]);
  });

  it('parses comparisons inside IIF', () => {
    const tree = parseExpression('IIF([country]="USA",[country],[department])');
    if (tree.kind !== 'call') throw new Error('not a call');
    expect(tree.args[0]).toMatchObject({ kind: 'comparison', operator: '=', left: { name: 'country' }, right: { value: 'USA' } });
  });

  it.each([
    ['<>', '<>'],
    ['>=', '>='],
    ['<=', '<='],
    ['<', '<'],
    ['>', '>'],
  ])('reads the %s operator', (op, expected) => {
    expect(parseExpression(`[a] ${op} "b"`)).toMatchObject({ kind: 'comparison', operator: expected });
  });

  it.each([
    ['', 'expected an attribute'],
    ['[unclosed', "expected ']'"],
    ['[]', 'expected an attribute name'],
    ['"open', 'to close the string'],
    ['Join(" ", [a]', "expected ',' or ')'"],
    ['[a] [b]', 'expected the end of the expression'],
    [')', 'expected an attribute'],
  ])('rejects %j with a positioned message', (text, message) => {
    expect(() => parseExpression(text)).toThrow(ExpressionSyntaxError);
    expect(() => parseExpression(text)).toThrow(message);
    expect(() => parseExpression(text)).toThrow(/at position \d+/);
  });

  it('enforces the 10,000-character limit', () => {
    expect(() => parseExpression(`"${'a'.repeat(10000)}"`)).toThrow('longer than the 10000 allowed');
  });
});
