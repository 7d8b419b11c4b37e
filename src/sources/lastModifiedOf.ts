import { isJsonObject, type JsonObject } from '../domain/identityObject';

/**
 * A resource's `meta.lastModified` (RFC 7643 §3.1) as a normalised ISO 8601 instant, or undefined when absent
 * or unreadable. Normalised as the gateway does, so that versions staged by a pull and by a push compare.
 */
export function lastModifiedOf(resource: JsonObject): string | undefined {
  const meta = resource.meta;
  const value = isJsonObject(meta) ? meta.lastModified : undefined;
  if (typeof value !== 'string') return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}
