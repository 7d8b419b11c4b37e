import { PermanentError, ThrottledError, TransientError, type IdbridgeError } from '../../domain/errors';

/** The HTTP status of a failed Table call (RestError.statusCode), if it got that far. */
export function tableStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** A storage failure the store did not expect, classified so that callers know whether to retry. */
export function tableStorageError(error: unknown, action: string): IdbridgeError {
  const status = tableStatus(error);
  const message = `Table Storage failed to ${action}${status ? ` (HTTP ${status})` : ''}`;
  if (status === 429 || status === 503) return new ThrottledError(message, 1000, { cause: error });
  if (status === undefined || status >= 500 || status === 408) return new TransientError(message, { cause: error });
  return new PermanentError(message, { cause: error });
}
