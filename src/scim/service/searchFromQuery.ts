import { ValidationError } from '../../domain/errors';
import type { RawSearch } from './scimSearch';

/**
 * A list request's query parameters (RFC 7644 §3.4.2): filter, sortBy, sortOrder, startIndex, count,
 * attributes, excludedAttributes. Other parameters are ignored, `aadOptscim062020` among them (reference §2.8).
 */
export function searchFromQuery(query: URLSearchParams): RawSearch {
  const raw: RawSearch = {};
  const text = (name: string): string | undefined => query.get(name) ?? undefined;
  const filter = text('filter');
  if (filter !== undefined) raw.filter = filter;
  const sortBy = text('sortBy');
  if (sortBy !== undefined) raw.sortBy = sortBy;
  const sortOrder = text('sortOrder');
  if (sortOrder !== undefined) raw.sortOrder = sortOrder;
  const startIndex = readInteger(query, 'startIndex');
  if (startIndex !== undefined) raw.startIndex = startIndex;
  const count = readInteger(query, 'count');
  if (count !== undefined) raw.count = count;
  const attributes = text('attributes');
  if (attributes !== undefined) raw.attributes = [attributes];
  const excluded = text('excludedAttributes');
  if (excluded !== undefined) raw.excludedAttributes = [excluded];
  return raw;
}

function readInteger(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null || text.trim() === '') return undefined;
  if (!/^\s*[-+]?\d{1,15}\s*$/.test(text)) throw new ValidationError([{ path: name, message: `must be an integer, not "${text}"` }], { scimType: 'invalidValue' });
  return Number(text);
}
