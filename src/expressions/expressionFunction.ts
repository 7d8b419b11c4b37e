import type { EvaluationEnvironment } from './evaluationEnvironment';
import type { ExpressionValue } from './expressionValue';

/**
 * A function of the expression language. `args` are the evaluated arguments, `null` for an empty slot or
 * a NULL value (`Replace([x], , "a", , "b", , )`). Functions are pure given `env`. They throw
 * ExpressionEvaluationError for arguments they cannot use (a bad interval name, an unparsable date).
 */
export interface ExpressionFunction {
  minArgs: number;
  maxArgs: number;
  /** Argument-count rules beyond min/max (Switch's key/value pairs): a problem to report, or null. Checked when a job is saved. */
  checkArgCount?(count: number): string | null;
  invoke(args: readonly ExpressionValue[], env: EvaluationEnvironment): ExpressionValue;
}
