import type { JobSettings } from '../domain/jobDefinition';
import type { JobState, QuarantineReason, QuarantineState } from '../domain/jobState';
import { isoDurationInMs } from './isoDurationInMs';

export interface QuarantineCause {
  reason: QuarantineReason;
  /** What went wrong, for the operator (never a secret). */
  error?: { code: string; message: string };
  /** The cycle whose outcome it is (applyCycleOutcome uses it to evaluate each cycle once). */
  cycleId?: string;
}

/**
 * The job state once a quarantine is imposed, or re-imposed after another failing attempt, with Graph's
 * synchronizationQuarantine fields (reference/entra-engine.md §8, §12.3): `currentBegan` is when it was last
 * evaluated and imposed; a series starts at the first quarantine and lasts until one is lifted, counting in
 * `seriesCount` how often it was re-evaluated and left in effect (0 on the first). The next cycle waits for
 * `nextAttempt` (Entra slows to once a day: settings.quarantine.interval); a series longer than
 * settings.quarantine.disableAfter disables the job (Entra: after four weeks), keeping the quarantine for
 * the operator to read.
 */
export function enterQuarantine(state: JobState, cause: QuarantineCause, now: Date, settings: Pick<JobSettings, 'quarantine'>): JobState {
  const previous = state.quarantine;
  const at = now.toISOString();
  const quarantine: QuarantineState = {
    reason: cause.reason,
    currentBegan: at,
    nextAttempt: new Date(now.getTime() + isoDurationInMs(settings.quarantine.interval)).toISOString(),
    seriesBegan: previous?.seriesBegan ?? at,
    seriesCount: previous ? previous.seriesCount + 1 : 0,
  };
  if (cause.error) quarantine.error = cause.error;
  if (cause.cycleId !== undefined) quarantine.cycleId = cause.cycleId;
  const next: JobState = { ...state, quarantine };
  const seriesMs = now.getTime() - Date.parse(quarantine.seriesBegan);
  if (seriesMs > isoDurationInMs(settings.quarantine.disableAfter)) {
    next.code = 'Disabled';
    delete next.nextRunAt;
    return next;
  }
  // A paused or disabled job stays so: the quarantine is recorded, and applies once it is started again.
  if (state.code !== 'Paused' && state.code !== 'Disabled') next.code = 'Quarantine';
  next.nextRunAt = quarantine.nextAttempt;
  return next;
}
