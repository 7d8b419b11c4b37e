import { compareForSort } from '../filter/compareForSort';
import type { ScimResourceRecord, ScimResourceType } from '../store/scimResourceStore';
import { registryTraits } from './registryTraits';
import type { ScimSearch } from './scimSearch';
import type { ScimServiceDeps } from './scimServiceDeps';
import { searchResources } from './searchResources';

export interface TypedRecord {
  type: ScimResourceType;
  record: ScimResourceRecord;
}

/**
 * POST /.search at the service root (RFC 7644 §3.4.3): the search over Users and Groups together. Each type
 * is searched for the first `startIndex - 1 + count` matches; the merged list is sorted by `sortBy` when
 * given (else Users, then Groups, each in store order) and the page cut from it; totalResults is the sum.
 */
export async function searchAllResources(deps: ScimServiceDeps, search: ScimSearch): Promise<{ totalResults: number; items: TypedRecord[] }> {
  const window = { ...search, startIndex: 1, count: search.startIndex - 1 + search.count };
  const types: ScimResourceType[] = ['User', 'Group'];
  const pages = await Promise.all(types.map((type) => searchResources(deps, type, window)));
  const items = pages.flatMap((page, index) => page.resources.map((record) => ({ type: types[index] as ScimResourceType, record })));
  const sortBy = search.sortBy;
  if (sortBy) {
    const traits = registryTraits(deps.registry, 'User');
    items.sort((a, b) => compareForSort(a.record.resource, b.record.resource, sortBy, traits, search.sortOrder));
  }
  return {
    totalResults: pages.reduce((sum, page) => sum + page.totalResults, 0),
    items: items.slice(search.startIndex - 1, search.startIndex - 1 + search.count),
  };
}
