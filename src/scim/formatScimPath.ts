import { formatScimFilter } from './filter/formatScimFilter';
import type { ScimPath } from './scimPath';

/** The text form of a path; `parseScimPath(formatScimPath(p))` equals `p`. */
export function formatScimPath(path: ScimPath): string {
  const prefix = path.schemaUrn ? `${path.schemaUrn}:` : '';
  const filter = path.filter ? `[${formatScimFilter(path.filter)}]` : '';
  const sub = path.subAttribute ? `.${path.subAttribute}` : '';
  return `${prefix}${path.attribute}${filter}${sub}`;
}
