import type { JsonObject, JsonValue } from '../domain/identityObject';
import type { ProvisioningStatus, ProvisioningStep, ProvisioningStepName, ProvisioningStepType } from '../domain/provisioningLogEntry';

/** Builds one log step with Entra's names (reference/entra-engine.md §11.3). */
export function step(
  name: ProvisioningStepName,
  provisioningStepType: ProvisioningStepType,
  status: ProvisioningStatus,
  description: string,
  details: Record<string, string> = {},
): ProvisioningStep {
  return { name, provisioningStepType, status, description, details };
}

/**
 * Import details keyed the way Entra flattens names in its logs: the attribute path with every
 * non-alphanumeric character removed (`name.givenName` → `namegivenName`).
 */
export function flattenForLog(source: JsonObject, limit = 100): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (value: JsonValue, path: string): void => {
    if (Object.keys(out).length >= limit) return;
    if (value === null) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}${i}`));
      return;
    }
    if (typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) if (key !== 'schemas') visit(child, `${path}${key}`);
      return;
    }
    out[path.replace(/[^A-Za-z0-9]/g, '')] = String(value);
  };
  visit(source, '');
  return out;
}
