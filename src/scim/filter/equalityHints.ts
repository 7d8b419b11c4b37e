import { andedComparisons } from './andedComparisons';
import type { ScimFilter } from './scimFilter';

/** An `attribute eq "value"` that every match satisfies: a store can point-read an index instead of scanning. */
export interface EqualityHint {
  /** `userName`, `emails.value`, `urn:...:User:employeeNumber`, spelled as in the filter (compare case-insensitively). */
  attribute: string;
  value: string;
}

/**
 * The string `eq` comparisons and-ed at the top of the filter, including those inside an and-ed value
 * path (`emails[value eq "x"]` and `emails[type eq "work"].value eq "x"` give `emails.value`). Anything
 * under `or` or `not` gives nothing, since a match need not satisfy it. A store still evaluates the whole
 * filter on what the index returns, and compares per the attribute's caseExact (RFC 7644 §3.4.2.2).
 */
export function equalityHints(filter: ScimFilter): EqualityHint[] {
  const hints: EqualityHint[] = [];
  const pending: ScimFilter[] = [filter];
  while (pending.length > 0) {
    const node = pending.pop() as ScimFilter;
    if (node.kind === 'and') {
      pending.push(node.right, node.left);
    } else if (node.kind === 'compare' && node.operator === 'eq' && typeof node.value === 'string') {
      const { schemaUrn, attribute, subAttribute } = node.path;
      hints.push({ attribute: `${schemaUrn ? `${schemaUrn}:` : ''}${attribute}${subAttribute === undefined ? '' : `.${subAttribute}`}`, value: node.value });
    } else if (node.kind === 'valuePath') {
      const prefix = `${node.path.schemaUrn ? `${node.path.schemaUrn}:` : ''}${node.path.attribute}`;
      for (const c of andedComparisons(node.filter)) {
        if (c.operator === 'eq' && typeof c.value === 'string' && c.path.subAttribute === undefined) hints.push({ attribute: `${prefix}.${c.path.attribute}`, value: c.value });
      }
    }
  }
  return hints;
}
