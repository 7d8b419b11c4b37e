import { ValidationError } from '../../domain/errors';
import { isJsonObject, type JsonObject, type JsonValue } from '../../domain/identityObject';
import { findAttributeKey } from '../findAttributeKey';
import { parseScimPath } from '../parseScimPath';
import type { ScimPath } from '../scimPath';
import type { MemberOperation } from './memberOperation';

export interface SplitPatch {
  memberOps: MemberOperation[];
  /** The other operations, as a PatchOp body for applyPatch; undefined when there are none. */
  rest?: JsonValue;
}

/**
 * Takes a group's member operations out of a PatchOp body, so that they become addMembers/removeMembers of
 * the ids named and the group row is not rewritten (reference §2.7: Entra adds and removes members with
 * PATCH, often one op per change). Recognised: `path` "members" (any case, or with the core Group URN) with
 * add, replace or remove; `members[<filter>]` with remove; a path-less add/replace whose value object has a
 * `members` key. Member sub-attributes are immutable or readOnly (RFC 7643 §4.2, coreGroupSchema), so paths
 * into them are refused with mutability. Malformed bodies are left to applyPatch, which reports them.
 */
export function splitMemberOperations(patch: JsonValue): SplitPatch {
  if (!isJsonObject(patch)) return { memberOps: [], rest: patch };
  const operationsKey = findAttributeKey(patch, 'Operations');
  const operations = operationsKey === undefined ? undefined : patch[operationsKey];
  if (!Array.isArray(operations) || operations.length === 0) return { memberOps: [], rest: patch };
  const memberOps: MemberOperation[] = [];
  const rest: JsonValue[] = [];
  operations.forEach((operation, index) => {
    const at = `Operations[${index}]`;
    const taken = isJsonObject(operation) ? takeMemberOperation(operation, at) : undefined;
    if (!taken) {
      rest.push(operation);
      return;
    }
    memberOps.push(taken.member);
    if (taken.remainder) rest.push(taken.remainder);
  });
  return rest.length === 0 ? { memberOps } : { memberOps, rest: { ...patch, [operationsKey ?? 'Operations']: rest } };
}

function takeMemberOperation(operation: JsonObject, at: string): { member: MemberOperation; remainder?: JsonObject } | undefined {
  const op = readText(operation, 'op')?.toLowerCase();
  if (op !== 'add' && op !== 'replace' && op !== 'remove') return undefined;
  const valueKey = findAttributeKey(operation, 'value');
  const value = valueKey === undefined ? undefined : operation[valueKey];
  const pathText = readText(operation, 'path');
  if (pathText === undefined || pathText.trim() === '') {
    if (op === 'remove' || !isJsonObject(value)) return undefined;
    const membersKey = findAttributeKey(value, 'members');
    if (membersKey === undefined) return undefined;
    const { [membersKey]: members, ...others } = value;
    const member: MemberOperation = { op, ids: readIds(members ?? null, `${at}.value.members`) };
    return Object.keys(others).length === 0 ? { member } : { member, remainder: { ...operation, [valueKey ?? 'value']: others } };
  }
  const path = tryParse(pathText);
  if (!path || path.schemaUrn !== undefined || path.attribute.toLowerCase() !== 'members') return undefined;
  if (path.subAttribute !== undefined) {
    throw new ValidationError([{ path: `${at}.path`, message: `"${pathText}": the sub-attributes of members cannot be changed; add or remove the member instead (RFC 7643 §4.2)` }], { scimType: 'mutability' });
  }
  if (path.filter) {
    if (op !== 'remove') {
      throw new ValidationError([{ path: `${at}.path`, message: `"${op}" through a member filter would change a member's immutable value; add or remove members instead` }], { scimType: 'mutability' });
    }
    return { member: { op, filter: path.filter } };
  }
  if (op === 'remove') return { member: value === undefined || value === null ? { op } : { op, ids: readIds(value, `${at}.value`) } };
  if (value === undefined) throw new ValidationError([{ path: `${at}.value`, message: `is required for "${op}"` }], { scimType: 'invalidValue' });
  return { member: { op, ids: readIds(value, `${at}.value`) } };
}

/** `[{ "value": "<id>", "$ref": null }, ...]` (reference §2.7), a single such object, or ids as strings; null is none. */
function readIds(value: JsonValue, at: string): string[] {
  if (value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item, index) => {
    if (typeof item === 'string' && item !== '') return item;
    const id = isJsonObject(item) ? item[findAttributeKey(item, 'value') ?? 'value'] : undefined;
    if (typeof id === 'string' && id !== '') return id;
    throw new ValidationError([{ path: Array.isArray(value) ? `${at}[${index}]` : at, message: 'must be a member: an object with the member\'s id as "value"' }], { scimType: 'invalidValue' });
  });
}

function readText(object: JsonObject, name: string): string | undefined {
  const key = findAttributeKey(object, name);
  const value = key === undefined ? undefined : object[key];
  return typeof value === 'string' ? value : undefined;
}

function tryParse(text: string): ScimPath | undefined {
  try {
    return parseScimPath(text);
  } catch {
    return undefined;
  }
}
