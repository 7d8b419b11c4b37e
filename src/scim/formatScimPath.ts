import type { ScimLiteral, ScimPath } from './scimPath';
import { valueFilterComparisons } from './matchesValueFilter';

/** The text form of a path; `parseScimPath(formatScimPath(p))` equals `p`. */
export function formatScimPath(path: ScimPath): string {
  const prefix = path.schemaUrn ? `${path.schemaUrn}:` : '';
  const filter = path.filter
    ? `[${valueFilterComparisons(path.filter)
        .map((c) => `${c.attribute} eq ${formatLiteral(c.value)}`)
        .join(' and ')}]`
    : '';
  const sub = path.subAttribute ? `.${path.subAttribute}` : '';
  return `${prefix}${path.attribute}${filter}${sub}`;
}

export function formatLiteral(value: ScimLiteral): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
