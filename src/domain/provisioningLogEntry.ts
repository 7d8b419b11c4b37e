/**
 * One provisioning log entry, in the shape of Microsoft Graph's provisioningObjectSummary
 * (reference/entra-engine.md §11.2) so that tools written for Entra's logs read ours.
 */
export type ProvisioningAction = 'create' | 'update' | 'delete' | 'stagedDelete' | 'disable' | 'other';
export type ProvisioningStatus = 'success' | 'warning' | 'failure' | 'skipped';
export type ProvisioningStepType = 'import' | 'scoping' | 'matching' | 'processing' | 'referenceResolution' | 'export';

/** Entra's step names (reference/entra-engine.md §11.3). */
export type ProvisioningStepName =
  | 'EntryImport'
  | 'EntryImportAdd'
  | 'EntryImportObjectNotFound'
  | 'EntrySynchronizationScoping'
  | 'EntrySynchronizationAdd'
  | 'EntrySynchronizationUpdate'
  | 'EntrySynchronizationSkip'
  | 'EntrySynchronizationError'
  | 'EntryExportAdd'
  | 'EntryExportUpdate'
  | 'EntryExportUpdateSoftDelete'
  | 'EntryExportDelete';

export interface ProvisioningStep {
  name: ProvisioningStepName;
  provisioningStepType: ProvisioningStepType;
  status: ProvisioningStatus;
  description: string;
  details: Record<string, string>;
}

export interface ModifiedProperty {
  displayName: string;
  oldValue: string | null;
  newValue: string | null;
}

export interface ErrorInformation {
  errorCode: string;
  reason: string;
  additionalDetails: string | null;
  errorCategory: 'NonServiceFailure' | 'Transient' | 'UnknownError' | null;
  recommendedAction: string | null;
}

export interface Identity {
  id: string;
  displayName: string | null;
  identityType: string;
  details: Record<string, string>;
}

export interface ProvisioningLogEntry {
  id: string;
  activityDateTime: string;
  jobId: string;
  cycleId: string;
  changeId: string;
  durationInMilliseconds: number;
  provisioningAction: ProvisioningAction;
  provisioningStatusInfo: { status: ProvisioningStatus; errorInformation: ErrorInformation | null };
  sourceSystem: { id: string; displayName: string; details: Record<string, string> };
  targetSystem: { id: string; displayName: string; details: Record<string, string> };
  sourceIdentity: Identity;
  targetIdentity: Identity;
  modifiedProperties: ModifiedProperty[];
  provisioningSteps: ProvisioningStep[];
  initiatedBy: { id: string; displayName: string; initiatorType: 'system' | 'user' | 'application' };
}
