import { ValidationError, type ValidationIssue } from '../../domain/errors';
import { isJsonObject, type JsonValue } from '../../domain/identityObject';
import { findAttributeKey } from '../findAttributeKey';
import type { RawSearch } from './scimSearch';

/**
 * A SearchRequest body (RFC 7644 §3.4.3): `attributes`, `excludedAttributes` (arrays of strings), `filter`,
 * `sortBy`, `sortOrder` (strings), `startIndex`, `count` (integers). Every problem is listed at once.
 */
export function searchFromBody(body: JsonValue): RawSearch {
  if (!isJsonObject(body)) throw new ValidationError([{ path: '', message: 'the body must be a SearchRequest object' }], { scimType: 'invalidSyntax' });
  const issues: ValidationIssue[] = [];
  const read = (name: string): JsonValue | undefined => {
    const key = findAttributeKey(body, name);
    const value = key === undefined ? undefined : body[key];
    return value === null ? undefined : value;
  };
  const raw: RawSearch = {};
  for (const name of ['filter', 'sortBy', 'sortOrder'] as const) {
    const value = read(name);
    if (value === undefined) continue;
    if (typeof value === 'string') raw[name] = value;
    else issues.push({ path: name, message: 'must be a string' });
  }
  for (const name of ['startIndex', 'count'] as const) {
    const value = read(name);
    if (value === undefined) continue;
    if (typeof value === 'number' && Number.isSafeInteger(value)) raw[name] = value;
    else issues.push({ path: name, message: 'must be an integer' });
  }
  for (const name of ['attributes', 'excludedAttributes'] as const) {
    const value = read(name);
    if (value === undefined) continue;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) raw[name] = value as string[];
    else issues.push({ path: name, message: 'must be an array of attribute paths' });
  }
  if (issues.length > 0) throw new ValidationError(issues, { scimType: 'invalidValue' });
  return raw;
}
