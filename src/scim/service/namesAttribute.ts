import { SCIM_CORE_GROUP, SCIM_CORE_USER } from '../scimSchemas';

/**
 * Whether any of `paths` (from `attributes`/`excludedAttributes`, RFC 7644 §3.4.2.5) names the core attribute
 * `attribute` or one of its sub-attributes, with or without the core URN, in any case (RFC 7643 §2.1).
 */
export function namesAttribute(paths: readonly string[], attribute: string): boolean {
  const name = attribute.toLowerCase();
  return paths.some((path) => {
    let lower = path.trim().toLowerCase();
    for (const urn of [SCIM_CORE_USER, SCIM_CORE_GROUP]) if (lower.startsWith(`${urn.toLowerCase()}:`)) lower = lower.slice(urn.length + 1);
    return lower === name || lower.startsWith(`${name}.`) || lower.startsWith(`${name}[`);
  });
}
