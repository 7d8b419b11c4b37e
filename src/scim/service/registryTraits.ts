import type { AttributeTraitsResolver } from '../filter/attributeTraits';
import { defaultTraits } from '../filter/defaultTraits';
import type { FilterAttributePath } from '../filter/scimFilter';
import type { ScimSchemaRegistry } from '../schema/scimSchemaRegistry';
import type { ScimResourceType } from '../store/scimResourceStore';

/**
 * The filter evaluator's and sorter's view of the schema registry (RFC 7644 §3.4.2.2: comparisons follow the
 * attribute's type and caseExact). Paths the registry does not know, such as an unqualified `manager` that
 * Entra sends (reference §2.6 step 6), fall back to the built-in defaults.
 */
export function registryTraits(registry: ScimSchemaRegistry, type: ScimResourceType): AttributeTraitsResolver {
  const cache = new Map<string, ReturnType<AttributeTraitsResolver>>();
  return (path: FilterAttributePath) => {
    const text = `${path.schemaUrn ? `${path.schemaUrn}:` : ''}${path.attribute}${path.subAttribute === undefined ? '' : `.${path.subAttribute}`}`;
    let traits = cache.get(text);
    if (!traits) {
      const known = registry.traitsFor(type, text);
      traits = known ? { type: known.type, caseExact: known.caseExact } : defaultTraits(path);
      cache.set(text, traits);
    }
    return traits;
  };
}
