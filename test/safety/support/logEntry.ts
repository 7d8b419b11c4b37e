import type { ProvisioningAction, ProvisioningLogEntry, ProvisioningStatus, ProvisioningStepType } from '../../../src/domain/provisioningLogEntry';

/** A provisioning log entry with only what the safety code reads set to something that matters. */
export function logEntry(action: ProvisioningAction, status: ProvisioningStatus, options: { errorCode?: string; failedStepType?: ProvisioningStepType } = {}): ProvisioningLogEntry {
  return {
    id: 'id',
    activityDateTime: '2026-11-21T10:00:00.000Z',
    jobId: 'job1',
    cycleId: 'c1',
    changeId: 'change',
    durationInMilliseconds: 1,
    provisioningAction: action,
    provisioningStatusInfo: {
      status,
      errorInformation: options.errorCode ? { errorCode: options.errorCode, reason: `failed with ${options.errorCode}`, additionalDetails: null, errorCategory: null, recommendedAction: null } : null,
    },
    sourceSystem: { id: 'inboundApi', displayName: 'API', details: {} },
    targetSystem: { id: 'scim', displayName: 'target', details: {} },
    sourceIdentity: { id: 'u1', displayName: null, identityType: 'User', details: {} },
    targetIdentity: { id: '', displayName: null, identityType: 'User', details: {} },
    modifiedProperties: [],
    provisioningSteps: options.failedStepType
      ? [{ name: 'EntrySynchronizationError', provisioningStepType: options.failedStepType, status: 'failure', description: 'failed', details: {} }]
      : [],
    initiatedBy: { id: '', displayName: 'idbridge', initiatorType: 'system' },
  };
}
