import { ValidationError } from '../../domain/errors';
import { parseEqFilter, type ScimEqFilter } from '../parseEqFilter';

/** Entra sends no `count` (reference 2.10); its samples show 20 per page, we serve up to this many. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export interface ListParams {
  filter?: ScimEqFilter;
  startIndex: number;
  count: number;
}

/**
 * `filter`, `startIndex` and `count` of a list request (RFC 7644 §3.4.2). Per §3.4.2.4 a startIndex
 * below 1 means 1 and a negative count means 0; a count above MAX_PAGE_SIZE is capped.
 */
export function parseListParams(query: URLSearchParams): ListParams {
  const filterText = query.get('filter');
  const params: ListParams = {
    startIndex: Math.max(1, readInteger(query, 'startIndex') ?? 1),
    count: Math.min(MAX_PAGE_SIZE, Math.max(0, readInteger(query, 'count') ?? DEFAULT_PAGE_SIZE)),
  };
  if (filterText !== null && filterText.trim() !== '') params.filter = parseEqFilter(filterText);
  return params;
}

function readInteger(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null || text.trim() === '') return undefined;
  if (!/^\s*-?\d+\s*$/.test(text)) throw new ValidationError([{ path: name, message: `must be an integer, not "${text}"` }], { scimType: 'invalidValue' });
  return Number(text);
}
