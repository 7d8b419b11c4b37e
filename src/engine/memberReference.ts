/** One member of a source group: the source key of a user (or of a nested group, when `type` says so). */
export interface MemberReference {
  value: string;
  objectType: 'User' | 'Group';
}
