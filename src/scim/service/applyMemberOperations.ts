import type { AttributeTraitsResolver } from '../filter/attributeTraits';
import { matchesScimFilter } from '../filter/matchesScimFilter';
import type { MemberOperation } from './memberOperation';

/**
 * The member ids after the operations, applied in order to `before` (RFC 7644 §3.5.2: operations apply in
 * sequence): add appends ids not yet present (§3.5.2.1), replace sets the list (§3.5.2.3), remove drops the
 * ids named, those a filter selects, or all (§3.5.2.2). Members are known by id only, so a filter sees each
 * member as `{ value: <id> }`.
 */
export function applyMemberOperations(before: readonly string[], operations: readonly MemberOperation[], traits: AttributeTraitsResolver): string[] {
  let members = [...before];
  for (const operation of operations) {
    const ids = operation.ids ?? [];
    if (operation.op === 'add') {
      const present = new Set(members);
      for (const id of ids) if (!present.has(id)) (present.add(id), members.push(id));
    } else if (operation.op === 'replace') {
      members = [...new Set(ids)];
    } else if (operation.filter) {
      const filter = operation.filter;
      members = members.filter((value) => !matchesScimFilter({ value }, filter, traits, { attribute: 'members' }));
    } else if (operation.ids) {
      const gone = new Set(ids);
      members = members.filter((id) => !gone.has(id));
    } else {
      members = [];
    }
  }
  return members;
}
