import { namesAttribute } from './namesAttribute';

/**
 * Whether a response projected with these parameters would show `attribute`, so that it is worth reading.
 * `members` of a group is read only then (Entra reads groups with `excludedAttributes=members`, reference
 * §2.7, and a member list is a partition query). `groups` of a user (RFC 7643 §4.1.2, readOnly) is read only
 * when `attributes` names it (`byDefault` false): it is a query per user, and Entra never reads it.
 */
export function wantsAttribute(projection: { attributes: readonly string[]; excludedAttributes: readonly string[] }, attribute: string, byDefault: boolean): boolean {
  if (projection.attributes.length > 0) return namesAttribute(projection.attributes, attribute);
  return byDefault && !projection.excludedAttributes.some((p) => namesAttribute([p], attribute) && !p.includes('.'));
}
