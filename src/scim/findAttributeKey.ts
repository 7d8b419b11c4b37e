import type { JsonObject } from '../domain/identityObject';

/**
 * The key of `object` that names `attribute`, compared case-insensitively (RFC 7643 §2.1); an exact match
 * wins, so a resource that (wrongly) holds both `userName` and `username` still reads predictably.
 */
export function findAttributeKey(object: JsonObject, attribute: string): string | undefined {
  if (Object.hasOwn(object, attribute)) return attribute;
  // Comparing lengths first spares lower-casing every key on the common miss (an attribute the object lacks).
  const lower = attribute.toLowerCase();
  for (const key in object) if (key.length === attribute.length && key.toLowerCase() === lower) return key;
  return undefined;
}
