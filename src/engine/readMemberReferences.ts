import type { JsonObject, JsonValue } from '../domain/identityObject';
import type { EvaluationEnvironment } from '../expressions/evaluationEnvironment';
import { getPathValue, parseScimPath } from '../scim/scimPath';
import type { CompiledAttributeMapping } from './compiledMapping';
import type { MemberReference } from './memberReference';
import { sourceContext } from './sourceContext';

/**
 * The members a group's `members` mapping gives (pure). A plain `[members]` reads the source's SCIM members
 * (RFC 7643 §4.2: `{value, type}` with `type` "User" or "Group"); any other expression may yield ids or
 * `{value}` objects, taken as users. Duplicates and empty values are dropped.
 */
export function readMemberReferences(mapping: CompiledAttributeMapping, source: JsonObject, env: EvaluationEnvironment): MemberReference[] {
  const raw: JsonValue | undefined =
    mapping.expression?.kind === 'attribute' ? getPathValue(source, parseScimPath(mapping.expression.name)) : mapping.evaluate ? toJson(mapping.evaluate(sourceContext(source, env))) : undefined;
  const items = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
  const seen = new Map<string, MemberReference>();
  for (const item of items) {
    const reference = toReference(item);
    if (reference) seen.set(`${reference.objectType}|${reference.value}`, reference);
  }
  return [...seen.values()];
}

function toReference(item: JsonValue): MemberReference | undefined {
  if (typeof item === 'string' || typeof item === 'number') return String(item) === '' ? undefined : { value: String(item), objectType: 'User' };
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const value = item.value;
  if (typeof value !== 'string' || value === '') return undefined;
  return { value, objectType: typeof item.type === 'string' && item.type.toLowerCase() === 'group' ? 'Group' : 'User' };
}

function toJson(value: unknown): JsonValue | undefined {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as JsonValue);
}
