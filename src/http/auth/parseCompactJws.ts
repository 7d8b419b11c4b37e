import type { AuthFailure } from './authResult';
import { decodeBase64Url } from './decodeBase64Url';

export interface ParsedJws {
  header: Readonly<Record<string, unknown>>;
  payload: Readonly<Record<string, unknown>>;
  signature: Buffer;
  /** ASCII(BASE64URL(header) || '.' || BASE64URL(payload)): what the signature covers (RFC 7515 §5.2 step 8). */
  signingInput: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeJsonObject(segment: string): Record<string, unknown> | undefined {
  const bytes = decodeBase64Url(segment);
  if (!bytes) return undefined;
  try {
    // Header and claims are UTF-8 JSON objects (RFC 7515 §5.2 steps 2-4, RFC 7519 §7.2 steps 3-4 and 10).
    // Invalid UTF-8 is an error rather than replacement characters. With duplicate member names JSON.parse
    // keeps the last one, which RFC 7515 §5.2 step 4 allows.
    const value: unknown = JSON.parse(utf8.decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Splits and decodes a JWS in compact serialization (RFC 7515 §7.1) without trusting any of it: the
 * caller still checks `alg`, finds the key and verifies the signature. Anything malformed is a failure,
 * never a throw. Five-part JWE tokens (RFC 7516) are not accepted.
 */
export function parseCompactJws(token: string): { ok: true; value: ParsedJws } | AuthFailure {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'not a JWS in compact serialization' };
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = decodeJsonObject(headerPart);
  if (!header) return { ok: false, reason: 'JWT header is not base64url-encoded JSON' };
  const payload = decodeJsonObject(payloadPart);
  if (!payload) return { ok: false, reason: 'JWT claims are not base64url-encoded JSON' };
  const signature = decodeBase64Url(signaturePart);
  if (!signature) return { ok: false, reason: 'JWT signature is not base64url' };
  return { ok: true, value: { header, payload, signature, signingInput: `${headerPart}.${payloadPart}` } };
}
