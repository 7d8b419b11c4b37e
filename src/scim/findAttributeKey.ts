import type { JsonObject } from '../domain/identityObject';

/**
 * The key of `object` that names `attribute`, compared case-insensitively (RFC 7643 §2.1); an exact match
 * wins, so a resource that (wrongly) holds both `userName` and `username` still reads predictably.
 */
export function findAttributeKey(object: JsonObject, attribute: string): string | undefined {
  if (Object.hasOwn(object, attribute)) return attribute;
  const lower = attribute.toLowerCase();
  return Object.keys(object).find((key) => key.toLowerCase() === lower);
}
