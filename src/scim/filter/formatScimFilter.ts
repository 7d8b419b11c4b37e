import type { ScimLiteral } from '../scimPath';
import type { FilterAttributePath, ScimFilter } from './scimFilter';

/** Binding strength (RFC 7644 §3.4.2.2 order of operations): or < and < everything else. */
const PRECEDENCE = { or: 1, and: 2 } as const;

/**
 * The text form of a filter, with only the parentheses the tree needs; `parseScimFilter` reads it back
 * to an equal tree. For logs, tests and `.search` bodies sent to other SCIM services.
 */
export function formatScimFilter(filter: ScimFilter): string {
  return format(filter, 0);
}

function format(filter: ScimFilter, required: number): string {
  switch (filter.kind) {
    case 'and':
    case 'or': {
      const own = PRECEDENCE[filter.kind];
      // Chains are left-associative, so a right operand of the same strength needs parentheses.
      const text = `${format(filter.left, own)} ${filter.kind} ${format(filter.right, own + 1)}`;
      return own < required ? `(${text})` : text;
    }
    case 'not':
      return `not (${format(filter.filter, 0)})`;
    case 'valuePath':
      return `${formatPath(filter.path)}[${format(filter.filter, 0)}]`;
    case 'present':
      return `${formatPath(filter.path)} pr`;
    case 'compare':
      return `${formatPath(filter.path)} ${filter.operator} ${formatFilterLiteral(filter.value)}`;
  }
}

function formatPath(path: FilterAttributePath): string {
  const prefix = path.schemaUrn ? `${path.schemaUrn}:` : '';
  const sub = path.subAttribute === undefined ? '' : `.${path.subAttribute}`;
  return `${prefix}${path.attribute}${sub}`;
}

/** A compValue as JSON writes it (RFC 7644 §3.4.2.2): strings quoted and escaped. */
function formatFilterLiteral(value: ScimLiteral): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
