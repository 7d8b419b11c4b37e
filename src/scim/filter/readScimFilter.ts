import { readScimLiteral } from '../readScimLiteral';
import type { ScimTextReader } from '../scimTextReader';
import { readBracketSubAttribute } from './readBracketSubAttribute';
import { readFilterAttributePath } from './readFilterAttributePath';
import { COMPARE_OPERATORS, type CompareOperator, type FilterAttributePath, type ScimFilter } from './scimFilter';

/**
 * Parentheses, `not (...)` and `[...]` nested deeper than this are refused, and so are filters with more
 * comparisons than MAX_FILTER_COMPARISONS: the parser, the evaluator and the formatter recurse over the
 * tree, and no input may exhaust the stack. Real filters (Entra's, RFC 7644's examples) use a handful.
 */
export const MAX_FILTER_NESTING = 32;
export const MAX_FILTER_COMPARISONS = 1000;

export interface ReadScimFilterOptions {
  /** Inside `attr[...]`: names are sub-attributes of the element, value paths do not nest; stops before `]`. */
  valuePath?: boolean;
  /** Accept an unquoted word as a string value (`externalId eq jyoung`, an old Entra example). */
  bareWordValues?: boolean;
}

/**
 * Reads a filter at the cursor (RFC 7644 §3.4.2.2, Figure 1), stopping before a `]` or `)` it did not
 * open, or at the end; the caller checks what comes next. Precedence (§3.4.2.2): grouping, then `not`,
 * then `and`, then `or`; `and`/`or` chains are left-associative. Keywords, operators and `true`/`false`/
 * `null` are case-insensitive (ABNF strings are, RFC 5234 §2.3). Whitespace between tokens is required
 * only where two words meet; one or more spaces are accepted wherever the ABNF has SP.
 */
export function readScimFilter(reader: ScimTextReader, options: ReadScimFilterOptions = {}): ScimFilter {
  return new FilterReader(reader, options.bareWordValues ?? false).readOr(options.valuePath ?? false, 0, options.valuePath ? ']' : undefined);
}

type Closer = ')' | ']' | undefined;

class FilterReader {
  private comparisons = 0;

  constructor(
    private readonly reader: ScimTextReader,
    private readonly bareWords: boolean,
  ) {}

  readOr(inValuePath: boolean, depth: number, closer: Closer): ScimFilter {
    let left = this.readAnd(inValuePath, depth, closer);
    while (this.readConnective(closer) === 'or') {
      left = { kind: 'or', left, right: this.readAnd(inValuePath, depth, closer) };
    }
    return left;
  }

  private readAnd(inValuePath: boolean, depth: number, closer: Closer): ScimFilter {
    let left = this.readUnary(inValuePath, depth);
    for (;;) {
      const before = this.reader.pos;
      if (this.readConnective(closer) !== 'and') {
        // Leave an `or` (or the closer) for readOr.
        this.reader.pos = before;
        return left;
      }
      left = { kind: 'and', left, right: this.readUnary(inValuePath, depth) };
    }
  }

  /** After a complete expression: `and`, `or`, or undefined at the closer / the end (not consumed). */
  private readConnective(closer: Closer): 'and' | 'or' | undefined {
    const reader = this.reader;
    reader.skipSpaces();
    const ch = reader.peek();
    if (ch === undefined || ch === ')' || ch === ']') {
      if (ch !== undefined && ch !== closer) reader.fail(closer ? `expected "and", "or" or "${closer}" but found "${ch}"` : `unexpected "${ch}"`);
      return undefined;
    }
    const at = reader.pos;
    const word = reader.readUntil('[]()"');
    const lower = word.toLowerCase();
    if (lower === 'and' || lower === 'or') return lower;
    const end = closer === undefined ? 'the end' : `"${closer}"`;
    return reader.fail(`expected "and", "or" or ${end} but found ${word ? `"${word}"` : reader.describeHere(at)}`, at);
  }

  private readUnary(inValuePath: boolean, depth: number): ScimFilter {
    const reader = this.reader;
    reader.skipSpaces();
    if (reader.peek() === '(') return this.readGroup(inValuePath, depth);
    const at = reader.pos;
    const word = reader.readUntil('[]()"');
    if (word.toLowerCase() === 'not') {
      reader.skipSpaces();
      if (reader.peek() === '(') return { kind: 'not', filter: this.readGroup(inValuePath, depth) };
      // An attribute may be called "not" (`not eq 1`); anything else after "not" wants a parenthesis.
      const next = reader.pos;
      const following = reader.readUntil('[]()"').toLowerCase();
      if (!isOperator(following) && following !== 'pr') reader.fail(`expected "(" after "not" but found ${reader.describeHere(next)}`, next);
    }
    reader.pos = at;
    const path = readFilterAttributePath(reader, inValuePath);
    if (reader.peek() !== '[') return this.readAttributeExpression(path);

    if (inValuePath) reader.fail('value paths do not nest (RFC 7644 §3.4.2.2 valFilter)');
    if (path.subAttribute !== undefined) reader.fail('a value filter must follow the attribute, not its sub-attribute');
    this.enter(depth);
    reader.pos++;
    const filter = this.readOr(true, depth + 1, ']');
    reader.skipSpaces();
    reader.expect(']');
    const valuePath = path.schemaUrn === undefined ? { attribute: path.attribute } : { schemaUrn: path.schemaUrn, attribute: path.attribute };
    const sub = readBracketSubAttribute(reader);
    if (sub === undefined) return { kind: 'valuePath', path: valuePath, filter };
    // `emails[type eq "work"].value eq "x"` (which Entra requires for unique attributes, reference 2.1) is
    // `emails[type eq "work" and value eq "x"]`: the same element must satisfy both.
    const comparison = this.readAttributeExpression({ attribute: sub });
    return { kind: 'valuePath', path: valuePath, filter: { kind: 'and', left: filter, right: comparison } };
  }

  /** `( filter )`, the cursor on `(`. */
  private readGroup(inValuePath: boolean, depth: number): ScimFilter {
    this.enter(depth);
    this.reader.pos++;
    const filter = this.readOr(inValuePath, depth + 1, ')');
    this.reader.skipSpaces();
    this.reader.expect(')');
    return filter;
  }

  /** `attrPath SP "pr"` or `attrPath SP compareOp SP compValue`. */
  private readAttributeExpression(path: FilterAttributePath): ScimFilter {
    const reader = this.reader;
    if (++this.comparisons > MAX_FILTER_COMPARISONS) reader.fail(`more than ${MAX_FILTER_COMPARISONS} comparisons`);
    if (!reader.skipSpaces()) reader.fail(`expected a space and an operator after the attribute path but found ${reader.describeHere()}`);
    const at = reader.pos;
    const word = reader.readUntil('[]()"');
    const operator = word.toLowerCase();
    if (operator === 'pr') return { kind: 'present', path };
    if (!isOperator(operator)) {
      return reader.fail(`expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le or pr) but found ${word ? `"${word}"` : reader.describeHere(at)}`, at);
    }
    reader.skipSpaces();
    return { kind: 'compare', path, operator, value: readScimLiteral(reader, this.bareWords) };
  }

  private enter(depth: number): void {
    if (depth >= MAX_FILTER_NESTING) this.reader.fail(`parentheses, "not" and "[" nest deeper than ${MAX_FILTER_NESTING} levels`);
  }
}

function isOperator(word: string): word is CompareOperator {
  return (COMPARE_OPERATORS as readonly string[]).includes(word);
}
