import { evaluateExpression } from '../../../src/expressions/evaluateExpression';
import { fixedEnvironment } from '../../../src/expressions/evaluationEnvironment';
import type { ExpressionValue } from '../../../src/expressions/expressionValue';
import { parseExpression } from '../../../src/expressions/parseExpression';

/** Evaluates through the real parser and evaluator over a record of attributes. */
export function evaluate(
  text: string,
  attributes: Record<string, ExpressionValue> = {},
  now = new Date('2026-01-01T00:00:00Z'),
  defaultDomain: string | null = null,
): ExpressionValue {
  return evaluateExpression(parseExpression(text), { getAttribute: (name) => attributes[name], env: fixedEnvironment(now, 1, defaultDomain) });
}
