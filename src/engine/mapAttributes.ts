import type { JsonObject, JsonValue } from '../domain/identityObject';
import type { EvaluationEnvironment } from '../expressions/evaluationEnvironment';
import type { ExpressionValue } from '../expressions/expressionValue';
import type { ScimPath } from '../scim/scimPath';
import type { CompiledAttributeMapping, CompiledObjectMapping } from './compiledMapping';
import { sourceContext } from './sourceContext';

/** One target attribute with the value the mappings give it. */
export interface MappedAttribute {
  targetAttributeName: string;
  path: ScimPath;
  value: JsonValue;
  /** The mapping calls Redact: the value flows but logs show it masked. */
  redacted: boolean;
  /** SelectUniqueValue's candidates, in order: the planner's caller picks the first the target does not hold. */
  candidates?: string[];
  /**
   * A resolved reference (the manager): `value` is the referenced object's target id, written as `{value}` at
   * `path` and compared with the target's `value` sub-attribute (managerReference.ts).
   */
  reference?: boolean;
}

export interface MapOptions {
  /** [IsSoftDeleted] for this evaluation; by default whether the source disables the object. */
  softDeleted?: boolean;
  /** Evaluate only these mappings (a disable flows only through the mappings that read IsSoftDeleted). */
  only?: readonly CompiledAttributeMapping[];
}

export type MappingPhase = 'create' | 'update';

/**
 * Evaluates the attribute mappings for one source object (pure). Entra's rules (reference/entra-engine.md §3):
 * NULL is not provisioned (it never clears a target value); `defaultValue` replaces NULL on create only;
 * `ObjectAddOnly` mappings flow on create only.
 */
export function mapAttributes(compiled: CompiledObjectMapping, source: JsonObject, phase: MappingPhase, env: EvaluationEnvironment, options: MapOptions = {}): MappedAttribute[] {
  const context = sourceContext(source, env, options.softDeleted);
  const out: MappedAttribute[] = [];
  for (const attribute of options.only ?? compiled.attributes) {
    if (phase === 'update' && attribute.mapping.flowType === 'ObjectAddOnly') continue;
    // SelectUniqueValue picks a value once, when the object is created (Entra: use it with ObjectAddOnly).
    if (phase === 'update' && attribute.facts.selectsUniqueValue) continue;
    let value: ExpressionValue = attribute.evaluate ? attribute.evaluate(context) : null;
    if (isNullValue(value) && phase === 'create' && attribute.mapping.defaultValue !== null) value = attribute.mapping.defaultValue;
    if (isNullValue(value)) continue;
    const mapped: MappedAttribute = { targetAttributeName: attribute.mapping.targetAttributeName, path: attribute.targetPath, value, redacted: attribute.facts.redacted };
    if (attribute.facts.selectsUniqueValue) {
      const candidates = (Array.isArray(value) ? value : [value]).map(String).filter((c) => c !== '');
      mapped.candidates = candidates;
      mapped.value = candidates[0] ?? null;
    }
    out.push(mapped);
  }
  return out;
}

/** The value a matching mapping gives this object, as text for a filter; null when it has none. */
export function matchingValue(attribute: CompiledAttributeMapping, source: JsonObject, env: EvaluationEnvironment): string | null {
  if (!attribute.evaluate) return attribute.mapping.defaultValue;
  const value = attribute.evaluate(sourceContext(source, env));
  if (isNullValue(value)) return null;
  if (Array.isArray(value)) return null; // a multi-valued attribute cannot be an equality match key
  if (typeof value === 'object' && value !== null) return null;
  const text = typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value);
  return text === '' ? null : text;
}

function isNullValue(value: ExpressionValue): value is null {
  return value === null || (Array.isArray(value) && value.length === 0);
}
