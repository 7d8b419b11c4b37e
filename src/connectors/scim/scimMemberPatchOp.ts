import type { JsonObject } from '../../domain/identityObject';
import { SCIM_PATCH_OP } from '../../scim/scimSchemas';

/**
 * One PatchOp (RFC 7644 §3.5.2) that adds or removes group members. Adds are one `add` of a value list, as
 * Entra sends them (reference/inbound-and-scim.md §2.7). Removes use the RFC's value filter, one operation per
 * member, `members[value eq "<id>"]` (§3.5.2.2), which is also Entra's aadOptscim062020 shape (§2.8); Entra's
 * default `remove` with a value list is not defined by RFC 7644 and strict servers reject it.
 */
export function scimMemberPatchOp(op: 'add' | 'remove', memberIds: readonly string[]): JsonObject {
  const operations: JsonObject[] =
    op === 'add'
      ? [{ op: 'add', path: 'members', value: memberIds.map((value): JsonObject => ({ value })) }]
      : memberIds.map((value): JsonObject => ({ op: 'remove', path: `members[value eq ${JSON.stringify(value)}]` }));
  return { schemas: [SCIM_PATCH_OP], Operations: operations };
}
