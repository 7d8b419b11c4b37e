import { evaluateExpression } from '../../src/expressions/evaluateExpression';
import { fixedEnvironment } from '../../src/expressions/evaluationEnvironment';
import { parseExpression } from '../../src/expressions/parseExpression';
import type { ExpressionValue } from '../../src/expressions/expressionValue';
import { validateExpression } from '../../src/expressions/validateExpression';

const run = (text: string, attributes: Record<string, ExpressionValue> = {}): ExpressionValue =>
  evaluateExpression(parseExpression(text), { getAttribute: (name) => attributes[name], env: fixedEnvironment() });

describe('evaluateExpression', () => {
  it.each<[string, Record<string, ExpressionValue>, ExpressionValue]>([
    ['[givenName]', { givenName: 'John' }, 'John'],
    ['[missing]', {}, null],
    ['"United States"', {}, 'United States'],
    ['Append([userPrincipalName], ".test")', { userPrincipalName: 'John.Doe@contoso.com' }, 'John.Doe@contoso.com.test'],
    ['Append([missing], ".test")', {}, null],
    ['Coalesce([mail],[userPrincipalName])', { userPrincipalName: 'John.Doe@contoso.com' }, 'John.Doe@contoso.com'],
    ['Coalesce([mail], "fallback")', { mail: '' }, ''],
    ['Coalesce([a], [b])', {}, null],
    ['Join(", ", "", [surname], [givenName])', { surname: 'Doe', givenName: 'John' }, 'Doe, John'],
    ['Join(";", [proxy])', { proxy: ['a', 'b', 'c'] }, 'a;b;c'],
    ['Join(" ", [a], [b])', {}, null],
    ['CStr([flag])', { flag: true }, 'True'],
    ['IsNull([x])', {}, 'True'],
    ['IsNull([x])', { x: '' }, 'False'],
    ['IsNullOrEmpty([x])', { x: '' }, 'True'],
    ['IsPresent([x])', { x: 'v' }, 'True'],
    ['Not([x])', { x: 'True' }, 'False'],
    ['Not([x])', { x: 'anything' }, 'True'],
    ['[a] = "USA"', { a: 'USA' }, 'True'],
    ['[a] = "usa"', { a: 'USA' }, 'False'],
    ['[a] <> "x"', { a: 'y' }, 'True'],
    ['[n] > 9', { n: '10' }, 'True'],
    ['[a] = ""', { a: '' }, 'False'],
    ['[missing] <> "x"', {}, 'False'],
  ])('%s', (text, attributes, expected) => {
    expect(run(text, attributes)).toEqual(expected);
  });

  it('names an unknown function and a wrong argument count', () => {
    expect(() => run('Nope([a])')).toThrow("unknown function 'Nope'");
    expect(() => run('Append([a])')).toThrow('Append takes 2 arguments, got 1');
  });

  it('function names are case-sensitive', () => {
    expect(() => run('join(" ", [a])')).toThrow("unknown function 'join'");
  });
});

describe('validateExpression', () => {
  it.each([
    ['[a]', 0],
    ['Join(" ", [a], [b])', 0],
    ['Nope([a])', 1],
    ['Append([a])', 1],
    ['[a', 1],
    ['Switch([a], "d", "k1", "v1")', 0],
    ['Switch([a], "d", "k1")', 1],
  ])('%s has %d problem(s)', (text, count) => {
    expect(validateExpression(text)).toHaveLength(count);
  });
});
