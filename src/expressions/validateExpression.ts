import type { ExpressionNode } from './expressionAst';
import { expressionFunctions } from './expressionFunctions';
import { parseExpression } from './parseExpression';

/** Problems found without evaluating: syntax, unknown functions, wrong argument counts. Empty = valid. */
export function validateExpression(text: string): string[] {
  let tree: ExpressionNode;
  try {
    tree = parseExpression(text);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
  const problems: string[] = [];
  visit(tree, (node) => {
    if (node.kind !== 'call') return;
    const fn = expressionFunctions.get(node.name);
    if (!fn) {
      problems.push(`unknown function '${node.name}' at position ${node.position}; available: ${[...expressionFunctions.keys()].join(', ')}`);
    } else if (node.args.length < fn.minArgs || node.args.length > fn.maxArgs) {
      problems.push(`${node.name} at position ${node.position} has ${node.args.length} arguments`);
    } else {
      const problem = fn.checkArgCount?.(node.args.length);
      if (problem) problems.push(`${node.name} at position ${node.position}: ${problem}`);
    }
  });
  return problems;
}

function visit(node: ExpressionNode, fn: (node: ExpressionNode) => void): void {
  fn(node);
  if (node.kind === 'call') for (const arg of node.args) if (arg) visit(arg, fn);
  if (node.kind === 'comparison') {
    visit(node.left, fn);
    visit(node.right, fn);
  }
}
