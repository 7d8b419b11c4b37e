import type { GroupMembershipIndex } from '../../../src/gateway/groupMembershipIndex';

export class MemoryGroupMembershipIndex implements GroupMembershipIndex {
  readonly groupsByMember = new Map<string, Set<string>>();

  async recordMembers(groupId: string, memberIds: readonly string[]): Promise<void> {
    for (const member of memberIds) {
      const groups = this.groupsByMember.get(member) ?? new Set<string>();
      groups.add(groupId);
      this.groupsByMember.set(member, groups);
    }
  }

  async groupsOf(memberId: string): Promise<string[]> {
    return [...(this.groupsByMember.get(memberId) ?? [])];
  }
}
