import { mapBounded } from '../../concurrency/mapBounded';
import type { TargetConnector } from '../../connectors/targetConnector';
import { NotFoundError } from '../../domain/errors';
import { isBuiltInDirectorySource } from '../../domain/isBuiltInDirectorySource';
import type { JobDefinition } from '../../domain/jobDefinition';
import type { ProvisioningLogEntry } from '../../domain/provisioningLogEntry';
import type { ReconcileMessage } from '../../domain/reconcileMessage';
import type { GroupMembershipIndex } from '../../gateway/groupMembershipIndex';
import { reconcileGroupsOfLinkedMembers } from '../../gateway/reconcileGroupsOfLinkedMembers';
import type { WorkQueue } from '../../queue/workQueue';
import type { SourceConnector } from '../../sources/sourceConnector';
import type { JobStateStore } from '../../state/jobStateStore';
import type { ProvisioningLogStore } from '../../state/provisioningLogStore';
import type { StagingStore } from '../../state/stagingStore';
import { reconcileObject } from '../reconcileObject';
import type { OnDemandOutcome } from './onDemandOutcome';
import type { OnDemandRequest, OnDemandSubject } from './provisionOnDemandRequest';

/** The same collaborators the reconcile queue handler uses, plus the job's source for pull sources. */
export interface ProvisionOnDemandDeps {
  staging: StagingStore;
  logs: Pick<ProvisioningLogStore, 'append'>;
  queue: WorkQueue;
  groupMemberships: GroupMembershipIndex;
  /** Read for the escrow epoch when a failure puts an object in escrow. */
  jobStates: Pick<JobStateStore, 'get'>;
  connectorFor(job: JobDefinition): TargetConnector;
  /** The source connector of a pull-source job (called only for those). */
  sourceFor(job: JobDefinition): SourceConnector;
  now(): Date;
  newId(): string;
}

export interface OnDemandResult {
  /** The provisioning logs' cycleId of this request's entries. */
  cycleId: string;
  subject: OnDemandOutcome;
  members: OnDemandOutcome[];
}

/**
 * Provisions one object now, as Entra's provisionOnDemand does (reference/entra-engine.md §10): the same
 * reconcile a queue message would run (scope, match, plan, write, link, log entry), but synchronously, so
 * that the caller sees the steps. Where the object comes from:
 * - a pull source (an external SCIM app): read now with `readObject` and staged, so that the next cycle
 *   sees this state as already staged;
 * - a push source (bulk upload, the built-in directory): what was last uploaded or written, as staged. Entra
 *   offers no on-demand for API-driven inbound apps; idbridge can, from the staged record.
 * A group's named members are reconciled first, so that the group can reference them in the target. Every
 * entry is appended to the provisioning logs under one cycleId (`ondemand-<id>`). An object the target
 * asks to retry later (429, 503, timeout) goes to the queue like any retry, so it still ends in a log entry;
 * one that failed into escrow gets its escrow retry scheduled, as the queue handler does.
 * Two things the queue handler does are left out on purpose: the accidental-deletion threshold (an operator
 * asking for one object is the approval the threshold waits for) and the cycle counters (an on-demand run is
 * not part of any cycle, and must not push a job into quarantine).
 */
