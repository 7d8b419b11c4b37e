import type { JsonValue } from '../../domain/identityObject';
import { defaultTraits } from '../../scim/filter/defaultTraits';
import type { ScimPath } from '../../scim/scimPath';

/**
 * A matching value as the target index keys it, so that a lookup finds what a filtered GET
 * (`<path> eq "<value>"`, RFC 7644 §3.4.2.2) would: strings of attributes that are not caseExact (userName,
 * emails.value, displayName: RFC 7643 §2.2 makes that the default) compare case-insensitively, caseExact ones
 * (id, externalId: RFC 7643 §3.1) exactly; booleans as true/false whether sent as JSON booleans or as Entra's
 * "True"/"False" strings; numbers as their decimal text. Undefined for values no equality filter can name
 * (null, empty text, objects, arrays).
 *
 * The traits are RFC 7643's for the core and enterprise schemas (src/scim/filter/defaultTraits.ts); a target
 * whose schema says otherwise matches in its own way on the GET path, and a create that then collides is
 * re-matched with a GET (src/engine/reconcileObject.ts), so a difference costs a request, not a duplicate.
 */
export function normalizeMatchingValue(path: ScimPath, value: JsonValue): string | undefined {
  const traits = defaultTraits(path);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string' || value === '') return undefined;
  if (traits.type === 'boolean') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true' || lower === 'false') return lower;
  }
  return traits.caseExact ? value : value.toLowerCase();
}
