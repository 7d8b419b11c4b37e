import { mapBounded } from '../concurrency/mapBounded';
import { managesMembers, type TargetConnector } from '../connectors/targetConnector';
import { PermanentError, TransientError } from '../domain/errors';
import type { JsonObject } from '../domain/identityObject';
import type { ModifiedProperty, ProvisioningStep } from '../domain/provisioningLogEntry';
import type { EvaluationEnvironment } from '../expressions/evaluationEnvironment';
import type { StagingStore } from '../state/stagingStore';
import type { CompiledAttributeMapping } from './compiledMapping';
import type { MemberReference } from './memberReference';
import { planMemberChanges } from './planMemberChanges';
import { step } from './provisioningSteps';
import { readMemberReferences } from './readMemberReferences';

export interface MembersRequest {
  jobId: string;
  targetType: string;
  groupTargetId: string;
  mapping: CompiledAttributeMapping;
  source: JsonObject;
  env: EvaluationEnvironment;
}

export interface MembersOutcome {
  steps: ProvisioningStep[];
  modifiedProperties: ModifiedProperty[];
  /** Some member was added or removed in the target. */
  changed: boolean;
}

/** Staged rows read at once while resolving members (point reads). */
const RESOLVE_CONCURRENCY = 16;
/** Ids listed in a log step; the rest are counted. */
const LOGGED_IDS = 50;

/**
 * The second pass for a group (reference/entra-engine.md §5.4, inbound-and-scim.md §2.7): after the group
 * exists, resolve each source member through the job's links (the member's staged row carries `targetId`),
 * read the target group's members, and add and remove the difference in batches. Part of the reconcile use
 * case (I/O), called by reconcileObject; the decision itself is planMemberChanges (pure). Unresolved members
 * are left out and logged as Entra does (EntrySynchronizationSkip, UnableToResolveReferenceAttributeValue).
 */
export async function reconcileMembers(deps: { staging: StagingStore; connector: TargetConnector }, request: MembersRequest): Promise<MembersOutcome> {
  const { connector } = deps;
  if (!managesMembers(connector)) {
    throw new PermanentError(`${connector.displayName} cannot manage group members; remove the members mapping or use a target that has groups`, { code: 'MembersNotSupported' });
  }
  const members = readMemberReferences(request.mapping, request.source, request.env);
  const targetIds = await mapBounded(members, RESOLVE_CONCURRENCY, async (member) => {
    const row = await deps.staging.get(request.jobId, member.objectType, member.value);
    return row && !row.deleted ? row.targetId : undefined;
  });
  const resolved = new Map<MemberReference, string | undefined>(members.map((m, i) => [m, targetIds[i]]));
  const current = await connector.getMemberIds(request.targetType, request.groupTargetId);
  // The group was read or created a moment ago: if it is gone now, the retry matches (or creates) it again.
  if (current === undefined) throw new TransientError(`the target group '${request.groupTargetId}' disappeared while its members were reconciled`, { code: 'GroupVanished' });
  const plan = planMemberChanges(members, resolved, current);

  const steps: ProvisioningStep[] = [];
  if (plan.unresolved.length > 0) {
    steps.push(
      step('EntrySynchronizationSkip', 'referenceResolution', 'warning', `${plan.unresolved.length} member(s) are not provisioned in the target yet and were left out; the group is reconciled again when they are`, {
        SkipReason: 'UnableToResolveReferenceAttributeValue',
        UnresolvedMembers: listIds(plan.unresolved.map((m) => m.value)),
      }),
    );
  }
  for (const batch of plan.add) await connector.addMembers(request.targetType, request.groupTargetId, batch);
  for (const batch of plan.remove) await connector.removeMembers(request.targetType, request.groupTargetId, batch);
  const added = plan.add.flat();
  const removed = plan.remove.flat();
  const changed = added.length + removed.length > 0;
  if (!changed) return { steps, modifiedProperties: [], changed };
  steps.push(
    step('EntryExportUpdate', 'export', 'success', `Added ${added.length} and removed ${removed.length} member(s) in ${connector.displayName}`, {
      TargetAnchor: request.groupTargetId,
      ...(added.length > 0 ? { AddedMembers: listIds(added) } : {}),
      ...(removed.length > 0 ? { RemovedMembers: listIds(removed) } : {}),
    }),
  );
  const after = current.length + added.length - removed.length;
  return { steps, modifiedProperties: [{ displayName: 'members', oldValue: `${current.length} member(s)`, newValue: `${after} member(s)` }], changed };
}

function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, LOGGED_IDS).join(', ');
  return ids.length > LOGGED_IDS ? `${shown} and ${ids.length - LOGGED_IDS} more` : shown;
}
