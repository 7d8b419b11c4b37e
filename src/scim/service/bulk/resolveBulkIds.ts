import { isJsonObject, type JsonValue } from '../../../domain/identityObject';

const PREFIX = 'bulkid:';

/**
 * Replaces every `bulkId:<id>` string in `value` (RFC 7644 §3.7.2: a reference to a resource created earlier
 * in the same request, e.g. a group member's `value`) with the id the service assigned. References that
 * `known` cannot resolve (not defined yet, or its operation failed) are returned, and the value is then
 * unusable: the operation fails with 409 (§3.7.2).
 */
export function resolveBulkIds(value: JsonValue, known: ReadonlyMap<string, string>): { value: JsonValue; unresolved: string[] } {
  const unresolved: string[] = [];
  const visit = (item: JsonValue): JsonValue => {
    if (typeof item === 'string') {
      if (!item.toLowerCase().startsWith(PREFIX)) return item;
      const bulkId = item.slice(PREFIX.length);
      const id = known.get(bulkId);
      if (id === undefined) unresolved.push(bulkId);
      return id ?? item;
    }
    if (Array.isArray(item)) return item.map(visit);
    if (!isJsonObject(item)) return item;
    const out: { [key: string]: JsonValue } = {};
    for (const [key, child] of Object.entries(item)) out[key] = visit(child);
    return out;
  };
  return { value: visit(value), unresolved };
}
