import type { FilterAttributePath } from './scimFilter';

/**
 * What the filter evaluator and the sorter need to know of an attribute (RFC 7643 §2.2, §2.3): its type
 * decides how values compare, `caseExact` whether strings compare case-sensitively.
 */
export interface AttributeTraits {
  type: 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'binary' | 'complex';
  caseExact: boolean;
}

/**
 * Traits of an absolute path (`emails` + `type` for the `type` inside `emails[type eq "work"]`). Contract:
 * pure and total (unknown attributes get a default), because it is called for every comparison.
 */
export type AttributeTraitsResolver = (path: FilterAttributePath) => AttributeTraits;
