import type { OnDemandKey, OnDemandValue } from '../engine/onDemand/onDemandResponse';

/**
 * `idbridge provision`: Graph's answer made readable, the way the portal shows on-demand provisioning
 * (reference/entra-engine.md §10.1): the result, then each object's steps in order and what changed.
 * A group's members come first, as they ran.
 */
export function formatOnDemandResult(key: OnDemandKey, value: OnDemandValue): string {
  const lines: string[] = [];
  for (const member of value.members ?? []) lines.push(...objectLines(member), '');
  lines.push(...objectLines(value));
  const why = key.details.errorCode ? ` (${key.details.errorCode}${key.details.errorMessage ? `: ${key.details.errorMessage}` : ''})` : '';
  lines.push('', `Result: ${key.result}${why}`);
  return `${lines.join('\n')}\n`;
}

function objectLines(value: OnDemandValue): string[] {
  const name = value.sourceIdentity.displayName ? ` (${value.sourceIdentity.displayName})` : '';
  const target = value.targetIdentity.id ? ` -> ${value.targetIdentity.id}` : '';
  const lines = [`${value.sourceIdentity.type} '${value.sourceIdentity.id}'${name}${target}: ${value.action}, ${value.statusInfo.status}`];
  value.provisioningSteps.forEach((step, i) => {
    lines.push(`  ${String(i + 1).padStart(2)}. ${step.name.padEnd(28)} ${step.type.padEnd(19)} ${step.status.padEnd(7)} ${step.description}`);
  });
  for (const p of value.modifiedProperties) lines.push(`      ${p.displayName}: ${p.oldValue ?? '(none)'} -> ${p.newValue ?? '(none)'}`);
  if (value.statusInfo.errorCode && value.statusInfo.status === 'Failure') {
    lines.push(`  ${value.statusInfo.errorCode}: ${value.statusInfo.reason ?? ''}`);
    if (value.statusInfo.recommendedAction) lines.push(`  What to do: ${value.statusInfo.recommendedAction}`);
  }
  return lines;
}
