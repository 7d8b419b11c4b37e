import { ValidationError, type ValidationIssue } from '../domain/errors';
import { isJsonObject } from '../domain/identityObject';

/** What a restart resets, one flag per part of Graph's synchronizationJobRestartScope (reference/entra-engine.md §5.6). */
export type ResetScopeFlag = 'Watermark' | 'Escrows' | 'QuarantineState' | 'ConnectorDataStore' | 'ForceDeletes';

export interface RestartCriteria {
  resetScope: ReadonlySet<ResetScopeFlag>;
}

/**
 * An empty or absent resetScope is the portal's "Restart provisioning": Watermark + Escrows + QuarantineState
 * (§5.6); links (anchors) are kept.
 */
export const DEFAULT_RESET_SCOPE: readonly ResetScopeFlag[] = ['Watermark', 'Escrows', 'QuarantineState'];

/** Full is "all of the above" in Graph's list, which ForceDeletes follows: it does not apply held deletes. */
const FULL: readonly ResetScopeFlag[] = ['Watermark', 'Escrows', 'QuarantineState', 'ConnectorDataStore'];

const NAMES: Record<string, readonly ResetScopeFlag[]> = {
  watermark: ['Watermark'],
  escrows: ['Escrows'],
  quarantinestate: ['QuarantineState'],
  connectordatastore: ['ConnectorDataStore'],
  forcedeletes: ['ForceDeletes'],
  full: FULL,
};

const ALLOWED = 'Watermark, Escrows, QuarantineState, ConnectorDataStore, ForceDeletes or Full';

/**
 * Reads Graph's restart body `{"criteria": {"resetScope": "Watermark, Escrows"}}` (synchronizationJobRestartCriteria).
 * `body` is undefined when the request had none. Names are compared case-insensitively and may be separated
 * by commas with or without spaces, as Graph's own example writes them. `None` is refused: Graph says to call
 * /start instead, and a restart that resets nothing would be a start under another name.
 * OData annotations (`@odata.type`) are allowed anywhere; any other unknown field is refused, so that a typo
 * such as `critera` cannot silently become a default restart.
 */
export function parseRestartCriteria(body: unknown): RestartCriteria {
  const issues: ValidationIssue[] = [];
  const scope = readResetScope(body, issues);
  if (issues.length > 0) throw new ValidationError(issues);
  return { resetScope: new Set(scope) };
}

function readResetScope(body: unknown, issues: ValidationIssue[]): readonly ResetScopeFlag[] {
  if (body === undefined || body === null) return DEFAULT_RESET_SCOPE;
  if (!isJsonObject(body)) {
    issues.push({ path: 'body', message: 'must be a JSON object such as {"criteria": {"resetScope": "Watermark"}}' });
    return [];
  }
  refuseUnknown(body, ['criteria'], '', issues);
  const criteria = body.criteria;
  if (criteria === undefined || criteria === null) return DEFAULT_RESET_SCOPE;
  if (!isJsonObject(criteria)) {
    issues.push({ path: 'criteria', message: 'must be an object such as {"resetScope": "Watermark, Escrows"}' });
    return [];
  }
  refuseUnknown(criteria, ['resetScope'], 'criteria.', issues);
  const text = criteria.resetScope;
  if (text === undefined || text === null) return DEFAULT_RESET_SCOPE;
  if (typeof text !== 'string') {
    issues.push({ path: 'criteria.resetScope', message: `must be a string of comma-separated values (${ALLOWED})` });
    return [];
  }
  const names = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (names.length === 0) return DEFAULT_RESET_SCOPE;
  const flags = new Set<ResetScopeFlag>();
  for (const name of names) {
    if (name.toLowerCase() === 'none') {
      issues.push({ path: 'criteria.resetScope', message: 'None resets nothing: call POST /api/jobs/{jobId}/start instead (Graph says the same)' });
      continue;
    }
    const known = NAMES[name.toLowerCase()];
    if (!known) {
      issues.push({ path: 'criteria.resetScope', message: `"${name}" is not a reset scope; use ${ALLOWED}` });
      continue;
    }
    for (const flag of known) flags.add(flag);
  }
  return [...flags];
}

function refuseUnknown(object: Record<string, unknown>, known: readonly string[], prefix: string, issues: ValidationIssue[]): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key) || key.startsWith('@odata.')) continue;
    issues.push({ path: `${prefix}${key}`, message: `is not a field of the restart body; expected ${known.map((k) => `"${k}"`).join(', ')}` });
  }
}
