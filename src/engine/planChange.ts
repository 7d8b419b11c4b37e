import type { TargetObject } from '../connectors/targetConnector';
import type { JsonObject } from '../domain/identityObject';
import type { EvaluationEnvironment } from '../expressions/evaluationEnvironment';
import { parseScimPath } from '../scim/scimPath';
import { buildTargetResource } from './buildTargetResource';
import type { CompiledObjectMapping } from './compiledMapping';
import { diffAttributes, displayValue, REDACTED } from './diffAttributes';
import { mapAttributes, type MappedAttribute } from './mapAttributes';
import type { ReconcileDecision } from './reconcileDecision';
import { isDisabledInSource } from './sourceContext';
import { isGroupObjectName } from './isGroupObjectName';
import { SCIM_CORE_GROUP, SCIM_CORE_USER } from '../scim/scimSchemas';

export interface PlanOptions {
  /** The scoping filter's verdict for this object. */
  inScope: boolean;
  /** Entra's SkipOutOfScopeDeletions: leave objects that leave scope alone instead of disabling them. */
  skipOutOfScopeDeletions: boolean;
  /** The source deleted the object. */
  deletedInSource?: boolean;
  /** The object mapping's flowTypes ("Add, Update, Delete" when absent). */
  flowTypes?: string;
  /**
   * Reference attributes already resolved to target ids (resolveReferences), written with the other attributes
   * when the object is in scope. A `null` value removes the reference; it counts only where the target has one.
   */
  references?: readonly MappedAttribute[];
}

/** Which of Entra's target object actions a mapping's flowTypes allow. */
export function allowedActions(flowTypes = 'Add, Update, Delete'): { add: boolean; update: boolean; delete: boolean } {
  const parts = new Set(flowTypes.split(',').map((p) => p.trim().toLowerCase()));
  return { add: parts.has('add'), update: parts.has('update'), delete: parts.has('delete') };
}

const notEnabled = (action: string): ReconcileDecision => ({
  action: 'skip',
  reason: 'FlowTypeNotEnabled',
  description: `The object mapping's flowTypes do not include ${action}`,
});

const ACTIVE = parseScimPath('active');

/**
 * Decides what to do with a source object, given the target object it is linked or matched to (or none).
 * Pure: the caller did the reading. Entra's rules (reference/entra-engine.md §3, §6):
 * - out of scope and never provisioned: skip; out of scope and provisioned: disable, through the mappings that
 *   read [IsSoftDeleted] (or `active` = false when none does), unless SkipOutOfScopeDeletions;
 * - in scope: create with every mapping (defaults applied), or update only what differs, or skip.
 * - deleted in the source and provisioned: delete (flowTypes permitting); never provisioned: nothing;
 * - flowTypes without Add, Update or Delete skip that action (existing objects are otherwise unaffected).
 * Deviation: a source object that is in scope but inactive (an HR pre-hire or leaver) is still created,
 * disabled, because HR sources expect the account to exist; Entra's outbound service skips such users.
 */
export function planChange(
  compiled: CompiledObjectMapping,
  source: JsonObject,
  target: TargetObject | undefined,
  env: EvaluationEnvironment,
  options: PlanOptions = { inScope: true, skipOutOfScopeDeletions: false },
): ReconcileDecision {
  const allowed = allowedActions(options.flowTypes);
  if (options.deletedInSource) {
    if (!target) return { action: 'skip', reason: 'NotEffectivelyEntitled', description: 'The object was deleted in the source and never provisioned' };
    return allowed.delete ? { action: 'delete', targetId: target.id } : notEnabled('Delete');
  }
  if (!options.inScope) {
    if (!target) return { action: 'skip', reason: 'NotEffectivelyEntitled', description: 'The object is out of scope and was never provisioned' };
    if (options.skipOutOfScopeDeletions) {
      return { action: 'skip', reason: 'NotEffectivelyEntitled', description: 'The object is out of scope; the job skips out-of-scope deletions (skipOutOfScopeDeletions)' };
    }
    const mapped = compiled.softDeleteAware.length > 0
      ? mapAttributes(compiled, source, 'update', env, { softDeleted: true, only: compiled.softDeleteAware })
      : [{ targetAttributeName: 'active', path: ACTIVE, value: false, redacted: false } satisfies MappedAttribute];
    const { changes, modifiedProperties } = diffAttributes(mapped, target.data);
    if (changes.length === 0) return { action: 'skip', reason: 'RedundantExport', description: 'The object is out of scope and already disabled in the target' };
    if (!allowed.update) return notEnabled('Update');
    return { action: 'update', targetId: target.id, changes, modifiedProperties, disables: true };
  }

  if (!target) {
    if (!allowed.add) return notEnabled('Add');
    const attributes = [...mapAttributes(compiled, source, 'create', env), ...(options.references ?? []).filter((r) => r.value !== null)];
    const unique = attributes.filter((a) => a.candidates);
    return {
      action: 'create',
      resource: buildTargetResource(attributes.filter((a) => !a.candidates), isGroupObjectName(compiled.objectMapping.targetObjectName) ? SCIM_CORE_GROUP : SCIM_CORE_USER),
      modifiedProperties: attributes
        .filter((a) => !a.candidates)
        .map((a) => ({ displayName: a.targetAttributeName, oldValue: null, newValue: a.redacted ? REDACTED : displayValue(a.value) })),
      uniqueChoices: unique.map((a) => ({ targetAttributeName: a.targetAttributeName, path: a.path, candidates: a.candidates ?? [], redacted: a.redacted })),
    };
  }
  const { changes, modifiedProperties } = diffAttributes([...mapAttributes(compiled, source, 'update', env), ...(options.references ?? [])], target.data);
  if (changes.length === 0) {
    return { action: 'skip', reason: 'RedundantExport', description: 'The target already has every mapped value; nothing to export' };
  }
  if (!allowed.update) return notEnabled('Update');
  const disables = isDisabledInSource(source) && changes.some((c) => c.path.toLowerCase() === 'active' && (c.value === false || c.value === 'False'));
  return { action: 'update', targetId: target.id, changes, modifiedProperties, disables };
}
