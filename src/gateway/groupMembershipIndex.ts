/**
 * Which built-in directory groups have a given object as a member, so that a user provisioned after its
 * groups were reconciled (its membership then unresolvable) triggers those groups again. The directory has
 * no Groups store yet; when it has one that answers `members[value eq "id"]`, this index can go.
 * Contract: `recordMembers` only adds (idempotent upserts, safe to race and to retry); an entry left behind
 * after a member left costs one redundant, harmless reconcile of that group, never a wrong membership,
 * because the group's reconcile reads the group's newest staged members.
 */
export interface GroupMembershipIndex {
  recordMembers(groupId: string, memberIds: readonly string[]): Promise<void>;
  groupsOf(memberId: string): Promise<string[]>;
}
