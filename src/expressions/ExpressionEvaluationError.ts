import { PermanentError } from '../domain/errors';

/** An expression that parsed but cannot be evaluated for this object (wrong argument count, unknown function). */
export class ExpressionEvaluationError extends PermanentError {
  constructor(message: string) {
    super(message, { code: 'ExpressionEvaluationFailed' });
  }
}
