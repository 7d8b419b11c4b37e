import type { TargetObject } from '../connectors/targetConnector';
import type { JsonObject, JsonValue } from '../domain/identityObject';
import type { JobDefinition } from '../domain/jobDefinition';
import type { ModifiedProperty, ProvisioningStep } from '../domain/provisioningLogEntry';
import type { EvaluationEnvironment } from '../expressions/evaluationEnvironment';
import { getPathValue } from '../scim/scimPath';
import { compileObjectMapping, findObjectMapping } from './compiledMapping';
import { REDACTED, sameValue } from './diffAttributes';
import { evaluateScope } from './evaluateScope';
import { matchingValue } from './mapAttributes';
import { planChange } from './planChange';
import { flattenForLog, step } from './provisioningSteps';

export interface PreviewMatchingValue {
  /** The target attribute the engine would search on, in matching precedence order. */
  attribute: string;
  /** The value it would search for; null when the source object gives none. */
  value: string | null;
  /** With a target object: whether it holds this value (so the engine would find it on this attribute). */
  matchesTarget?: boolean;
}

/** The planner's decision, flattened for printing: one shape whatever the action. */
export interface PreviewDecision {
  action: 'create' | 'update' | 'delete' | 'skip';
  modifiedProperties: ModifiedProperty[];
  resource?: JsonObject;
  targetId?: string;
  changes?: { path: string; value: JsonValue }[];
  /** An update that turns the target account off (Entra logs it as a disable). */
  disables?: boolean;
  /** SelectUniqueValue candidates: the engine takes the first the target does not hold, which a preview cannot ask. */
  uniqueChoices?: { targetAttributeName: string; candidates: string[] }[];
  reason?: string;
  description?: string;
}

export interface ReconcilePreview {
  inScope: boolean;
  scopeDescription: string;
  matching: PreviewMatchingValue[];
  decision: PreviewDecision;
  /** The steps a provisioning log entry would show up to the decision, with Entra's names (reference §11.3); nothing is exported. */
  steps: ProvisioningStep[];
}

/**
 * What reconcileObject would decide for one source record, without any store or target: scope, matching
 * values, then the planner against the given target object (standing for the object the engine reaches
 * through the link) or none (nothing matched: create). The order and the skip reasons are reconcileObject's
 * (reference/entra-engine.md §4: without a link, no matching value → ImportSkipped; §6: out of scope and
 * provisioned → disable unless skipOutOfScopeDeletions).
 */
export function previewReconcile(job: JobDefinition, objectType: string, source: JsonObject, target: TargetObject | undefined, env: EvaluationEnvironment): ReconcilePreview {
  const steps: ProvisioningStep[] = [step('EntryImportAdd', 'import', 'success', `Read ${objectType} from the given record`, maskPasswords(flattenForLog(source)))];
  const skip = (reason: string, description: string): PreviewDecision => {
    steps.push(step('EntrySynchronizationSkip', 'processing', 'skipped', description, { SkipReason: reason }));
    return { action: 'skip', reason, description, modifiedProperties: [] };
  };

  const objectMapping = findObjectMapping(job, objectType);
  if (!objectMapping) {
    const description = `The job has no enabled object mapping for source object '${objectType}'`;
    return { inScope: false, scopeDescription: description, matching: [], decision: skip('NoObjectMapping', description), steps };
  }
  const compiled = compileObjectMapping(objectMapping);
  const scope = evaluateScope(objectMapping.scope, source);
  steps.push(step('EntrySynchronizationScoping', 'scoping', scope.inScope ? 'success' : 'skipped', scope.description, { ScopeEvaluationResult: scope.inScope ? 'InScope' : 'OutOfScope' }));

  const matching = compiled.matching.map((attribute): PreviewMatchingValue => {
    const value = matchingValue(attribute, source, env);
    if (!target) return { attribute: attribute.mapping.targetAttributeName, value };
    return { attribute: attribute.mapping.targetAttributeName, value, matchesTarget: value !== null && sameValue(getPathValue(target.data, attribute.targetPath), value) };
  });
  const base = { inScope: scope.inScope, scopeDescription: scope.description, matching };
  if (!scope.inScope && !target) return { ...base, decision: skip('NotEffectivelyEntitled', 'The object is out of scope and was never provisioned'), steps };
  // Matching runs only without a link; the given target stands for the linked object, so it needs no matching value.
  if (!target && compiled.matching.length > 0 && matching.every((m) => m.value === null)) {
    return { ...base, decision: skip('ImportSkipped', 'The object has no value for any matching attribute'), steps };
  }

  if (target) {
    const hit = matching.find((m) => m.matchesTarget);
    steps.push(
      hit
        ? step('EntrySynchronizationUpdate', 'matching', 'success', `Matched the given target object '${target.id}' on ${hit.attribute}`, { JoiningProperty: hit.attribute, TargetAnchor: target.id })
        : step('EntrySynchronizationUpdate', 'matching', 'warning', `The given target object '${target.id}' holds none of the matching values; it is treated as the linked object`, { TargetAnchor: target.id }),
    );
  } else {
    steps.push(step('EntrySynchronizationAdd', 'matching', 'success', 'No target object was given, so one would be created'));
  }

  const decision = planChange(compiled, source, target, env, { inScope: scope.inScope, skipOutOfScopeDeletions: job.settings.skipOutOfScopeDeletions, flowTypes: objectMapping.flowTypes });
  switch (decision.action) {
    case 'create':
      return {
        ...base,
        decision: {
          action: 'create',
          modifiedProperties: decision.modifiedProperties,
          resource: decision.resource,
          ...(decision.uniqueChoices.length > 0 ? { uniqueChoices: decision.uniqueChoices.map((c) => ({ targetAttributeName: c.targetAttributeName, candidates: c.redacted ? c.candidates.map(() => REDACTED) : c.candidates })) } : {}),
        },
        steps,
      };
    case 'update':
      return { ...base, decision: { action: 'update', modifiedProperties: decision.modifiedProperties, targetId: decision.targetId, changes: decision.changes, disables: decision.disables }, steps };
    case 'delete':
      return { ...base, decision: { action: 'delete', modifiedProperties: [], targetId: decision.targetId }, steps };
    case 'skip':
      return { ...base, decision: skip(decision.reason, decision.description), steps };
  }
}

/** Passwords never show in a step, as in Entra's logs (reference §11.3: `[Redacted]`). */
function maskPasswords(details: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(details).map(([key, value]) => [key, /password/i.test(key) ? REDACTED : value]));
}
