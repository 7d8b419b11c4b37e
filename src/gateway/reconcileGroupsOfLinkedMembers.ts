import { mapBounded } from '../concurrency/mapBounded';
import type { JobDefinition } from '../domain/jobDefinition';
import { isBuiltInDirectorySource } from '../domain/isBuiltInDirectorySource';
import { findObjectMapping } from '../engine/compiledMapping';
import type { WorkQueue } from '../queue/workQueue';
import type { GroupMembershipIndex } from './groupMembershipIndex';
import { reconcileMessagesFor } from './reconcileMessagesFor';

/** Membership-index lookups in flight at once. */
const LOOKUP_CONCURRENCY = 16;

/**
 * After objects were linked to target objects for the first time (created or matched), enqueues a reconcile
 * of every directory group they are members of: a group reconciled before its member existed in the target
 * left that member out (UnableToResolveReferenceAttributeValue), and this is what adds it. Entra instead
 * waits for a restart (reference/entra-engine.md §5.4, known issue); for the built-in directory idbridge
 * knows the groups, through the membership index the sink keeps. Why this converges: the sink indexes a
 * group's members before it enqueues the group, and the member's link is recorded before this runs, so either
 * the group's reconcile saw the link or this enqueues the group again. Returns how many groups were enqueued.
 */
export async function reconcileGroupsOfLinkedMembers(
  deps: { groupMemberships: GroupMembershipIndex; queue: WorkQueue },
  job: JobDefinition,
  linkedSourceKeys: readonly string[],
  cycleId: string,
): Promise<number> {
  if (linkedSourceKeys.length === 0 || !isBuiltInDirectorySource(job.source) || !findObjectMapping(job, 'Group')) return 0;
  const groups = new Set<string>();
  // One lookup per linked object, in parallel: a bulk upload's message links up to a hundred.
  const found = await mapBounded([...new Set(linkedSourceKeys)], LOOKUP_CONCURRENCY, (key) => deps.groupMemberships.groupsOf(key));
  for (const list of found) for (const group of list) groups.add(group);
  if (groups.size === 0) return 0;
  await deps.queue.send(reconcileMessagesFor(job.id, 'Group', [...groups], cycleId));
  return groups.size;
}
