import { ValidationError } from '../domain/errors';

/** An expression that does not parse; `position` is the 0-based character offset of the problem. */
export class ExpressionSyntaxError extends ValidationError {
  constructor(
    readonly expressionMessage: string,
    readonly position: number,
  ) {
    super([{ path: '', message: `${expressionMessage} at position ${position}` }], { code: 'ExpressionSyntaxError' });
  }
}
