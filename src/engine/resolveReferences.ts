import type { JsonObject } from '../domain/identityObject';
import type { ProvisioningStep } from '../domain/provisioningLogEntry';
import type { EvaluationEnvironment } from '../expressions/evaluationEnvironment';
import type { ReferenceWaitIndex } from '../state/referenceWaitIndex';
import type { StagingStore } from '../state/stagingStore';
import type { CompiledAttributeMapping } from './compiledMapping';
import type { MappedAttribute, MappingPhase } from './mapAttributes';
import { MANAGER_ATTRIBUTE } from './managerReference';
import { step } from './provisioningSteps';
import { readReferenceKey } from './readReferenceKey';

export interface ReferencesRequest {
  jobId: string;
  /** The object's type; a manager is an object of the same type (User). */
  objectType: string;
  sourceKey: string;
  references: readonly CompiledAttributeMapping[];
  source: JsonObject;
  env: EvaluationEnvironment;
  phase: MappingPhase;
}

export interface ResolvedReferences {
  /** The references to write (planChange's `references`): a target id, or null to remove the reference. */
  attributes: MappedAttribute[];
  steps: ProvisioningStep[];
}

/**
 * Resolves a user's manager through the job's links (reference/entra-engine.md §5.4): the manager's staged row
 * (same job, same type) carries the target id it is linked to. Part of the reconcile use case (I/O), called
 * by reconcileObject before planning. A manager with no target object yet is left out of the write (never
 * the source key) and logged as Entra does (EntrySynchronizationSkip, UnableToResolveReferenceAttributeValue),
 * and the object is recorded as waiting for it, so that linking the manager reconciles it again.
 * Why no wait is lost: the wait is recorded before the link is read a second time, and the manager's reconcile
 * records its link before it reads the waits (handleReconcileMessage); so either the second read sees the link
 * or the manager's reconcile sees the wait.
 */
export async function resolveReferences(deps: { staging: StagingStore; referenceWaits?: ReferenceWaitIndex }, request: ReferencesRequest): Promise<ResolvedReferences> {
  const attributes: MappedAttribute[] = [];
  const steps: ProvisioningStep[] = [];
  const linkOf = async (key: string): Promise<string | undefined> => {
    const row = await deps.staging.get(request.jobId, request.objectType, key);
    return row && !row.deleted ? row.targetId : undefined;
  };
  for (const reference of request.references) {
    if (request.phase === 'update' && reference.mapping.flowType === 'ObjectAddOnly') continue;
    const found = readReferenceKey(reference, request.source, request.env);
    if (found.kind === 'none') continue;
    const written = { targetAttributeName: MANAGER_ATTRIBUTE, path: reference.targetPath, redacted: reference.facts.redacted, reference: true };
    if (found.kind === 'clear') {
      attributes.push({ ...written, value: null });
      continue;
    }
    let targetId = await linkOf(found.key);
    if (targetId === undefined && deps.referenceWaits) {
      await deps.referenceWaits.recordWait(request.jobId, request.objectType, found.key, request.sourceKey);
      targetId = await linkOf(found.key);
    }
    if (targetId !== undefined) {
      attributes.push({ ...written, value: targetId });
      continue;
    }
    const then = deps.referenceWaits ? `; ${request.objectType} '${request.sourceKey}' is reconciled again when it is` : '';
    steps.push(
      step('EntrySynchronizationSkip', 'referenceResolution', 'warning', `${reference.mapping.targetAttributeName}: ${request.objectType} '${found.key}' is not provisioned in the target yet and was left out${then}`, {
        SkipReason: 'UnableToResolveReferenceAttributeValue',
        ReferenceAttribute: reference.mapping.targetAttributeName,
        UnresolvedReference: found.key,
      }),
    );
  }
  return { attributes, steps };
}
