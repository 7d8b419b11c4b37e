import { SCIM_ERROR_CODES } from '../connectors/scim/scimErrorCodes';
import { IdbridgeError, ThrottledError } from '../domain/errors';
import type { CycleFailure } from './failCycle';

/** What a cycle page does about a failure of its source (or, while indexing, its target). */
export type CycleFailureAction =
  /** Throw: the queue redelivers the page message (at most its delivery count; then the lease resumes it). */
  | { kind: 'redeliver' }
  /** Send the page message again after the delay the source asked for, without spending a delivery. */
  | { kind: 'retryAfter'; delayInMs: number }
  /** Give the cycle up (and quarantine when `failure.quarantine`). */
  | { kind: 'fail'; failure: CycleFailure };

/** The app refuses us (401/403) or cannot be reached at all: Entra's EncounteredQuarantineException (§8.2). */
const QUARANTINE_CODES: ReadonlySet<string> = new Set([SCIM_ERROR_CODES.unauthorized, SCIM_ERROR_CODES.unreachable]);

/**
 * Classifies by what the error says to do (src/domain/errors.ts), not by message. Sources and targets share the
 * SCIM client's codes (src/sources/sourceConnector.ts), so credentials and connection failures are recognised the
 * same way for both. Anything not classified (a bug) is redelivered and, failing every time, ends in the
 * dead-letter queue where an operator sees it; the cycle is then given up after its resumes.
 */
export function classifyCycleFailure(error: unknown): CycleFailureAction {
  if (!(error instanceof IdbridgeError)) return { kind: 'redeliver' };
  if (QUARANTINE_CODES.has(error.code)) return { kind: 'fail', failure: { code: error.code, message: error.message, quarantine: true } };
  if (error instanceof ThrottledError) return { kind: 'retryAfter', delayInMs: error.retryAfterMs };
  switch (error.disposition) {
    case 'retryNow':
    case 'retryAfter':
    case 'outcomeUnknown':
      return { kind: 'redeliver' };
    case 'escrow':
    case 'never':
      return { kind: 'fail', failure: { code: error.code, message: error.message, quarantine: false } };
  }
}
