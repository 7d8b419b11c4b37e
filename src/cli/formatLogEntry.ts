import type { ProvisioningLogEntry } from '../domain/provisioningLogEntry';

/**
 * One provisioning log entry on one line: when, action, status, source → target, and the error or skip reason
 * (`idbridge logs`). Columns are padded so that lines of one listing align.
 */
export function formatLogEntry(entry: ProvisioningLogEntry): string {
  const source = identity(entry.sourceIdentity.identityType, entry.sourceIdentity.id, entry.sourceIdentity.displayName);
  const target = entry.targetIdentity.id ? identity('', entry.targetIdentity.id, entry.targetIdentity.displayName) : '(none)';
  const info = entry.provisioningStatusInfo.errorInformation;
  const reason = info ? `  ${info.errorCode}: ${oneLine(info.reason)}` : '';
  return `${entry.activityDateTime}  ${entry.provisioningAction.padEnd(12)} ${entry.provisioningStatusInfo.status.padEnd(8)} ${source} -> ${target}${reason}`;
}

function identity(type: string, id: string, displayName: string | null): string {
  const name = displayName && displayName !== id ? ` (${displayName})` : '';
  return `${type ? `${type} ` : ''}${id}${name}`;
}

/** A target's message may span lines; the listing keeps one entry per line. */
function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}
