import { ExpressionEvaluationError } from '../../ExpressionEvaluationError';
import { toText, type ExpressionValue } from '../../expressionValue';

/**
 * A whole-number argument. Numbers arrive as numbers (`Mid([x], 1, 3)`, `&HF`) or as numeric strings
 * (Graph stores numeric constants as quoted text, reference §1.6). Fractions are refused rather than
 * silently rounded, so a mistaken mapping is reported instead of guessed at.
 */
export function integerArgument(functionName: string, parameter: string, value: ExpressionValue): number {
  const text = toText(value)?.trim() ?? '';
  const number = text === '' ? Number.NaN : Number(text);
  if (!Number.isInteger(number)) {
    throw new ExpressionEvaluationError(`${functionName}: ${parameter} must be a whole number, got ${text === '' ? 'nothing' : `'${text}'`}`);
  }
  return number;
}

/**
 * Applies a per-string transformation to a value: each value of a multi-valued attribute is transformed on
 * its own, and NULL becomes `whenNull` (functions differ here, see reference §1.2).
 */
export function mapText(value: ExpressionValue, whenNull: ExpressionValue, transform: (text: string) => ExpressionValue): ExpressionValue {
  if (Array.isArray(value)) return value.length === 0 ? whenNull : value.map((item) => mapText(item, whenNull, transform));
  const text = toText(value);
  return text === null ? whenNull : transform(text);
}

/** A text argument that is required to be present (a delimiter, a pattern); NULL is reported. */
export function requiredText(functionName: string, parameter: string, value: ExpressionValue): string {
  const text = toText(value);
  if (text === null) throw new ExpressionEvaluationError(`${functionName}: ${parameter} is required`);
  return text;
}
