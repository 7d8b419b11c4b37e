import type { ExpressionNode } from './expressionAst';

/**
 * Prints a tree back as expression text that parseExpression reads as the same tree (positions aside), in
 * the spelling of Microsoft's examples (reference/entra-engine.md §1.1): `Join(", ", [givenName], "x")`,
 * empty slots for omitted arguments, spaces around comparison operators.
 *
 * The tree must be one parseExpression can produce: attribute names as parsed (brackets balanced, quotes
 * closed), identifiers and function names as VB-style names, numbers with the text they were read from,
 * comparisons only at the top or as an argument, and no call whose only argument is an empty slot
 * (`F()` has no arguments; the grammar cannot say "one omitted argument").
 */
export function formatExpression(node: ExpressionNode): string {
  switch (node.kind) {
    case 'attribute':
      return `[${node.name}]`;
    case 'string':
      // Entra escapes exactly `\` and `"` inside constants (§1.1).
      return `"${node.value.replace(/[\\"]/g, '\\$&')}"`;
    case 'number':
      // The text keeps the spelling (`&HF`, `007`, `1.50`) that the value alone would lose.
      return node.text;
    case 'identifier':
      return node.name;
    case 'call':
      return `${node.name}(${node.args.map((arg) => (arg ? formatExpression(arg) : '')).join(', ')})`;
    case 'comparison':
      return `${formatExpression(node.left)} ${node.operator} ${formatExpression(node.right)}`;
  }
}