export async function provisionOnDemand(deps: ProvisionOnDemandDeps, job: JobDefinition, request: OnDemandRequest): Promise<OnDemandResult> {
  const cycleId = `ondemand-${deps.newId()}`;
  const [primary, ...namedMembers] = await prepareStagedState(deps, job, [request.subject, ...request.members]);
  if (!primary) throw new Error('prepareStagedState returns one subject per subject given');

  const connector = deps.connectorFor(job);
  const reconcile = async (subject: OnDemandSubject): Promise<OnDemandOutcome> => {
    const outcome = await reconcileObject(
      { staging: deps.staging, connector, now: () => deps.now(), newId: () => deps.newId() },
      { job, objectType: subject.objectType, sourceKey: subject.sourceKey, cycleId, attempt: 1 },
    );
    if (outcome.kind === 'done') {
      if (outcome.escrow) {
        const { state } = await deps.jobStates.get(job.id);
        const { progress, delayInMs, retryAt } = outcome.escrow;
        const escrowRetry: ReconcileMessage = { kind: 'reconcile', jobId: job.id, objectType: subject.objectType, sourceKeys: [subject.sourceKey], cycleId, attempt: 1, escrow: { ...progress, epoch: state.escrowEpoch }, notBefore: retryAt };
        await deps.queue.send([escrowRetry], { delayInMs });
      }
      return { kind: 'done', subject, log: outcome.log, ...(outcome.linkedTargetId !== undefined ? { linkedTargetId: outcome.linkedTargetId } : {}) };
    }
    const retry: ReconcileMessage = { kind: 'reconcile', jobId: job.id, objectType: subject.objectType, sourceKeys: [subject.sourceKey], cycleId, attempt: 2 };
    await deps.queue.send([retry], { delayInMs: outcome.delayInMs });
    return { kind: 'queued', subject, reason: outcome.reason, delayInMs: outcome.delayInMs, at: deps.now().toISOString() };
  };
  const members = await mapBounded(namedMembers, job.target.maxConcurrency, reconcile);
  const subject = await reconcile(primary);

  const outcomes = [...members, subject];
  const linked = outcomes.filter((o) => o.kind === 'done' && o.linkedTargetId !== undefined).map((o) => o.subject.sourceKey);
  // As the queue handler does: groups that could not resolve a newly linked object as a member yet.
  await reconcileGroupsOfLinkedMembers(deps, job, linked, cycleId);
  const logs: ProvisioningLogEntry[] = outcomes.flatMap((o) => (o.kind === 'done' ? [o.log] : []));
  if (logs.length > 0) await deps.logs.append(logs);
  return { cycleId, subject, members };
}

/**
 * Makes sure every object has a staged state to reconcile: read from a pull source and staged, or already
 * staged by a push source. Every object is checked before anything is reconciled, so a request naming an
 * unknown member changes nothing. Returns the subjects as staged (a pull source names the key it keeps).
 */
async function prepareStagedState(deps: ProvisionOnDemandDeps, job: JobDefinition, subjects: readonly OnDemandSubject[]): Promise<OnDemandSubject[]> {
  const missing: string[] = [];
  if (job.source.type === 'inboundApi' || isBuiltInDirectorySource(job.source)) {
    const staged = await Promise.all(subjects.map((s) => deps.staging.get(job.id, s.objectType, s.sourceKey)));
    subjects.forEach((s, i) => {
      if (!staged[i]) missing.push(`${s.objectType} '${s.sourceKey}'`);
    });
    if (missing.length > 0) {
      const how = job.source.type === 'inboundApi' ? 'was ever uploaded to this job (on-demand provisioning of a bulk-upload job reconciles the last uploaded record)' : 'is in the built-in directory for this job';
      throw new NotFoundError(`Nothing for ${missing.join(', ')} ${how}`);
    }
    return [...subjects];
  }
  const source = deps.sourceFor(job);
  const read = await Promise.all(subjects.map((s) => source.readObject(s.objectType, s.sourceKey)));
  subjects.forEach((s, i) => {
    if (!read[i]) missing.push(`${s.objectType} '${s.sourceKey}'`);
  });
  if (missing.length > 0) throw new NotFoundError(`The source (${source.displayName}) has no ${missing.join(', ')}`);
  const stagedAt = deps.now().toISOString();
  const staged: OnDemandSubject[] = [];
  for (const [i, object] of read.entries()) {
    const subject = subjects[i];
    if (!object || !subject) continue;
    // Staged under the job's spelling of the type, which is what reconcile messages and cycles name.
    await deps.staging.stage(job.id, subject.objectType, [{ sourceKey: object.key, data: object.data, ...(object.version !== undefined ? { sourceVersion: object.version } : {}) }], stagedAt);
    staged.push({ objectType: subject.objectType, sourceKey: object.key });
  }
  return staged;
}
