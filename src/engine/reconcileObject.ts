import type { TargetConnector, TargetObject } from '../connectors/targetConnector';
import { ConflictError, EscrowError, IdbridgeError, NotFoundError, OutcomeUnknownError, PermanentError, TransientError } from '../domain/errors';
import type { JsonObject, StagedObject } from '../domain/identityObject';
import type { JobDefinition } from '../domain/jobDefinition';
import type { ErrorInformation, ProvisioningAction, ProvisioningLogEntry, ProvisioningStatus, ProvisioningStep, ModifiedProperty } from '../domain/provisioningLogEntry';
import type { StagingStore } from '../state/stagingStore';
import type { TargetIndexStore } from '../state/targetIndexStore';
import type { ReferenceWaitIndex } from '../state/referenceWaitIndex';
import { findInTargetIndex } from './targetIndex/findInTargetIndex';
import type { EvaluationEnvironment } from '../expressions/evaluationEnvironment';
import { backoffDelayInMs } from './backoffDelay';
import { compileObjectMapping, findObjectMapping, type CompiledObjectMapping } from './compiledMapping';
import { evaluateScope } from './evaluateScope';
import { matchingValue } from './mapAttributes';
import { allowedActions, planChange } from './planChange';
import { reconcileMembers } from './reconcileMembers';
import { resolveReferences } from './resolveReferences';
import { REDACTED } from './diffAttributes';
import { setPathValue } from '../scim/scimPath';
import { readSourceAttribute } from './sourceContext';
import { flattenForLog, step } from './provisioningSteps';
import type { ReconcileDecision } from './reconcileDecision';
import type { DeletionGate } from '../safety/deletionGate';
import { goesToEscrow } from '../safety/goesToEscrow';
import { nextEscrowStep, type EscrowProgress, type EscrowRetry } from '../safety/nextEscrowStep';

export interface ReconcileDependencies {
  staging: StagingStore;
  connector: TargetConnector;
  now: () => Date;
  newId: () => string;
  /** Uniform in [0, 1); for RandomString and Guid in mappings. */
  random?: () => number;
  /** Initial cycles' snapshots of the target; used when the request names one (`targetIndex`). */
  targetIndexes?: TargetIndexStore;
  /** Asked before every delete and disable: the accidental-deletion threshold (src/safety). Absent = allowed. */
  deletionGate?: DeletionGate;
  /** Where an object whose manager is not linked yet is recorded as waiting for it. Absent = not recorded. */
  referenceWaits?: ReferenceWaitIndex;
}

export interface ReconcileRequest {
  job: JobDefinition;
  objectType: string;
  sourceKey: string;
  cycleId: string;
  attempt: number;
  /**
   * The initial cycle's target index (ReconcileMessage.targetIndex): an object without a link is matched against
   * it, not with a GET per matching attribute (src/engine/targetIndex). Needs `deps.targetIndexes`.
   */
  targetIndex?: string;
  /** Set when this is an escrow retry (ReconcileMessage.escrow): how long and how often the object has failed. */
  escrow?: EscrowProgress;
}

/**
 * Either a finished object (its log entry) or a retry to schedule; a retry writes no log entry yet.
 * `linkedTargetId` is set when this reconcile linked the object to a target object it was not linked to before
 * (a create or a first match): groups that could not resolve it as a member can now be reconciled again.
 * `escrow` is set on a failure that waits in escrow: the caller schedules the object's next reconcile.
 */
export type ReconcileOutcome =
  | { kind: 'done'; log: ProvisioningLogEntry; linkedTargetId?: string; escrow?: EscrowRetry }
  | { kind: 'retry'; delayInMs: number; reason: string };

/** A staged row that changes under a reconcile is re-read this many times before giving up to a retry. */
const MAX_STALE_ROUNDS = 3;

/**
 * The use case for one object (DESIGN principle 1): read the newest staged state, scope, match (through the
 * link when there is one), plan, write to the target, record the link, and describe it all in one log entry.
 * Store failures propagate (the whole message is redelivered; everything here is idempotent); target
 * failures are classified per object.
 */
