import { chunksOf } from '../collections/chunksOf';
import type { MemberReference } from './memberReference';

/**
 * Members per PATCH. Entra adds several members in one operation and gallery apps must accept "multiple group
 * memberships in one PATCH" (reference/inbound-and-scim.md §2.5, §2.7) without a published maximum; 100 keeps
 * each request small for strict targets (and is the size of one reconcile message and of Graph's member batch).
 */
export const MEMBER_BATCH_SIZE = 100;

export interface MemberChanges {
  /** Target ids to add, in batches of at most MEMBER_BATCH_SIZE. */
  add: string[][];
  /** Target ids to remove, in batches of at most MEMBER_BATCH_SIZE. */
  remove: string[][];
  /** Source members with no target object yet (Entra: UnableToResolveReferenceAttributeValue). */
  unresolved: MemberReference[];
}

/**
 * Converges a target group's members on the source's (pure). `resolved` maps each source member to its
 * linked target id, or undefined when it is not provisioned (yet). The target ends with exactly the resolved
 * members: anything else in it is removed, and unresolved members are left out until they are provisioned
 * (their reconcile then triggers this group again).
 */
export function planMemberChanges(
  members: readonly MemberReference[],
  resolved: ReadonlyMap<MemberReference, string | undefined>,
  currentTargetIds: readonly string[],
  batchSize = MEMBER_BATCH_SIZE,
): MemberChanges {
  const desired = new Set<string>();
  const unresolved: MemberReference[] = [];
  for (const member of members) {
    const targetId = resolved.get(member);
    if (targetId === undefined) unresolved.push(member);
    else desired.add(targetId);
  }
  const current = new Set(currentTargetIds);
  return {
    add: chunksOf([...desired].filter((id) => !current.has(id)), batchSize),
    remove: chunksOf([...current].filter((id) => !desired.has(id)), batchSize),
    unresolved,
  };
}
