import { odata } from '@azure/data-tables';
import { toStorageError } from '../../azure/toStorageError';
import type { TypeTable } from './readRows';
import { ID_ROW_RANGE } from './resourceIds';
import type { ScimResourcePage, ScimResourceQuery, ScimResourceRecord } from './scimResourceStore';
import { isTombstone, readResourceEntity } from './storedRows';

/** Scans read this many rows per request (the Table service's page limit). */
const SCAN_PAGE_SIZE = 1000;

/**
 * Reads every resource of the type page by page, in (partition, RowKey) order, which is stable while nothing
 * changes; keeps only the requested window unless a sort needs them all. A resource's truth is its home claim
 * (`home`) or its id row (the `i|` range), never both. The table also holds other claim and index rows: the
 * filter leaves them on the server (which still reads them: Azurite scans the whole table for
 * any filtered query, and so does the Table service across partitions).
 */
export async function scanResources(t: TypeTable, query: ScimResourceQuery, first: number, count: number): Promise<ScimResourcePage> {
  const kept: ScimResourceRecord[] = [];
  let total = 0;
  try {
    const filter = odata`(RowKey ge ${ID_ROW_RANGE.from} and RowKey lt ${ID_ROW_RANGE.to}) or home eq ${true}`;
    const pages = t.table.client.listEntities<Record<string, unknown>>({ queryOptions: { filter }, abortSignal: query.abortSignal }).byPage({ maxPageSize: SCAN_PAGE_SIZE });
    for await (const page of pages) {
      for (const entity of page) {
        if (isTombstone(entity)) continue;
        const row = readResourceEntity(entity);
        if (query.predicate && !query.predicate(row.resource)) continue;
        if (query.sort || (total >= first && total < first + count)) kept.push({ id: row.id, resource: row.resource, version: row.version });
        total++;
      }
    }
  } catch (error) {
    throw toStorageError(error, `list ${t.type} resources`);
  }
  if (!query.sort) return { totalResults: total, resources: kept };
  const sort = query.sort;
  kept.sort((a, b) => sort(a.resource, b.resource) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { totalResults: total, resources: kept.slice(first, first + count) };
}
