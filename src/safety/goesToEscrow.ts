import type { IdbridgeError } from '../domain/errors';
import { SCIM_ERROR_CODES } from '../connectors/scim/scimErrorCodes';

/** The target refused the credentials or could not be reached: fixed on the target's side, not by new data. */
const TARGET_SIDE_CODES: ReadonlySet<string> = new Set([SCIM_ERROR_CODES.unauthorized, SCIM_ERROR_CODES.unreachable]);

/**
 * Whether a failure that the fast retries did not (or could not) fix is retried on the escrow schedule.
 *
 * DESIGN principle 4: errors say what to do next, and bad data is never retried. So escrow takes the failures
 * that can go away while the source object stays the same: transient ones whose fast retries are spent, those
 * classified for escrow (EscrowError: SelectUniqueValue found every candidate taken in the target, which
 * deletions in the target can free), and a target that refuses the credentials or cannot be reached (fixed by
 * an operator; quarantine watches those too). A data error (the target's 4xx about a value, a duplicate
 * match, a bad expression) fails once, with the target's message: retrying unchanged data would fail the same
 * way for 28 days, and the fix, a change of the source object, reconciles it at once anyway.
 *
 * This deviates from Entra, which escrows data errors too (reference/entra-engine.md §7: "required attribute
 * missing in the source; uniqueness conflict in the target"): a restart with resetScope Watermark re-evaluates
 * every object, which is the way to retry such objects after fixing the target.
 */
export function goesToEscrow(error: IdbridgeError): boolean {
  const transient = error.disposition === 'retryNow' || error.disposition === 'retryAfter' || error.disposition === 'outcomeUnknown';
  return transient || error.disposition === 'escrow' || TARGET_SIDE_CODES.has(error.code);
}
