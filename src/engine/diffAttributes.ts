import type { AttributeChange } from '../connectors/targetConnector';
import { isJsonObject, type JsonObject, type JsonValue } from '../domain/identityObject';
import type { ModifiedProperty } from '../domain/provisioningLogEntry';
import { getPathValue } from '../scim/scimPath';
import type { MappedAttribute } from './mapAttributes';
import { coerceForTarget } from './targetValueCoercion';

export interface AttributeDiff {
  changes: AttributeChange[];
  modifiedProperties: ModifiedProperty[];
}

/** The mapped attributes whose value differs from the target's; only these are sent (a delta, never a replace). */
export function diffAttributes(attributes: readonly MappedAttribute[], target: JsonObject): AttributeDiff {
  const changes: AttributeChange[] = [];
  const modifiedProperties: ModifiedProperty[] = [];
  for (const attribute of attributes) {
    const desired = coerceForTarget(attribute.path, attribute.value);
    const current = attribute.reference ? referencedId(getPathValue(target, attribute.path)) : getPathValue(target, attribute.path);
    if (sameValue(current, desired)) continue;
    changes.push({ path: attribute.targetAttributeName, value: attribute.reference && desired !== null ? { value: desired } : desired });
    modifiedProperties.push({
      displayName: attribute.targetAttributeName,
      oldValue: attribute.redacted && current !== undefined && current !== null ? REDACTED : displayValue(current),
      newValue: attribute.redacted ? REDACTED : displayValue(desired),
    });
  }
  return { changes, modifiedProperties };
}

/** The id a target holds for a reference: `{value, display, $ref}` (RFC 7643 §4.3), or a bare id as some targets keep it. */
function referencedId(current: JsonValue | undefined): JsonValue | undefined {
  if (isJsonObject(current)) return current.value;
  return current;
}

/**
 * Equality as a target sees it: text is case-sensitive, but a boolean equals its text form and a number its
 * numeric text, because targets differ in how they echo types back.
 */
export function sameValue(current: JsonValue | undefined, desired: JsonValue): boolean {
  if (current === undefined || current === null) return desired === null || desired === '';
  if (typeof current === 'boolean' || typeof desired === 'boolean') {
    return String(current).toLowerCase() === String(desired).toLowerCase();
  }
  if (typeof current === 'number' || typeof desired === 'number') return String(current) === String(desired);
  if (typeof current === 'string' && typeof desired === 'string') return current === desired;
  return JSON.stringify(current) === JSON.stringify(desired);
}

/** What logs show instead of a value that a mapping passed through Redact (Entra's API-driven logs show the same). */
export const REDACTED = '[Redacted]';

export function displayValue(value: JsonValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
