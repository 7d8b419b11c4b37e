import fc from 'fast-check';
import { ExpressionSyntaxError } from '../../src/expressions/ExpressionSyntaxError';
import type { ComparisonOperator, ExpressionNode } from '../../src/expressions/expressionAst';
import { formatExpression } from '../../src/expressions/formatExpression';
import { parseExpression } from '../../src/expressions/parseExpression';

/*
 * Properties of the parser and printer (reference/entra-engine.md §1.1). Runs are kept small so the file
 * takes a few seconds; a failure prints a shrunk counterexample and the seed to replay it.
 */
const RUNS = { numRuns: 300 };

/** The tree without positions, which depend on spacing and are not part of the meaning. */
function shape(node: ExpressionNode | null): unknown {
  if (node === null) return null;
  switch (node.kind) {
    case 'call':
      return { kind: node.kind, name: node.name, args: node.args.map(shape) };
    case 'comparison':
      return { kind: node.kind, operator: node.operator, left: shape(node.left), right: shape(node.right) };
    default: {
      const { position: _position, ...rest } = node;
      return rest;
    }
  }
}

/** Parses, or says which error it threw; anything but ExpressionSyntaxError fails the property. */
function parsesOrRejects(text: string): void {
  try {
    parseExpression(text);
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error;
  }
}

function tryParse(text: string): ExpressionNode | null {
  try {
    return parseExpression(text);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return null;
    throw error;
  }
}

// The characters the grammar gives meaning to, plus some letters, digits and white space.
const LANGUAGE_CHARACTERS = [...'[]"(),&H\\ =<>-.', ...'abHFxIJ_', ...'0197', '\t', '\n'];
const languageText = fc.string({ unit: fc.constantFrom(...LANGUAGE_CHARACTERS), maxLength: 40 });

// Well-formed fragments glued together find more edge cases than single characters.
const FRAGMENTS = ['[a]', '[a.b]', '[x[type eq "w"].v]', '"s"', '"\\""', '"\\\\"', 'F(', 'Join(', ')', ',', ', ,', '&HF', '-1', '1.5', '=', '<>', '>=', ' ', 'vbTextCompare', '"'];
const fragmentText = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((parts) => parts.join(''));

describe('parseExpression properties', () => {
  it('throws only ExpressionSyntaxError on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), parsesOrRejects), RUNS);
  });

  it("throws only ExpressionSyntaxError on text made of the language's own characters", () => {
    fc.assert(fc.property(languageText, parsesOrRejects), { numRuns: 2000 });
  });

  it('throws only ExpressionSyntaxError on text made of well-formed fragments', () => {
    fc.assert(fc.property(fragmentText, parsesOrRejects), { numRuns: 2000 });
  });

  it('throws ExpressionSyntaxError, not a stack overflow, on deep nesting within the length limit', () => {
    expect(() => parseExpression('F('.repeat(4999))).toThrow(ExpressionSyntaxError);
    expect(() => parseExpression(`${'F('.repeat(501)}1${')'.repeat(501)}`)).toThrow('nested function calls');
    expect(parseExpression(`${'F('.repeat(500)}1${')'.repeat(500)}`)).toMatchObject({ kind: 'call', name: 'F' });
  });
});

// Generated trees, each one parseExpression can produce (see formatExpression's contract).
const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
const attributeName = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.:-]{0,20}$/),
  fc.constantFrom('emails[type eq "work"].value', 'addresses[type eq "a]b"].locality', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 'a b'),
);
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 10 }), fc.string({ unit: fc.constantFrom('"', '\\', 'a', ' ', 's'), maxLength: 8 }));
const decimal = fc.stringMatching(/^-?[0-9]{1,6}(\.[0-9]{1,3})?$/).map((t) => ({ text: t, value: Number(t) }));
const hex = fc.stringMatching(/^&H[0-9A-Fa-f]{1,6}$/).map((t) => ({ text: t, value: parseInt(t.slice(2), 16) }));
const operator = fc.constantFrom<ComparisonOperator>('=', '<>', '>', '>=', '<', '<=');

const { operand, expression } = fc.letrec<{ operand: ExpressionNode; expression: ExpressionNode; leaf: ExpressionNode; call: ExpressionNode }>((tie) => ({
  leaf: fc.oneof(
    attributeName.map((n): ExpressionNode => ({ kind: 'attribute', name: n, position: 0 })),
    text.map((v): ExpressionNode => ({ kind: 'string', value: v, position: 0 })),
    fc.oneof(decimal, hex).map(({ text: t, value }): ExpressionNode => ({ kind: 'number', value, text: t, position: 0 })),
    name.map((n): ExpressionNode => ({ kind: 'identifier', name: n, position: 0 })),
  ),
  call: fc
    .record({ name, args: fc.array(fc.option(tie('expression'), { freq: 4 }), { maxLength: 4 }) })
    .filter(({ args }) => !(args.length === 1 && args[0] === null))
    .map(({ name: n, args }): ExpressionNode => ({ kind: 'call', name: n, args, position: 0 })),
  operand: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('call')),
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('operand'),
    fc.record({ left: tie('operand'), operator, right: tie('operand') }).map(({ left, operator: op, right }): ExpressionNode => ({ kind: 'comparison', operator: op, left, right, position: 0 })),
  ),
}));

describe('formatExpression properties', () => {
  it('prints any tree as text that parses back to the same tree', () => {
    fc.assert(
      fc.property(expression, (tree) => {
        expect(shape(parseExpression(formatExpression(tree)))).toEqual(shape(tree));
      }),
      RUNS,
    );
  });

  it('prints any operand the same way inside a call', () => {
    fc.assert(
      fc.property(operand, (tree) => {
        const call: ExpressionNode = { kind: 'call', name: 'F', args: [tree, null, tree], position: 0 };
        expect(shape(parseExpression(formatExpression(call)))).toEqual(shape(call));
      }),
      RUNS,
    );
  });

  it('reaches a fixed point: printing what parsed, then parsing and printing again, changes nothing', () => {
    fc.assert(
      fc.property(fc.oneof(fragmentText, languageText, expression.map(formatExpression)), (source) => {
        const tree = tryParse(source);
        if (tree === null) return;
        const printed = formatExpression(tree);
        expect(shape(parseExpression(printed))).toEqual(shape(tree));
        expect(formatExpression(parseExpression(printed))).toBe(printed);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['Replace([x], , "\\\\s", , "", , )', 'Replace([x], , "\\\\s", , "", , )'],
    ['IIF([country]="USA",[country],[department])', 'IIF([country] = "USA", [country], [department])'],
    ['"Company name: \\"Contoso\\""', '"Company name: \\"Contoso\\""'],
    ['Mid([givenName], 1, &HF)', 'Mid([givenName], 1, &HF)'],
    ['  [emails[type eq "work"].value] ', '[emails[type eq "work"].value]'],
    ['StripSpaces( vbTextCompare )', 'StripSpaces(vbTextCompare)'],
    ['F(,)', 'F(, )'],
  ])('prints %s as %s', (source, printed) => {
    expect(formatExpression(parseExpression(source))).toBe(printed);
  });
});
