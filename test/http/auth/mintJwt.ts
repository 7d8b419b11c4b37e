import { createHmac, sign, type KeyObject } from 'node:crypto';

export function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** A JWS signed with RS256 by the test key; `header` overrides the defaults (alg, typ, kid). */
export function mintRs256(payload: Record<string, unknown>, key: { kid: string; privateKey: KeyObject }, header: Record<string, unknown> = {}): string {
  const input = `${encodeSegment({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header })}.${encodeSegment(payload)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

/** A JWS signed with HS256 under an arbitrary secret (for the algorithm-confusion attack). */
export function mintHs256(payload: Record<string, unknown>, kid: string, secret: string | Buffer): string {
  const input = `${encodeSegment({ alg: 'HS256', typ: 'JWT', kid })}.${encodeSegment(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** An unsecured JWT (RFC 7519 §6): alg none and an empty signature. */
export function mintUnsecured(payload: Record<string, unknown>, kid: string): string {
  return `${encodeSegment({ alg: 'none', typ: 'JWT', kid })}.${encodeSegment(payload)}.`;
}
