import { ValidationError } from '../../domain/errors';

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
  if (decoded.length === 0 || Buffer.from(decoded, 'utf8').toString('base64url') !== token) throw invalid();
  return decoded;
}

function invalid(): ValidationError {
  return new ValidationError([{ path: 'continuationToken', message: 'is not a token this service issued; start again without it' }]);
}
