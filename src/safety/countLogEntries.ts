import type { CycleCounts } from '../state/cycleCounterStore';
import type { ProvisioningLogEntry } from '../domain/provisioningLogEntry';
import { SCIM_ERROR_CODES } from '../connectors/scim/scimErrorCodes';

/**
 * Extra counts kept beside `${action}.${status}`; their first part is no provisioning action, so they never
 * collide with one. Each failure they count is also counted under its action.
 * - REFERENCE_FAILURES: failures while resolving references (a group's members; the manager is written with its user, so a failure there is the user's), which
 *   Entra's escrow thresholds leave out (reference/entra-engine.md §8.3). Recognised by the failure step's
 *   type: reconcileObject marks a failure in the member pass as a `referenceResolution` step.
 * - CONNECTION_FAILURES: failures because the target refused the credentials or could not be reached at all,
 *   the cause of Entra's EncounteredQuarantineException (§8.2).
 */
export const REFERENCE_FAILURES = 'reference.failure';
export const CONNECTION_FAILURES = 'connection.failure';

/** Error codes that say the job, not the object, is at fault: every call to the target would fail alike. */
const CONNECTION_ERROR_CODES: ReadonlySet<string> = new Set([SCIM_ERROR_CODES.unauthorized, SCIM_ERROR_CODES.unreachable]);

/** Counts one message's log entries for the cycle counters (CycleCounterStore.add). */
export function countLogEntries(entries: readonly ProvisioningLogEntry[]): CycleCounts {
  const counts: CycleCounts = {};
  const bump = (key: string): void => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  for (const entry of entries) {
    const status = entry.provisioningStatusInfo.status;
    bump(`${entry.provisioningAction}.${status}`);
    if (status !== 'failure') continue;
    if (isReferenceFailure(entry)) bump(REFERENCE_FAILURES);
    if (isConnectionFailure(entry)) bump(CONNECTION_FAILURES);
  }
  return counts;
}

export function isConnectionFailure(entry: ProvisioningLogEntry): boolean {
  const code = entry.provisioningStatusInfo.errorInformation?.errorCode;
  return entry.provisioningStatusInfo.status === 'failure' && code !== undefined && CONNECTION_ERROR_CODES.has(code);
}

function isReferenceFailure(entry: ProvisioningLogEntry): boolean {
  return entry.provisioningSteps.some((s) => s.provisioningStepType === 'referenceResolution' && s.status === 'failure');
}
