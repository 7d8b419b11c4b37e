import { ValidationError } from '../../domain/errors';
import { isJsonObject, type JsonObject, type JsonValue } from '../../domain/identityObject';
import { findAttributeKey } from '../findAttributeKey';
import type { ScimSchemaRegistry } from '../schema/scimSchemaRegistry';
import type { ScimResourceType } from '../store/scimResourceStore';

/**
 * RFC 7644 §3.5.2: an operation whose target is a readOnly attribute (the User's `groups`, `meta.*`, `id`,
 * a member's `display`) fails with 400 mutability rather than being silently dropped. Immutable attributes
 * are checked after the patch is applied (prepareResource), since setting one that is unset is allowed.
 */
export function assertPatchWritable(registry: ScimSchemaRegistry, type: ScimResourceType, patch: JsonValue | undefined): void {
  if (!isJsonObject(patch)) return;
  const operations = patch[findAttributeKey(patch, 'Operations') ?? 'Operations'];
  if (!Array.isArray(operations)) return;
  operations.forEach((operation, index) => {
    if (!isJsonObject(operation)) return;
    const path = operation[findAttributeKey(operation, 'path') ?? 'path'];
    if (typeof path === 'string' && path.trim() !== '') {
      check(registry, type, path, `Operations[${index}].path`);
      return;
    }
    const value = operation[findAttributeKey(operation, 'value') ?? 'value'];
    if (isJsonObject(value)) for (const key of Object.keys(value)) checkKey(registry, type, value, key, `Operations[${index}].value`);
  });
}

function checkKey(registry: ScimSchemaRegistry, type: ScimResourceType, value: JsonObject, key: string, at: string): void {
  const lower = key.toLowerCase();
  // A path-less value may echo id/meta/schemas; applyPatch ignores those (they are not changes).
  if (lower === 'schemas' || lower === 'id' || lower === 'meta') return;
  const inner = value[key];
  const resolved = registry.resolvePath(type, key);
  if (resolved && !resolved.attribute && isJsonObject(inner)) {
    for (const name of Object.keys(inner)) check(registry, type, `${resolved.schema.id}:${name}`, at);
    return;
  }
  check(registry, type, key, at);
}

function check(registry: ScimSchemaRegistry, type: ScimResourceType, path: string, at: string): void {
  let resolved;
  try {
    resolved = registry.resolvePath(type, path);
  } catch {
    return; // a malformed path is reported by applyPatch
  }
  const target = resolved?.subAttribute ?? resolved?.attribute;
  const readOnly = target?.mutability === 'readOnly' || resolved?.attribute?.mutability === 'readOnly';
  if (readOnly) throw new ValidationError([{ path: at, message: `"${path}" is readOnly: it is maintained by the service (RFC 7643 §2.2)` }], { scimType: 'mutability' });
}