export async function reconcileObject(deps: ReconcileDependencies, request: ReconcileRequest): Promise<ReconcileOutcome> {
  const started = deps.now();
  // One trace across rounds: a create in a round that then found the row restaged is still this entry's create.
  const trace = new Trace();
  let linkedBefore: string | undefined;
  for (let round = 1; ; round++) {
    let staged: StagedObject | undefined;
    try {
      staged = await deps.staging.get(request.job.id, request.objectType, request.sourceKey);
      if (round === 1) linkedBefore = staged?.targetId;
      const result = await reconcileOnce(deps, request, staged, trace);
      if (result === 'stale') {
        if (round < MAX_STALE_ROUNDS) continue;
        return { kind: 'retry', delayInMs: backoffDelayInMs(1), reason: 'the source object kept changing while it was reconciled' };
      }
      const finished = trace.createdId ? asCreate(result, trace.createdId) : result;
      const log = buildLogEntry(deps, request, staged, trace, started, finished);
      const linked = finished.status !== 'failure' && finished.action !== 'delete' && finished.targetId !== undefined && finished.targetId !== linkedBefore;
      return linked && finished.targetId !== undefined ? { kind: 'done', log, linkedTargetId: finished.targetId } : { kind: 'done', log };
    } catch (error) {
      // Failures stay with this object: a storage hiccup or a bug here must not fail the other objects of the
      // message (their work is done and would go unlogged on redelivery). Unclassified errors are retried
      // like transient ones and end in a failure entry that names them.
      const classified = error instanceof IdbridgeError ? error : new TransientError(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`, { cause: error, code: 'UnexpectedError' });
      return failureOutcome(deps, request, staged, trace, started, classified);
    }
  }
}

interface Finished {
  action: ProvisioningAction;
  status: ProvisioningStatus;
  targetId?: string;
  modifiedProperties: ModifiedProperty[];
  error?: ErrorInformation;
}

/** Collects the steps and the identities as the reconcile goes. */
class Trace {
  readonly steps: ProvisioningStep[] = [];
  /** Set once this reconcile created the target object, in whichever round. */
  createdId: string | undefined;
  targetId: string | undefined;
  targetData: JsonObject | undefined;
  /** This round matched (or found nothing) in the target index rather than by asking the target. */
  matchedInIndex = false;
  /** The index proved out of date for this object (or is gone): later rounds ask the target. */
  indexBypassed = false;
  /** Set once the group's member pass began: a failure from here on is a reference failure (src/safety/countLogEntries). */
  resolvingReferences = false;
}

async function reconcileOnce(deps: ReconcileDependencies, request: ReconcileRequest, staged: StagedObject | undefined, trace: Trace): Promise<Finished | 'stale'> {
  if (!staged) {
    trace.steps.push(step('EntryImport', 'import', 'skipped', `No staged state for ${request.objectType} '${request.sourceKey}'`));
    return { action: 'other', status: 'skipped', modifiedProperties: [], error: skipInfo('ImportSkipped', 'The object is no longer staged') };
  }
  trace.targetId = staged.targetId;
  const objectMapping = findObjectMapping(request.job, request.objectType);
  const compiled = objectMapping ? compileObjectMapping(objectMapping) : undefined;
  trace.steps.push(step(staged.targetId ? 'EntryImport' : 'EntryImportAdd', 'import', 'success', `Received ${request.objectType} '${request.sourceKey}' from the source`, { ...importDetails(staged.data, compiled?.redactedSourceAttributes ?? []), StagedAt: staged.stagedAt }));
  if (!objectMapping || !compiled) {
    return skipped(trace, 'NoObjectMapping', `The job has no enabled object mapping for source object '${request.objectType}'`);
  }

  const scope = evaluateScope(objectMapping.scope, staged.data);
  trace.steps.push(step('EntrySynchronizationScoping', 'scoping', scope.inScope ? 'success' : 'skipped', scope.description, { ScopeEvaluationResult: scope.inScope ? 'InScope' : 'OutOfScope' }));
  // Out of scope (or deleted) and never provisioned: nothing in the target is ours to touch, so not even a lookup.
  if (staged.deleted && !staged.targetId) return skipped(trace, 'NotEffectivelyEntitled', 'The object was deleted in the source and never provisioned');
  if (!scope.inScope && !staged.targetId) return skipped(trace, 'NotEffectivelyEntitled', 'The object is out of scope and was never provisioned');

  const env: EvaluationEnvironment = { now: deps.now(), random: deps.random ?? Math.random, defaultDomain: request.job.settings.defaultDomain ?? null };
  const found = await findTarget(deps, compiled, request, staged, trace, env, scope.inScope && !staged.deleted);
  if (found === 'noMatchingValue') {
    return skipped(trace, 'ImportSkipped', 'The object has no value for any matching attribute');
  }
  const target = found;
  if (!target && scope.inScope && !staged.deleted) assertNoCreateInProgress(staged, deps.now(), request.attempt);
  trace.targetData = target?.data;
  // The manager is resolved before planning and written with the other attributes, also on create: Entra
  // writes it in a second update (reference/entra-engine.md §5.4), which would cost a request per new user.
  const references =
    scope.inScope && !staged.deleted && compiled.references.length > 0
      ? await resolveReferences(deps, { jobId: request.job.id, objectType: request.objectType, sourceKey: request.sourceKey, references: compiled.references, source: staged.data, env, phase: target ? 'update' : 'create' })
      : undefined;
  if (references) trace.steps.push(...references.steps);
  const decision = planChange(compiled, staged.data, target, env, {
    inScope: scope.inScope,
    skipOutOfScopeDeletions: request.job.settings.skipOutOfScopeDeletions,
    deletedInSource: staged.deleted === true,
    flowTypes: objectMapping.flowTypes,
    ...(references ? { references: references.attributes } : {}),
  });
  let result: Finished | 'stale';
  try {
    result = await carryOut(deps, request, staged, trace, decision, target);
  } catch (error) {
    if (!indexWasOutdated(trace, error)) throw error;
    return 'stale'; // another round, matching with GETs
  }
  const groupMembers = compiled.members;
  if (result === 'stale' || !groupMembers || !scope.inScope || staged.deleted) return result;
  return withMembers(deps, request, trace, result, { mapping: groupMembers, source: staged.data, env, mayUpdate: allowedActions(objectMapping.flowTypes).update });
}

/**
 * A group's second pass (reconcileMembers), after the group itself was created, updated or found in sync.
 * Members change the entry: an otherwise redundant group whose members changed is logged as an update.
 */
async function withMembers(
  deps: ReconcileDependencies,
  request: ReconcileRequest,
  trace: Trace,
  result: Finished,
  members: { mapping: NonNullable<CompiledObjectMapping['members']>; source: JsonObject; env: EvaluationEnvironment; mayUpdate: boolean },
): Promise<Finished> {
  const groupTargetId = result.targetId;
  const ok = result.status === 'success' || result.error?.errorCode === 'RedundantExport';
  if (!groupTargetId || !ok || result.action === 'delete' || (result.action !== 'create' && !members.mayUpdate)) return result;
  trace.resolvingReferences = true;
  const outcome = await reconcileMembers(deps, {
    jobId: request.job.id,
    targetType: targetObjectNameOf(request),
    groupTargetId,
    mapping: members.mapping,
    source: members.source,
    env: members.env,
  });
  if (outcome.changed && result.status === 'skipped') {
    // The attributes were redundant, the members were not: the entry is an update, not a skip.
    const redundant = trace.steps.findIndex((s) => s.details.SkipReason === 'RedundantExport');
    if (redundant >= 0) trace.steps.splice(redundant, 1);
  }
  trace.steps.push(...outcome.steps);
  if (!outcome.changed) return result;
  const modifiedProperties = [...result.modifiedProperties, ...outcome.modifiedProperties];
  if (result.status === 'skipped') return { action: 'update', status: 'success', targetId: groupTargetId, modifiedProperties };
  return { ...result, modifiedProperties };
}

function targetObjectNameOf(request: ReconcileRequest): string {
  return findObjectMapping(request.job, request.objectType)?.targetObjectName ?? 'User';
}

async function findTarget(
  deps: ReconcileDependencies,
  compiled: CompiledObjectMapping,
  request: ReconcileRequest,
  staged: StagedObject,
  trace: Trace,
  env: EvaluationEnvironment,
  inScope: boolean,
): Promise<TargetObject | undefined | 'noMatchingValue'> {
  const targetType = compiled.objectMapping.targetObjectName;
  const connector = deps.connector;
  trace.matchedInIndex = false;
  if (staged.targetId) {
    const linked = await connector.getById(targetType, staged.targetId);
    if (linked) return linked;
    // The anchored object is gone from the target. Entra reports InvalidAnchor and waits for a restart;
    // idbridge re-matches at once, since the source says the object should exist.
    trace.steps.push(step('EntryImportObjectNotFound', 'matching', 'warning', `The linked target object '${staged.targetId}' no longer exists; matching again`));
    trace.targetId = undefined;
  }
  // Only in-scope objects are matched: an unlinked target object is not ours to disable.
  if (!inScope) return undefined;
  let anyValue = false;
  for (const attribute of compiled.matching) {
    const value = matchingValue(attribute, staged.data, env);
    if (value === null) continue;
    anyValue = true;
    const attributePath = attribute.mapping.targetAttributeName;
    const indexed = await findInIndex(deps, request, staged, trace, { targetType, attributePath, value });
    const hits = indexed ?? (await connector.findByAttribute(targetType, attributePath, value));
    if (hits.length > 1) {
      throw new PermanentError(`${hits.length} target objects have ${attribute.mapping.targetAttributeName} = '${value}'`, { code: 'DuplicateTargetEntries' });
    }
    const hit = hits[0];
    if (hit) {
      const where = indexed ? ' in the target index read at the start of the cycle' : '';
      trace.steps.push(step('EntrySynchronizationUpdate', 'matching', 'success', `Matched target object '${hit.id}' on ${attribute.mapping.targetAttributeName}${where}`, { JoiningProperty: attribute.mapping.targetAttributeName, TargetAnchor: hit.id, ...(indexed ? { MatchedIn: 'TargetIndex' } : {}) }));
      return hit;
    }
  }
  if (!anyValue && compiled.matching.length > 0) return 'noMatchingValue';
  const where = trace.matchedInIndex ? ' in the target index read at the start of the cycle' : '';
  trace.steps.push(step('EntrySynchronizationAdd', 'matching', 'success', `No matching target object was found${where}, so one will be created`, trace.matchedInIndex ? { MatchedIn: 'TargetIndex' } : {}));
  return undefined;
}

/**
 * An initial cycle matches against its snapshot of the target instead of asking per object (issue 5: Entra
 * sends a filtered GET before every create). undefined = ask the target: no index was named, it is gone
 * (dropped after its cycle), it proved out of date for this object, or an earlier create of this object may
 * have reached the target after the snapshot (a create lease is left only when its outcome is unknown, and
 * such an object must be re-matched live, never created blindly: DESIGN principle 4).
 */
async function findInIndex(
  deps: ReconcileDependencies,
  request: ReconcileRequest,
  staged: StagedObject,
  trace: Trace,
  lookup: { targetType: string; attributePath: string; value: string },
): Promise<TargetObject[] | undefined> {
  const targetIndexes = deps.targetIndexes;
  if (request.targetIndex === undefined || !targetIndexes || trace.indexBypassed || staged.creatingUntil) return undefined;
  const found = await findInTargetIndex({ connector: deps.connector, targetIndexes }, { jobId: request.job.id, indexId: request.targetIndex, ...lookup });
  if (found === 'missing') {
    trace.indexBypassed = true;
    return undefined;
  }
  trace.matchedInIndex = true;
  return found;
}

/**
 * The index is a snapshot from the start of the cycle. A create it allowed that the target refuses as a
 * conflict (409: the object arrived since, or the listing missed it) or an update of an object the target no
 * longer has (404) shows it out of date for this object, which is then matched again with GETs, as without an
 * index, in another round of this reconcile.
 */
function indexWasOutdated(trace: Trace, error: unknown): boolean {
  if (!trace.matchedInIndex || !(error instanceof RetryableConflict || error instanceof NotFoundError)) return false;
  trace.matchedInIndex = false;
  trace.indexBypassed = true;
  const what = error instanceof NotFoundError ? 'no longer holds the object matched in the target index' : 'refused the create as a conflict: it holds the object already, though the target index did not';
  trace.steps.push(step('EntryImportObjectNotFound', 'matching', 'warning', `The target ${what}; matching again with a query (${error.message})`));
  return true;
}

async function carryOut(
  deps: ReconcileDependencies,
  request: ReconcileRequest,
  staged: StagedObject,
  trace: Trace,
  decision: ReconcileDecision,
  target: TargetObject | undefined,
): Promise<Finished | 'stale'> {
  const targetType = targetObjectNameOf(request);
  switch (decision.action) {
    case 'skip': {
      // A match without a link yet (first sight of an existing account): keep the anchor for next time.
      if (target && staged.targetId !== target.id && (await deps.staging.recordLink(staged, target.id)) === 'stale') return 'stale';
      trace.targetId = target?.id;
      return skipped(trace, decision.reason, decision.description);
    }
    case 'create': {
      // Lease first: of two reconciles that both found nothing, only one may create (the other retries).
      const leased = await deps.staging.claimCreate(staged, new Date(deps.now().getTime() + createLeaseInMs(request.job)).toISOString());
      if (leased === 'stale') return 'stale';
      let created: TargetObject;
      try {
        const modifiedProperties = await chooseUniqueValues(deps.connector, targetType, decision);
        decision.modifiedProperties.push(...modifiedProperties);
        created = await deps.connector.create(targetType, decision.resource);
      } catch (error) {
        // Release the lease only when the create certainly did not happen. After a timeout (outcome unknown) the
        // target may still commit it: the lease then holds every retry off until it expires (the target's
        // timeout plus a margin), and the retry matches the object instead of creating a second one.
        if (!(error instanceof OutcomeUnknownError)) await deps.staging.recordLink(leased, undefined).catch(() => undefined);
        // Someone (or an earlier attempt whose answer was lost) holds a unique value: match again next time.
        if (error instanceof ConflictError) throw new RetryableConflict(error);
        throw error;
      }
      trace.targetId = created.id;
      trace.createdId = created.id;
      trace.targetData = created.data;
      trace.steps.push(step('EntryExportAdd', 'export', 'success', `Created the object in ${deps.connector.displayName}`, { TargetAnchor: created.id }));
      if ((await deps.staging.recordLink(leased, created.id)) === 'stale') {
        // Restaged while creating: the link must be kept all the same, then the newer data reconciled.
        await linkWhateverChanged(deps.staging, leased, created.id);
        return 'stale';
      }
      return { action: 'create', status: 'success', targetId: created.id, modifiedProperties: decision.modifiedProperties };
    }
    case 'delete': {
      if ((await askDeletionGate(deps, request, decision.targetId, 'delete')) === 'held') return stagedDelete(trace, decision.targetId, 'delete', deps.connector.displayName);
      await deps.connector.delete(targetType, decision.targetId);
      trace.targetId = decision.targetId;
      // The anchor goes with the object; a later re-creation in the source starts afresh with matching.
      if ((await deps.staging.recordLink(staged, undefined)) === 'stale') return 'stale';
      trace.steps.push(step('EntryExportDelete', 'export', 'success', `Deleted the object in ${deps.connector.displayName}`, { TargetAnchor: decision.targetId }));
      return { action: 'delete', status: 'success', targetId: decision.targetId, modifiedProperties: [] };
    }
    case 'update': {
      if (decision.disables && (await askDeletionGate(deps, request, decision.targetId, 'disable')) === 'held') return stagedDelete(trace, decision.targetId, 'disable', deps.connector.displayName);
      await deps.connector.update(targetType, decision.targetId, decision.changes);
      trace.targetId = decision.targetId;
      if ((await deps.staging.recordLink(staged, decision.targetId)) === 'stale') return 'stale';
      if (decision.disables) {
        trace.steps.push(step('EntryExportUpdateSoftDelete', 'export', 'success', `Disabled the object in ${deps.connector.displayName}`, { TargetAnchor: decision.targetId }));
        return { action: 'disable', status: 'success', targetId: decision.targetId, modifiedProperties: decision.modifiedProperties };
      }
      trace.steps.push(step('EntryExportUpdate', 'export', 'success', `Updated ${decision.changes.length} attribute(s) in ${deps.connector.displayName}`, { TargetAnchor: decision.targetId }));
      return { action: 'update', status: 'success', targetId: decision.targetId, modifiedProperties: decision.modifiedProperties };
    }
  }
}

function askDeletionGate(deps: ReconcileDependencies, request: ReconcileRequest, targetId: string, action: 'delete' | 'disable'): Promise<'allowed' | 'held'> {
  if (!deps.deletionGate) return Promise.resolve('allowed');
  return deps.deletionGate({ jobId: request.job.id, cycleId: request.cycleId, objectType: request.objectType, sourceKey: request.sourceKey, targetId, action });
}

/**
 * A delete or disable held back by the accidental-deletion threshold (reference/entra-engine.md §9): nothing
 * was sent, and Entra logs the object with action StagedDelete until an operator allows the deletes.
 */
function stagedDelete(trace: Trace, targetId: string, action: 'delete' | 'disable', targetName: string): Finished {
  trace.targetId = targetId;
  const description = `The ${action} in ${targetName} was held back: this cycle's deletes and disables reached the job's accidental-deletion threshold. Restart the job with ForceDeletes to apply it.`;
  trace.steps.push(step('EntrySynchronizationSkip', 'processing', 'skipped', description, { SkipReason: 'TooManyDeletes', TargetAnchor: targetId, HeldAction: action }));
  return { action: 'stagedDelete', status: 'skipped', targetId, modifiedProperties: [], error: skipInfo('TooManyDeletes', description) };
}

/**
 * SelectUniqueValue (reference/entra-engine.md §1.2): the first candidate no target object holds yet. When
 * every candidate is taken the object waits in escrow with the reason, as in Entra.
 */
async function chooseUniqueValues(connector: TargetConnector, targetType: string, decision: Extract<ReconcileDecision, { action: 'create' }>): Promise<ModifiedProperty[]> {
  const chosen: ModifiedProperty[] = [];
  for (const choice of decision.uniqueChoices) {
    let picked: string | undefined;
    for (const candidate of choice.candidates) {
      if ((await connector.findByAttribute(targetType, choice.targetAttributeName, candidate)).length === 0) {
        picked = candidate;
        break;
      }
    }
    if (picked === undefined) {
      const shown = choice.redacted ? `${choice.candidates.length} candidates` : choice.candidates.map((c) => `'${c}'`).join(', ');
      throw new EscrowError(`SelectUniqueValue found every candidate for ${choice.targetAttributeName} taken in the target: ${shown}`, { code: 'SelectUniqueValueExhausted' });
    }
    setPathValue(decision.resource, choice.path, picked);
    chosen.push({ displayName: choice.targetAttributeName, oldValue: null, newValue: choice.redacted ? REDACTED : picked });
  }
  return chosen;
}

/**
 * Import details as Entra shows them, with passwords and the values of redacted attributes masked. Masking
 * goes by value, so a redacted attribute is hidden under whatever flattened name the details give it.
 */
function importDetails(data: JsonObject, redactedAttributes: readonly string[]): Record<string, string> {
  const hidden = new Set<string>();
  for (const name of redactedAttributes) {
    const value = readSourceAttribute(data, name);
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined && v !== null && typeof v !== 'object') hidden.add(String(v));
  }
  const details = flattenForLog(data);
  for (const [key, value] of Object.entries(details)) {
    if (hidden.has(value) || /password/i.test(key)) details[key] = REDACTED;
  }
  return details;
}

/** How long a create lease lasts: one create's timeout and a margin; a crashed holder's lease simply expires. */
function createLeaseInMs(job: JobDefinition): number {
  return job.target.timeoutInMs + 30_000;
}

/**
 * Another reconcile holds the create lease: look again after the transient backoff (1 s, 2 s, 4 s ...), not after
 * the whole lease. The holder usually links within the target's response time, and the lease (the target's
 * timeout plus 30 s) only bounds a create whose outcome is unknown; waiting all of it held a duplicate message of
 * a new object back a minute. The job's attempts (8 by default: over two minutes of backoff) outlast the lease.
 */
function assertNoCreateInProgress(staged: StagedObject, now: Date, attempt: number): void {
  if (staged.targetId || !staged.creatingUntil) return;
  const remaining = Date.parse(staged.creatingUntil) - now.getTime();
  if (remaining > 0) throw new CreateInProgressError(Math.max(Math.min(remaining, backoffDelayInMs(attempt)), 1000));
}

/** Records a link on the newest version of the row, whatever else changed on it since. */
async function linkWhateverChanged(staging: StagingStore, staged: StagedObject, targetId: string): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const fresh = await staging.get(staged.jobId, staged.objectType, staged.sourceKey);
    if (!fresh || (await staging.recordLink(fresh, targetId)) === 'recorded') return;
  }
  // Still racing after five tries: the next reconcile matches the created object instead (matching precedes any create).
}

/** Another reconcile of the same object holds the create lease: look again when it should be done. */
class CreateInProgressError extends IdbridgeError {
  readonly disposition = 'retryAfter' as const;
  constructor(readonly retryAfterMs: number) {
    super('Another reconcile of this object is creating it in the target; trying again shortly', { code: 'CreateInProgress' });
  }
}

/** A 409 on create: retried (with a fresh match) like a transient error, never logged as a create. */
class RetryableConflict extends IdbridgeError {
  readonly disposition = 'retryNow' as const;
  constructor(cause: ConflictError) {
    super(`The target refused the create as a conflict (${cause.message}); matching again`, { cause, code: 'TargetConflictOnCreate' });
  }
}

/** The log of a reconcile that created the object and then brought it up to newer data reads as the create. */
function asCreate(result: Finished, createdId: string): Finished {
  if (result.status === 'failure') return result;
  return { action: 'create', status: 'success', targetId: createdId, modifiedProperties: result.modifiedProperties };
}

function skipped(trace: Trace, reason: string, description: string): Finished {
  trace.steps.push(step('EntrySynchronizationSkip', 'processing', 'skipped', description, { SkipReason: reason }));
  return { action: 'other', status: 'skipped', targetId: trace.targetId, modifiedProperties: [], error: skipInfo(reason, description) };
}

function skipInfo(reason: string, description: string): ErrorInformation {
  return { errorCode: reason, reason: description, additionalDetails: null, errorCategory: null, recommendedAction: null };
}

/**
 * A failed object (DESIGN principle 4). Transient failures get fast retries (backoff, or the target's
 * Retry-After) up to settings.maxAttempts. After that, and at once for the other failures that can go away
 * without a change of the source object (goesToEscrow), the object goes to escrow: a failure entry that says
 * so and when the next retry is, and `escrow` for the caller to schedule it (nextEscrowStep); past
 * settings.escrowMaxAge it is dropped with a last failure entry. Data errors fail once and are not retried.
 */
function failureOutcome(
  deps: ReconcileDependencies,
  request: ReconcileRequest,
  staged: StagedObject | undefined,
  trace: Trace,
  started: Date,
  error: IdbridgeError,
): ReconcileOutcome {
  const transient = error.disposition === 'retryNow' || error.disposition === 'retryAfter' || error.disposition === 'outcomeUnknown';
  if (transient && request.attempt < request.job.settings.maxAttempts) {
    const delayInMs = 'retryAfterMs' in error && typeof error.retryAfterMs === 'number' ? error.retryAfterMs : backoffDelayInMs(request.attempt);
    return { kind: 'retry', delayInMs, reason: error.message };
  }
  trace.steps.push(step('EntrySynchronizationError', trace.resolvingReferences ? 'referenceResolution' : 'processing', 'failure', error.message, { ErrorCode: error.code }));
  if (!goesToEscrow(error)) {
    const errorInformation: ErrorInformation = {
      errorCode: error.code,
      reason: error.message,
      additionalDetails: 'Not retried: the same data would fail the same way.',
      errorCategory: 'NonServiceFailure',
      recommendedAction: 'Correct the data or the job definition: a change of the source object reconciles it at once, and a restart re-evaluates every object.',
    };
    return { kind: 'done', log: buildLogEntry(deps, request, staged, trace, started, { action: 'other', status: 'failure', targetId: trace.targetId, modifiedProperties: [], error: errorInformation }) };
  }
  const escrow = nextEscrowStep(request.escrow, deps.now(), request.job.settings);
  const since = `failing since ${escrow.progress.firstFailedAt} (escrowed failure ${escrow.progress.failures})`;
  const attempts = transient ? `Gave up after ${request.attempt} attempt(s); ` : '';
  const errorInformation: ErrorInformation = {
    errorCode: error.code,
    reason: error.message,
    additionalDetails:
      escrow.kind === 'retry'
        ? `${attempts}in escrow, ${since}; next retry at ${escrow.retryAt}`
        : `${attempts}dropped from escrow, ${since}: no retry after escrowMaxAge ${escrow.maxAge}`,
    errorCategory: transient ? 'Transient' : 'NonServiceFailure',
    recommendedAction:
      escrow.kind === 'drop'
        ? 'Fix the cause, then change the source object or restart the job to provision it again.'
        : 'Check that the target is reachable and accepts the credentials (or, for unique values, that candidates are free); the object is retried on the escrow schedule.',
  };
  const log = buildLogEntry(deps, request, staged, trace, started, { action: 'other', status: 'failure', targetId: trace.targetId, modifiedProperties: [], error: errorInformation });
  if (escrow.kind === 'drop') return { kind: 'done', log };
  const { kind: _kind, ...retry } = escrow;
  return { kind: 'done', log, escrow: retry };
}

function buildLogEntry(
  deps: ReconcileDependencies,
  request: ReconcileRequest,
  staged: StagedObject | undefined,
  trace: Trace,
  started: Date,
  finished: Finished,
): ProvisioningLogEntry {
  const now = deps.now();
  const source = staged?.data;
  const targetObjectName = targetObjectNameOf(request);
  const targetId = finished.targetId ?? trace.targetId ?? '';
  return {
    id: deps.newId(),
    activityDateTime: now.toISOString(),
    jobId: request.job.id,
    cycleId: request.cycleId,
    changeId: deps.newId(),
    durationInMilliseconds: now.getTime() - started.getTime(),
    provisioningAction: finished.action,
    provisioningStatusInfo: { status: finished.status, errorInformation: finished.error ?? null },
    sourceSystem: { id: request.job.source.type, displayName: request.job.source.type === 'scim' ? 'idbridge directory' : 'API', details: {} },
    targetSystem: { id: request.job.target.type, displayName: request.job.target.baseUrl, details: {} },
    sourceIdentity: { id: request.sourceKey, displayName: describe(source), identityType: request.objectType, details: {} },
    targetIdentity: { id: targetId, displayName: describe(trace.targetData), identityType: targetObjectName, details: {} },
    modifiedProperties: finished.modifiedProperties,
    provisioningSteps: trace.steps,
    initiatedBy: { id: '', displayName: 'idbridge', initiatorType: 'system' },
  };
}

function describe(data: JsonObject | undefined): string | null {
  if (!data) return null;
  const name = data.displayName ?? data.userName ?? null;
  return typeof name === 'string' ? name : null;
}
