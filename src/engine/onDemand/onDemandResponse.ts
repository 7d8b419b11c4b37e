import type { ModifiedProperty, ProvisioningLogEntry, ProvisioningStatus } from '../../domain/provisioningLogEntry';
import type { OnDemandOutcome } from './onDemandOutcome';

type Capitalized<S extends string> = S extends `${infer First}${infer Rest}` ? `${Uppercase<First>}${Rest}` : S;

/** A provisioning step as Graph's on-demand response writes it: `type` and `status` capitalised (§10.2). */
export interface OnDemandStep {
  name: string;
  type: string;
  status: Capitalized<ProvisioningStatus>;
  description: string;
  details: Record<string, string>;
}

interface OnDemandIdentity {
  id: string;
  type: string;
  displayName: string | null;
  details: Record<string, string>;
}

/** The document encoded in the response's `value`, in the casing of Graph's example (reference/entra-engine.md §10.2). */
export interface OnDemandValue {
  action: string;
  changeId: string | null;
  startTime: string;
  endTime: string;
  reportableIdentifier: string;
  modifiedProperties: ModifiedProperty[];
  provisioningSteps: OnDemandStep[];
  statusInfo: {
    status: Capitalized<ProvisioningStatus>;
    errorCode: string | null;
    reason: string | null;
    additionalDetails: string | null;
    errorCategory: string | null;
    recommendedAction: string | null;
  };
  sourceIdentity: OnDemandIdentity;
  sourceSystem: { id: string; name: string; details: Record<string, string> };
  targetIdentity: OnDemandIdentity;
  targetSystem: { id: string; name: string; details: Record<string, string> };
  /** idbridge's addition for a group: its members' results, in the order they ran (before the group). */
  members?: OnDemandValue[];
}

export interface OnDemandKey {
  result: Capitalized<ProvisioningStatus>;
  details: { errorCode?: string; errorMessage?: string };
}

/** Graph's stringKeyStringValuePair: `key` and `value` are JSON documents encoded as strings. */
export interface StringKeyStringValuePair {
  key: string;
  value: string;
}

/**
 * The provisionOnDemand answer. Graph answers one stringKeyStringValuePair whatever was provisioned (its group
 * example too), so idbridge does the same: `value` describes the subject and, for a group, carries the members'
 * results under `members`; `key.result` is the worst result of them all (Failure, then Warning, then Success,
 * then Skipped), with the first failure's code and message (prefixed with the object's key when it is a member).
 */
export function onDemandResponse(subject: OnDemandOutcome, members: readonly OnDemandOutcome[]): StringKeyStringValuePair {
  const value = onDemandValue(subject);
  if (members.length > 0) value.members = members.map(onDemandValue);
  const all = [subject, ...members];
  const values = [value, ...(value.members ?? [])];
  const result = worst(values.map((v) => v.statusInfo.status));
  const explained = all.findIndex((_, i) => values[i]?.statusInfo.status === result && values[i]?.statusInfo.errorCode);
  const details: OnDemandKey['details'] = {};
  if (explained >= 0 && result !== 'Success') {
    const info = values[explained]?.statusInfo;
    const who = explained === 0 ? '' : `${all[explained]?.subject.objectType} '${all[explained]?.subject.sourceKey}': `;
    if (info?.errorCode) details.errorCode = info.errorCode;
    if (info?.reason) details.errorMessage = `${who}${info.reason}`;
  }
  const key: OnDemandKey = { result, details };
  return { key: JSON.stringify(key), value: JSON.stringify(value) };
}

const SEVERITY: Record<Capitalized<ProvisioningStatus>, number> = { Failure: 3, Warning: 2, Success: 1, Skipped: 0 };

function worst(statuses: readonly Capitalized<ProvisioningStatus>[]): Capitalized<ProvisioningStatus> {
  return statuses.reduce((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a), 'Skipped' as Capitalized<ProvisioningStatus>);
}

/** One object's result in Graph's on-demand casing. */
export function onDemandValue(outcome: OnDemandOutcome): OnDemandValue {
  return outcome.kind === 'done' ? fromLogEntry(outcome.log) : queuedValue(outcome);
}

function fromLogEntry(entry: ProvisioningLogEntry): OnDemandValue {
  const error = entry.provisioningStatusInfo.errorInformation;
  const endTime = entry.activityDateTime;
  return {
    action: capitalize(entry.provisioningAction),
    changeId: entry.changeId,
    startTime: new Date(Date.parse(endTime) - entry.durationInMilliseconds).toISOString(),
    endTime,
    reportableIdentifier: entry.sourceIdentity.displayName ?? entry.sourceIdentity.id,
    modifiedProperties: entry.modifiedProperties.map((p) => ({ ...p })),
    provisioningSteps: entry.provisioningSteps.map((s) => ({ name: s.name, type: capitalize(s.provisioningStepType), status: capitalize(s.status), description: s.description, details: { ...s.details } })),
    statusInfo: {
      status: capitalize(entry.provisioningStatusInfo.status),
      errorCode: error?.errorCode ?? null,
      reason: error?.reason ?? null,
      additionalDetails: error?.additionalDetails ?? null,
      errorCategory: error?.errorCategory ?? null,
      recommendedAction: error?.recommendedAction ?? null,
    },
    sourceIdentity: { id: entry.sourceIdentity.id, type: entry.sourceIdentity.identityType, displayName: entry.sourceIdentity.displayName, details: { ...entry.sourceIdentity.details } },
    sourceSystem: { id: entry.sourceSystem.id, name: entry.sourceSystem.displayName, details: { ...entry.sourceSystem.details } },
    targetIdentity: { id: entry.targetIdentity.id, type: entry.targetIdentity.identityType, displayName: entry.targetIdentity.displayName, details: { ...entry.targetIdentity.details } },
    targetSystem: { id: entry.targetSystem.id, name: entry.targetSystem.displayName, details: { ...entry.targetSystem.details } },
  };
}

function queuedValue(outcome: Extract<OnDemandOutcome, { kind: 'queued' }>): OnDemandValue {
  const seconds = Math.max(1, Math.ceil(outcome.delayInMs / 1000));
  const reason = `${outcome.reason}. idbridge tries again in about ${seconds} s through its queue; the outcome will appear in the provisioning logs.`;
  return {
    action: 'Other',
    changeId: null,
    startTime: outcome.at,
    endTime: outcome.at,
    reportableIdentifier: outcome.subject.sourceKey,
    modifiedProperties: [],
    provisioningSteps: [{ name: 'EntrySynchronizationError', type: 'Processing', status: 'Failure', description: reason, details: { RetryAfterSeconds: String(seconds) } }],
    statusInfo: { status: 'Failure', errorCode: 'RetryScheduled', reason, additionalDetails: null, errorCategory: 'Transient', recommendedAction: 'Wait for the retry, or look the object up in the provisioning logs in a minute.' },
    sourceIdentity: { id: outcome.subject.sourceKey, type: outcome.subject.objectType, displayName: null, details: {} },
    sourceSystem: { id: '', name: '', details: {} },
    targetIdentity: { id: '', type: '', displayName: null, details: {} },
    targetSystem: { id: '', name: '', details: {} },
  };
}

function capitalize<S extends string>(text: S): Capitalized<S> {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}` as Capitalized<S>;
}
