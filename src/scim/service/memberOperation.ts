import type { ScimFilter } from '../filter/scimFilter';

/**
 * One PATCH operation on a group's `members` (RFC 7644 §3.5.2), in the form the store can apply as deltas:
 * `ids` to add, to remove (Entra's value array on Remove, reference §2.7) or to replace the list with;
 * `filter` selects members to remove (`members[value eq "<id>"]`, the aadOptscim062020 form, §2.8);
 * neither on remove clears the list (§3.5.2.2).
 */
export interface MemberOperation {
  op: 'add' | 'replace' | 'remove';
  ids?: string[];
  filter?: ScimFilter;
}
