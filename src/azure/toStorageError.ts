import { IdbridgeError, ThrottledError, TransientError, toError } from '../domain/errors';

/** Used when the service throttles without a Retry-After header. */
const DEFAULT_THROTTLE_RETRY_AFTER_IN_MS = 1000;

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'REQUEST_SEND_ERROR']);

/**
 * Classifies a failure of an Azure Storage call (Tables, Queues) so that the caller knows what to do next:
 * 429/503 → ThrottledError (retry after), other 5xx and network failures → TransientError (retry now).
 * Anything else (4xx: the request itself is wrong) is returned unchanged, as an Error, for the caller to
 * inspect or report.
 */
export function toStorageError(thrown: unknown, operation: string): Error {
  if (thrown instanceof IdbridgeError) return thrown;
  const status = statusCodeOf(thrown);
  if (status === 429 || status === 503) {
    return new ThrottledError(`${operation}: Azure Storage is throttling (HTTP ${status})`, retryAfterInMs(thrown) ?? DEFAULT_THROTTLE_RETRY_AFTER_IN_MS, {
      cause: thrown,
      code: 'StorageThrottled',
    });
  }
  if (status !== undefined && status >= 500) {
    return new TransientError(`${operation}: Azure Storage failed (HTTP ${status})`, { cause: thrown, code: 'StorageUnavailable' });
  }
  if (status === undefined && isNetworkFailure(thrown)) {
    return new TransientError(`${operation}: Azure Storage could not be reached`, { cause: thrown, code: 'StorageUnreachable' });
  }
  return toError(thrown);
}

/** The HTTP status of an Azure SDK RestError, if the value is one. */
export function statusCodeOf(thrown: unknown): number | undefined {
  if (typeof thrown !== 'object' || thrown === null) return undefined;
  const status = (thrown as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

function isNetworkFailure(thrown: unknown): boolean {
  if (typeof thrown !== 'object' || thrown === null) return false;
  const code = (thrown as { code?: unknown }).code;
  return typeof code === 'string' && NETWORK_CODES.has(code);
}

function retryAfterInMs(thrown: unknown): number | undefined {
  const response = (thrown as { response?: { headers?: { get?: (name: string) => string | undefined } } }).response;
  const value = response?.headers?.get?.('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
