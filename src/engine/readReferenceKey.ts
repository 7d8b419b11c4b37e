import type { JsonObject } from '../domain/identityObject';
import type { EvaluationEnvironment } from '../expressions/evaluationEnvironment';
import type { ExpressionValue } from '../expressions/expressionValue';
import type { CompiledAttributeMapping } from './compiledMapping';
import { sourceContext } from './sourceContext';

/**
 * What a reference mapping (the manager) gives for one source object:
 * - `none`: NULL, which is not provisioned and leaves the target as it is (reference/entra-engine.md §3, as for
 *   every attribute);
 * - `clear`: `""`, which overwrites other attributes with `""` and so removes the reference;
 * - `key`: the referenced object's source key, resolved through its link.
 */
export type ReferenceKey = { kind: 'none' } | { kind: 'clear' } | { kind: 'key'; key: string };

/**
 * Evaluates a reference mapping (pure). `[manager]` already reads a complex `{value, displayName}` as its value
 * (sourceContext); an expression that yields such an object, or a single-element list, is read the same way.
 * Anything else (several values, a boolean) names no object and is treated as NULL.
 */
export function readReferenceKey(attribute: CompiledAttributeMapping, source: JsonObject, env: EvaluationEnvironment): ReferenceKey {
  const value = attribute.evaluate ? attribute.evaluate(sourceContext(source, env)) : null;
  return toReferenceKey(value);
}

export function toReferenceKey(value: ExpressionValue): ReferenceKey {
  if (Array.isArray(value)) return value.length === 1 && value[0] !== undefined ? toReferenceKey(value[0]) : { kind: 'none' };
  if (value !== null && typeof value === 'object') return 'value' in value && value.value !== undefined ? toReferenceKey(value.value) : { kind: 'none' };
  if (typeof value === 'number') return { kind: 'key', key: String(value) };
  if (typeof value !== 'string') return { kind: 'none' };
  return value.trim() === '' ? { kind: 'clear' } : { kind: 'key', key: value };
}
