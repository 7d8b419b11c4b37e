import { ExpressionSyntaxError } from './ExpressionSyntaxError';
import { type ComparisonOperator, type ExpressionNode, MAX_EXPRESSION_LENGTH } from './expressionAst';

/**
 * Parses an expression into a tree. Grammar (Entra's, reference/entra-engine.md §1.1):
 *   expression := operand (comparison operand)?
 *   operand    := '[' name ']' | string | number | '&H' hex | identifier | identifier '(' args ')'
 *   args       := (expression | empty) (',' (expression | empty))*
 * Attribute names run to the closing bracket, so URNs and dotted names need no escaping.
 */
export function parseExpression(text: string): ExpressionNode {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionSyntaxError(`expression is ${text.length} characters, longer than the ${MAX_EXPRESSION_LENGTH} allowed`, MAX_EXPRESSION_LENGTH);
  }
  const parser = new Parser(text);
  const node = parser.expression();
  parser.skipSpace();
  if (!parser.atEnd()) parser.fail('expected the end of the expression');
  return node;
}

const COMPARISONS: readonly ComparisonOperator[] = ['<>', '>=', '<=', '=', '>', '<'];

/**
 * Calls nest "to any depth" in Entra (reference/entra-engine.md §1.1), but this parser recurses, and 10,000
 * characters of `F(F(F(…` overflow the stack with a RangeError. idbridge's own limit (Entra publishes none),
 * far above real expressions and far below the stack.
 */
const MAX_NESTING = 500;

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(what: string): never {
    const found = this.atEnd() ? 'the end' : `'${this.text[this.pos]}'`;
    throw new ExpressionSyntaxError(`${what}, found ${found}`, this.pos);
  }

  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  expression(): ExpressionNode {
    const left = this.operand();
    this.skipSpace();
    const operator = COMPARISONS.find((op) => this.text.startsWith(op, this.pos));
    if (!operator) return left;
    const position = this.pos;
    this.pos += operator.length;
    const right = this.operand();
    return { kind: 'comparison', operator, left, right, position };
  }

  private operand(): ExpressionNode {
    this.skipSpace();
    const position = this.pos;
    const ch = this.text[this.pos];
    if (ch === '[') return this.attribute(position);
    if (ch === '"') return { kind: 'string', value: this.string(), position };
    if (ch === '&' && /^&H[0-9A-Fa-f]+/.test(this.text.slice(this.pos))) return this.hex(position);
    if (ch !== undefined && /[-0-9]/.test(ch)) return this.number(position);
    if (ch !== undefined && /[A-Za-z_]/.test(ch)) {
      const name = this.identifierText();
      this.skipSpace();
      if (this.text[this.pos] === '(') return { kind: 'call', name, args: this.args(), position };
      return { kind: 'identifier', name, position };
    }
    return this.fail('expected an attribute like [name], a "string", a number or a function call');
  }

  private attribute(position: number): ExpressionNode {
    const close = this.closingBracket(this.pos);
    if (close < 0) this.fail("expected ']' to close the attribute name");
    const name = this.text.slice(this.pos + 1, close).trim();
    if (name === '') this.fail('expected an attribute name inside [ ]');
    this.pos = close + 1;
    return { kind: 'attribute', name, position };
  }

  /**
   * The `]` that closes the attribute name opened at `open`. Names may hold a SCIM value filter with brackets
   * and quoted text of their own (`[emails[type eq "work"].value]`, as in Entra's inbound schema).
   */
  private closingBracket(open: number): number {
    let depth = 0;
    let quoted = false;
    for (let i = open; i < this.text.length; i++) {
      const ch = this.text[i];
      if (quoted) {
        if (ch === '\\') i++;
        else if (ch === '"') quoted = false;
      } else if (ch === '"') quoted = true;
      else if (ch === '[') depth++;
      else if (ch === ']' && --depth === 0) return i;
    }
    return -1;
  }

  private string(): string {
    let value = '';
    this.pos++; // opening quote
    while (!this.atEnd()) {
      const ch = this.text[this.pos++];
      if (ch === '"') return value;
      if (ch === '\\') {
        const next = this.text[this.pos];
        // Entra escapes only \ and " with a backslash; any other backslash is kept as written
        // (so regex text such as "\s" survives either way).
        if (next === '"' || next === '\\') {
          value += next;
          this.pos++;
          continue;
        }
      }
      value += ch;
    }
    return this.fail('expected \'"\' to close the string');
  }

  private number(position: number): ExpressionNode {
    const match = /^-?\d+(\.\d+)?/.exec(this.text.slice(this.pos));
    if (!match) return this.fail('expected a number');
    this.pos += match[0].length;
    return { kind: 'number', value: Number(match[0]), text: match[0], position };
  }

  private hex(position: number): ExpressionNode {
    const match = /^&H([0-9A-Fa-f]+)/.exec(this.text.slice(this.pos));
    if (!match?.[1]) return this.fail('expected a hexadecimal number after &H');
    this.pos += match[0].length;
    return { kind: 'number', value: parseInt(match[1], 16), text: match[0], position };
  }

  private identifierText(): string {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (!match) return this.fail('expected a name');
    this.pos += match[0].length;
    return match[0];
  }

  private args(): (ExpressionNode | null)[] {
    if (++this.depth > MAX_NESTING) this.fail(`expected at most ${MAX_NESTING} nested function calls`);
    this.pos++; // '('
    const args: (ExpressionNode | null)[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ')') {
      this.pos++;
      this.depth--;
      return args;
    }
    for (;;) {
      this.skipSpace();
      const ch = this.text[this.pos];
      // An empty slot stands for an omitted optional argument: `Replace([x], , "a", , "b", , )`.
      args.push(ch === ',' || ch === ')' ? null : this.expression());
      this.skipSpace();
      const sep = this.text[this.pos];
      if (sep === ',') {
        this.pos++;
        continue;
      }
      if (sep === ')') {
        this.pos++;
        this.depth--;
        return args;
      }
      this.fail("expected ',' or ')' in the argument list");
    }
  }
}
