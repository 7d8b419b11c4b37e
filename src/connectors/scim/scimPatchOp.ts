import type { JsonObject } from '../../domain/identityObject';
import { SCIM_PATCH_OP } from '../../scim/scimSchemas';
import type { AttributeChange } from '../targetConnector';

/**
 * One PatchOp message (RFC 7644 §3.5.2) for a delta: every change a path-ed `replace`, except a `null`
 * value, which means "clear it" and becomes `remove` (SCIM servers reject or store a literal null).
 * Lower-case ops, as RFC 7644 writes them and Entra's aadOptscim062020 mode sends them.
 */
export function scimPatchOp(changes: readonly AttributeChange[]): JsonObject {
  const operations = changes.map(
    (change): JsonObject => (change.value === null ? { op: 'remove', path: change.path } : { op: 'replace', path: change.path, value: change.value }),
  );
  return { schemas: [SCIM_PATCH_OP], Operations: operations };
}
