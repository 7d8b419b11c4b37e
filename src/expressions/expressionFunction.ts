import type { ExpressionValue } from './expressionValue';

/** A function of the expression language: receives evaluated arguments (`null` for an empty slot). */
export interface ExpressionFunction {
  minArgs: number;
  maxArgs: number;
  invoke(args: readonly ExpressionValue[]): ExpressionValue;
}
