import { createHash } from 'node:crypto';
import type { JsonValue } from '../domain/identityObject';

/**
 * A hash of a staged object's data that does not depend on the order of its properties: sources need not
 * serialise an object the same way twice, and a cycle must not mistake a re-ordered object for a changed one
 * (that would re-reconcile every object of a full read). Array order counts: it can carry meaning.
 */
export function contentHash(data: JsonValue): string {
  return createHash('sha256').update(canonicalJson(data)).digest('base64url');
}

function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] ?? null)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
