import { ValidationError } from '../../domain/errors';

/** Table keys hold at most 1 KiB; a longer one cannot come from the service (and makes the request fail). */
const MAX_KEY_CHARS = 1024;

/**
 * The SDK's continuation token, wrapped as base64url so that it travels in a URL unchanged and callers
 * treat it as opaque.
 */
export function encodeLogContinuationToken(sdkToken: string): string {
  return Buffer.from(sdkToken, 'utf8').toString('base64url');
}

export function decodeLogContinuationToken(token: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw invalid();
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  if (decoded.length === 0 || Buffer.from(decoded, 'utf8').toString('base64url') !== token || !isSdkToken(decoded)) throw invalid();
  return decoded;
}

/**
 * The SDK's token is base64 of `{"nextPartitionKey", "nextRowKey"?}` (decoded byte by byte). The SDK throws a
 * plain SyntaxError on anything else, which would surface as a 500, so a well-formed but foreign token is
 * refused here.
 */
function isSdkToken(sdkToken: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(sdkToken, 'base64').toString('latin1'));
  } catch {
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
  const { nextPartitionKey, nextRowKey } = parsed as Record<string, unknown>;
  const isKey = (key: unknown): boolean => typeof key === 'string' && key.length <= MAX_KEY_CHARS;
  return isKey(nextPartitionKey) && nextPartitionKey !== '' && (nextRowKey === undefined || isKey(nextRowKey));
}

function invalid(): ValidationError {
  return new ValidationError([{ path: 'continuationToken', message: 'is not a token this service issued; start again without it' }]);
}
