import { listsObjects, type TargetConnector, type TargetObject } from '../../connectors/targetConnector';
import { PermanentError } from '../../domain/errors';
import type { JobDefinition } from '../../domain/jobDefinition';
import type { TargetIndexEntry, TargetIndexStore } from '../../state/targetIndexStore';
import { matchingValuesOf } from './matchingValuesOf';
import { decodeTargetIndexCursor, encodeTargetIndexCursor, startTargetIndex } from './targetIndexCursor';
import { targetIndexPlan, type IndexedObjectType } from './targetIndexPlan';

/** Objects asked for per page: what SCIM apps commonly allow (many cap `count` at 100 to 1,000). */
export const DEFAULT_TARGET_INDEX_PAGE_SIZE = 100;

export interface TargetIndexDependencies {
  connector: TargetConnector;
  targetIndexes: TargetIndexStore;
  /** Objects asked for per page; the target may send fewer. */
  pageSize?: number;
}

export interface TargetIndexPageResult {
  /** Pass it to the next call; absent once every object type has been read, when the index is complete. */
  nextCursor?: string;
  /** Target objects read by this call. */
  indexed: number;
}

/**
 * One step of an initial cycle's 'targetIndex' phase (reference/entra-engine.md §5.1 step 3, done once per
 * cycle instead of once per object): reads the next page of every object type the job matches on and indexes
 * each object under each of its matching values, with its data, so that reconcileObject matches and diffs
 * without asking the target. The first call (no cursor) creates the index even when the target is empty.
 *
 * The cycle calls this once per page message, passing back `nextCursor`, and hands `indexId` to reconcile
 * messages as `targetIndex` only once the index is complete. A call that fails (the target throttled, say)
 * can be repeated with the same cursor: indexing a page twice is harmless. Memory holds one page per type.
 *
 * Throws PermanentError when the connector cannot list objects: check `listsObjects(connector)` before
 * starting the phase and match per object otherwise.
 */
export async function indexTargetPage(deps: TargetIndexDependencies, job: JobDefinition, indexId: string, cursor?: string): Promise<TargetIndexPageResult> {
  const connector = deps.connector;
  if (!listsObjects(connector)) {
    throw new PermanentError(`${connector.displayName} cannot list its objects, so an initial cycle must match each object with a query`, { code: 'TargetIndexUnsupported' });
  }
  const pageSize = deps.pageSize ?? DEFAULT_TARGET_INDEX_PAGE_SIZE;
  const plan = targetIndexPlan(job);
  const progress = cursor === undefined ? startTargetIndex(plan) : decodeTargetIndexCursor(cursor, plan);
  const pending = plan.filter((type) => progress.has(type.key));
  const pages = await Promise.all(pending.map((type) => connector.listPage(type.targetType, progress.get(type.key) ?? undefined, pageSize)));
  const entries: TargetIndexEntry[] = [];
  let indexed = 0;
  pending.forEach((type, i) => {
    const page = pages[i];
    if (!page) return;
    indexed += page.objects.length;
    for (const object of page.objects) entries.push(...entriesOf(type, object));
    if (page.nextCursor === undefined) progress.delete(type.key);
    else progress.set(type.key, page.nextCursor);
  });
  // Also with no entries: the first call must leave an index behind, or an empty target would read as "no index".
  await deps.targetIndexes.add(job.id, indexId, entries);
  const nextCursor = encodeTargetIndexCursor(progress);
  return nextCursor === undefined ? { indexed } : { nextCursor, indexed };
}

function entriesOf(type: IndexedObjectType, object: TargetObject): TargetIndexEntry[] {
  return type.attributes.flatMap((attribute) =>
    matchingValuesOf(object.data, attribute.path).map((value) => ({ targetType: type.key, attribute: attribute.name, value, target: { id: object.id, data: object.data } })),
  );
}
