import type { ScimFilter } from '../filter/scimFilter';

/** Whether the filter reads the core attribute `attribute` anywhere (lower-case name, no URN). */
export function filterMentions(filter: ScimFilter, attribute: string): boolean {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return filterMentions(filter.left, attribute) || filterMentions(filter.right, attribute);
    case 'not':
      return filterMentions(filter.filter, attribute);
    case 'valuePath':
    case 'present':
    case 'compare':
      return filter.path.schemaUrn === undefined && filter.path.attribute.toLowerCase() === attribute;
  }
}
