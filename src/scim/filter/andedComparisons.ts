import type { CompareFilter, ScimFilter } from './scimFilter';

/**
 * The comparisons that every match must satisfy because only `and` joins them to the root: those of
 * `a eq 1 and (b eq 2 and c pr)` but none of an `or` or a `not`. Left to right.
 */
export function andedComparisons(filter: ScimFilter): CompareFilter[] {
  const found: CompareFilter[] = [];
  // Iterative: a long `and` chain is a deep left spine.
  const pending: ScimFilter[] = [filter];
  while (pending.length > 0) {
    const node = pending.pop() as ScimFilter;
    if (node.kind === 'and') pending.push(node.right, node.left);
    else if (node.kind === 'compare') found.push(node);
  }
  return found;
}
