import { ValidationError } from '../../domain/errors';
import { parseScimFilter } from '../filter/parseScimFilter';
import type { FilterAttributePath, ScimFilter } from '../filter/scimFilter';
import { parseScimPath } from '../parseScimPath';
import { SCIM_FILTER_MAX_RESULTS } from '../schema/scimServiceProviderConfig';

/** Entra sends no `count` (reference §2.10); its samples show 20 per page. This many are served when none is asked for. */
export const DEFAULT_PAGE_SIZE = 100;

/** A list or search request (RFC 7644 §3.4.2, §3.4.3), validated. */
export interface ScimSearch {
  filter?: ScimFilter;
  sortBy?: FilterAttributePath;
  sortOrder: 'ascending' | 'descending';
  /** 1-based. */
  startIndex: number;
  count: number;
  attributes: string[];
  excludedAttributes: string[];
}

/** The parameters as a client sent them, from the query string or a SearchRequest body. */
export interface RawSearch {
  filter?: string;
  sortBy?: string;
  sortOrder?: string;
  startIndex?: number;
  count?: number;
  attributes?: string[];
  excludedAttributes?: string[];
}

/**
 * Validates a search. RFC 7644 §3.4.2.4: a startIndex below 1 means 1 and a negative count means 0; counts
 * above filter.maxResults of /ServiceProviderConfig are capped (RFC 7643 §5 lets the service truncate).
 * Unquoted filter values (`externalId eq jyoung`, an old Entra example, reference §2.6) are accepted.
 * `sortOrder` is case-insensitive and defaults to ascending (§3.4.2.3).
 */
export function toScimSearch(raw: RawSearch): ScimSearch {
  const search: ScimSearch = {
    sortOrder: readSortOrder(raw.sortOrder),
    startIndex: Math.max(1, raw.startIndex ?? 1),
    count: Math.min(SCIM_FILTER_MAX_RESULTS, Math.max(0, raw.count ?? DEFAULT_PAGE_SIZE)),
    attributes: splitList(raw.attributes),
    excludedAttributes: splitList(raw.excludedAttributes),
  };
  if (raw.filter !== undefined && raw.filter.trim() !== '') search.filter = parseScimFilter(raw.filter, { bareWordValues: true });
  if (raw.sortBy !== undefined && raw.sortBy.trim() !== '') search.sortBy = readSortBy(raw.sortBy);
  return search;
}

function readSortOrder(text: string | undefined): 'ascending' | 'descending' {
  const lower = text?.trim().toLowerCase();
  if (lower === undefined || lower === '' || lower === 'ascending') return 'ascending';
  if (lower === 'descending') return 'descending';
  throw new ValidationError([{ path: 'sortOrder', message: `must be "ascending" or "descending", not "${text}"` }], { scimType: 'invalidValue' });
}

/** RFC 7644 §3.4.2.3: sortBy is an attribute path, without a value filter. */
function readSortBy(text: string): FilterAttributePath {
  let path;
  try {
    path = parseScimPath(text);
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(error.issues.map((i) => ({ ...i, path: 'sortBy' })), { scimType: 'invalidValue', cause: error });
    throw error;
  }
  if (path.filter) throw new ValidationError([{ path: 'sortBy', message: 'must be an attribute path without a value filter' }], { scimType: 'invalidValue' });
  const { filter: _filter, ...attributePath } = path;
  return attributePath;
}

/** RFC 7644 §3.4.2.5: comma-separated in a query string, an array in a SearchRequest; both forms accepted. */
function splitList(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}
