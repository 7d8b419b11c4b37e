import type { JsonObject } from '../../domain/identityObject';
import { compareForSort } from '../filter/compareForSort';
import { equalityHints } from '../filter/equalityHints';
import { matchesScimFilter } from '../filter/matchesScimFilter';
import type { ScimFilter } from '../filter/scimFilter';
import type { ScimResourcePage, ScimResourceQuery, ScimResourceType } from '../store/scimResourceStore';
import { attachGroups } from './attachGroups';
import { filterMentions } from './filterMentions';
import { registryTraits } from './registryTraits';
import type { ScimSearch } from './scimSearch';
import type { ScimServiceDeps } from './scimServiceDeps';
import { wantsAttribute } from './wantsAttribute';

/**
 * GET /Users, /Groups, POST /.search (RFC 7644 §3.4.2, §3.4.3): the full filter grammar, evaluated with the
 * registry's types and caseExact; the filter's and-ed `eq` comparisons go to the store as hints, so that
 * Entra's `userName eq`, `externalId eq` and `displayName eq` (reference §2.6, §2.7) are point reads.
 * `totalResults` counts every match, whatever the page (§3.4.2.4); `count=0` answers totals only.
 * Inactive users are results like any other (reference §2.1: soft delete).
 */
export async function searchResources(deps: ScimServiceDeps, type: ScimResourceType, search: ScimSearch): Promise<ScimResourcePage> {
  const traits = registryTraits(deps.registry, type);
  const filter = search.filter;
  const predicate = filter ? (resource: JsonObject) => matchesScimFilter(resource, filter, traits) : undefined;
  const sortBy = search.sortBy;
  const sort = sortBy ? (a: JsonObject, b: JsonObject) => compareForSort(a, b, sortBy, traits, search.sortOrder) : undefined;
  const includeMembers = type === 'Group' && wantsAttribute(search, 'members', true);
  const query: ScimResourceQuery = { startIndex: search.startIndex, count: search.count, includeMembers };
  if (filter) query.hints = equalityHints(filter);
  if (sort) query.sort = sort;
  let page: ScimResourcePage;
  if (type === 'Group' && filter && filterMentions(filter, 'members')) {
    // Members are not in the group row the store filters; evaluate such filters on groups with their members.
    page = await searchWithMembers(deps, filter, predicate, sort, search);
  } else {
    if (predicate) query.predicate = predicate;
    page = await deps.store.query(type, query);
  }
  if (type === 'User' && wantsAttribute(search, 'groups', false)) {
    page = { totalResults: page.totalResults, resources: await Promise.all(page.resources.map((r) => attachGroups(deps, r))) };
  }
  return page;
}

async function searchWithMembers(
  deps: ScimServiceDeps,
  filter: ScimFilter,
  predicate: ((resource: JsonObject) => boolean) | undefined,
  sort: ((a: JsonObject, b: JsonObject) => number) | undefined,
  search: ScimSearch,
): Promise<ScimResourcePage> {
  const memberHint = equalityHints(filter).find((h) => h.attribute.toLowerCase() === 'members.value');
  const candidates = memberHint
    ? (await Promise.all((await deps.store.groupsOf(memberHint.value)).map((id) => deps.store.get('Group', id, { includeMembers: true })))).flatMap((r) => (r ? [r] : []))
    : (await deps.store.query('Group', { startIndex: 1, count: Number.MAX_SAFE_INTEGER, includeMembers: true })).resources;
  const matches = candidates.filter((r) => !predicate || predicate(r.resource));
  matches.sort((a, b) => (sort ? sort(a.resource, b.resource) : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { totalResults: matches.length, resources: matches.slice(search.startIndex - 1, search.startIndex - 1 + search.count) };
}
