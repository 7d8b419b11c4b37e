import type { JobSettings } from '../domain/jobDefinition';
import { isoDurationInMs } from './isoDurationInMs';

/** Where an object stands in escrow; travels on its retry messages (ReconcileMessage.escrow, with the job's epoch). */
export interface EscrowProgress {
  /** When the object's first escrowed failure happened (ISO 8601). */
  firstFailedAt: string;
  /** Escrowed failures so far, this one included. */
  failures: number;
}

/** The object waits in escrow and is reconciled again after `delayInMs`. */
export interface EscrowRetry {
  progress: EscrowProgress;
  delayInMs: number;
  /** now + delayInMs, for the log entry and the message's `notBefore`. */
  retryAt: string;
}

export type EscrowStep = ({ kind: 'retry' } & EscrowRetry) | { kind: 'drop'; progress: EscrowProgress; maxAge: string };

/**
 * What happens after an object failed for good in this round (fast retries spent, or a failure they cannot
 * help). Entra (reference/entra-engine.md §7) retries an escrowed object 6 h after the failure, then 12 h,
 * then 24 h, then every 24 h, until 28 days after the first failure, when the escrow entry is dropped. The
 * n-th failure waits `escrowSchedule[n - 1]`, the last entry repeating; a retry that would fall later than
 * `escrowMaxAge` after the first failure is not scheduled: the object is dropped instead, so no retry ever
 * runs past the maximum age.
 */
export function nextEscrowStep(previous: EscrowProgress | undefined, now: Date, settings: Pick<JobSettings, 'escrowSchedule' | 'escrowMaxAge'>): EscrowStep {
  const progress: EscrowProgress = previous ? { firstFailedAt: previous.firstFailedAt, failures: previous.failures + 1 } : { firstFailedAt: now.toISOString(), failures: 1 };
  const schedule = settings.escrowSchedule;
  const delay = schedule[Math.min(progress.failures, schedule.length) - 1];
  if (delay === undefined) throw new RangeError('escrowSchedule must name at least one delay');
  const delayInMs = isoDurationInMs(delay);
  const retryAtMs = now.getTime() + delayInMs;
  // An unreadable firstFailedAt (a hand-made message) counts as "now": the object gets a fresh escrow, not an endless one.
  const firstMs = Date.parse(progress.firstFailedAt);
  const deadline = (Number.isNaN(firstMs) ? now.getTime() : firstMs) + isoDurationInMs(settings.escrowMaxAge);
  if (retryAtMs > deadline) return { kind: 'drop', progress, maxAge: settings.escrowMaxAge };
  return { kind: 'retry', progress, delayInMs, retryAt: new Date(retryAtMs).toISOString() };
}
