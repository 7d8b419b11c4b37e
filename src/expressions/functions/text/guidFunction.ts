import type { ExpressionFunction } from '../../expressionFunction';

/**
 * Guid(): a random (version 4) GUID, lower-case and hyphenated (reference §1.2). The bytes come from
 * `env.random()` so tests and previews are repeatable; it is an identifier, not a secret.
 */
export const Guid: ExpressionFunction = {
  minArgs: 0,
  maxArgs: 0,
  invoke: (_args, env) => {
    const bytes = Array.from({ length: 16 }, () => Math.floor(env.random() * 256));
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40; // version 4
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  },
};
