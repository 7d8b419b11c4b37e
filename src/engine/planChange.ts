import type { TargetObject } from '../connectors/targetConnector';
import type { JsonObject } from '../domain/identityObject';
import type { EvaluationEnvironment } from '../expressions/evaluationEnvironment';
import { buildTargetResource } from './buildTargetResource';
import type { CompiledObjectMapping } from './compiledMapping';
import { diffAttributes, displayValue } from './diffAttributes';
import { mapAttributes } from './mapAttributes';
import type { ReconcileDecision } from './reconcileDecision';

/**
 * Decides create, update or skip for an in-scope source object, given the target object it is linked or
 * matched to (or none). Pure: the caller did the reading.
 */
export function planChange(compiled: CompiledObjectMapping, source: JsonObject, target: TargetObject | undefined, env: EvaluationEnvironment): ReconcileDecision {
  if (!target) {
    const attributes = mapAttributes(compiled, source, 'create', env);
    return {
      action: 'create',
      resource: buildTargetResource(attributes),
      modifiedProperties: attributes.map((a) => ({ displayName: a.targetAttributeName, oldValue: null, newValue: displayValue(a.value) })),
    };
  }
  const { changes, modifiedProperties } = diffAttributes(mapAttributes(compiled, source, 'update', env), target.data);
  if (changes.length === 0) {
    return { action: 'skip', reason: 'RedundantExport', description: 'The target already has every mapped value; nothing to export' };
  }
  return { action: 'update', targetId: target.id, changes, modifiedProperties };
}
