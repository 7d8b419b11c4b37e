import { ExpressionEvaluationError } from './ExpressionEvaluationError';
import type { EvaluationEnvironment } from './evaluationEnvironment';
import type { ExpressionNode } from './expressionAst';
import { expressionFunctions } from './expressionFunctions';
import { toText, type ExpressionValue } from './expressionValue';

/** Where an expression reads attributes from (undefined and null both mean NULL, absent), and its environment. */
export interface ExpressionContext {
  getAttribute(name: string): ExpressionValue | undefined;
  env: EvaluationEnvironment;
}

/** Evaluates a parsed expression. Pure: no I/O, no clock. */
export function evaluateExpression(node: ExpressionNode, context: ExpressionContext): ExpressionValue {
  switch (node.kind) {
    case 'attribute':
      return context.getAttribute(node.name) ?? null;
    case 'string':
      return node.value;
    case 'number':
      return node.value;
    case 'identifier':
      // VB constants such as vbTextCompare are passed to functions by name.
      return node.name;
    case 'comparison':
      return compare(node.operator, evaluateExpression(node.left, context), evaluateExpression(node.right, context));
    case 'call': {
      const fn = expressionFunctions.get(node.name);
      if (!fn) throw new ExpressionEvaluationError(`unknown function '${node.name}' (function names are case-sensitive)`);
      if (node.args.length < fn.minArgs || node.args.length > fn.maxArgs) {
        throw new ExpressionEvaluationError(`${node.name} takes ${describeArity(fn.minArgs, fn.maxArgs)}, got ${node.args.length}`);
      }
      return fn.invoke(node.args.map((arg) => (arg === null ? null : evaluateExpression(arg, context))), context.env);
    }
  }
}

function describeArity(min: number, max: number): string {
  if (min === max) return `${min} argument${min === 1 ? '' : 's'}`;
  return Number.isFinite(max) ? `${min} to ${max} arguments` : `at least ${min} arguments`;
}

/** Comparisons are case-sensitive text comparisons, numeric when both sides are numbers; NULL fails every check. */
function compare(operator: string, left: ExpressionValue, right: ExpressionValue): string {
  const a = toText(left);
  const b = toText(right);
  if (a === null || b === null || a === '' || b === '') return 'False';
  const numeric = a.trim() !== '' && b.trim() !== '' && !Number.isNaN(Number(a)) && !Number.isNaN(Number(b));
  const order = numeric ? Math.sign(Number(a) - Number(b)) : a < b ? -1 : a > b ? 1 : 0;
  const result =
    operator === '=' ? order === 0
    : operator === '<>' ? order !== 0
    : operator === '>' ? order > 0
    : operator === '>=' ? order >= 0
    : operator === '<' ? order < 0
    : order <= 0;
  return result ? 'True' : 'False';
}
