import { isJsonObject, type JsonValue } from '../../domain/identityObject';
import { findAttributeKey } from '../findAttributeKey';
import type { ScimAttributeDefinition } from './scimAttributeDefinition';

/**
 * Whether two values of an attribute are the same value, by the attribute's own rules: strings compare
 * case-insensitively unless `caseExact` (RFC 7643 §2.3.1), complex values sub-attribute by sub-attribute.
 * Used to tell whether a replace changes an immutable attribute (RFC 7644 §3.5.1).
 */
export function scimValuesEqual(definition: ScimAttributeDefinition, a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (definition.multiValued && Array.isArray(a) && Array.isArray(b)) {
    const single = { ...definition, multiValued: false };
    return a.length === b.length && a.every((item, i) => scimValuesEqual(single, item, b[i]));
  }
  if (definition.type === 'complex' && isJsonObject(a) && isJsonObject(b)) {
    return (definition.subAttributes ?? []).every((sub) => {
      const ka = findAttributeKey(a, sub.name);
      const kb = findAttributeKey(b, sub.name);
      return scimValuesEqual(sub, ka === undefined ? undefined : a[ka], kb === undefined ? undefined : b[kb]);
    });
  }
  if (typeof a === 'string' && typeof b === 'string' && !definition.caseExact) return a.toLowerCase() === b.toLowerCase();
  return (a ?? null) === (b ?? null) || JSON.stringify(a) === JSON.stringify(b);
}
