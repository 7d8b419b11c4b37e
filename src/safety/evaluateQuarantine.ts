import type { JobSettings } from '../domain/jobDefinition';
import type { QuarantineReason } from '../domain/jobState';
import type { CycleCounts } from '../state/cycleCounterStore';
import { CONNECTION_FAILURES, REFERENCE_FAILURES } from './countLogEntries';

/**
 * Connection failures (credentials refused, target unreachable) in one cycle that quarantine the job when
 * they also outnumber its successful writes. Not Entra's number (it publishes none): three objects failing
 * alike rule out one object's own permissions, and outnumbering the successes is Entra's "most or all target
 * calls fail consistently" (reference/entra-engine.md §8.1).
 */
export const CONNECTION_FAILURES_TO_QUARANTINE = 3;

export interface CycleTally {
  /** Every failure, reference failures included. */
  failures: number;
  referenceFailures: number;
  connectionFailures: number;
  successes: number;
  /** Every logged reconcile (any action and status) except reference failures: the denominator of the proportion. */
  events: number;
}

/** Sums a cycle's counts (`${action}.${status}` plus the extra keys of countLogEntries). */
export function tallyCycleCounts(counts: CycleCounts): CycleTally {
  const tally: CycleTally = { failures: 0, referenceFailures: counts[REFERENCE_FAILURES] ?? 0, connectionFailures: counts[CONNECTION_FAILURES] ?? 0, successes: 0, events: 0 };
  for (const [key, n] of Object.entries(counts)) {
    if (key === REFERENCE_FAILURES || key === CONNECTION_FAILURES) continue;
    tally.events += n;
    if (key.endsWith('.failure')) tally.failures += n;
    if (key.endsWith('.success')) tally.successes += n;
  }
  tally.events -= tally.referenceFailures;
  return tally;
}

/**
 * Whether a cycle's outcome quarantines the job, and why. Entra's escrow-threshold algorithm (§8.3, "subject to
 * change"), with the job's thresholds:
 * - nothing below `minimumFailures` failures (all failures, reference failures included);
 * - more than `absoluteMaximumFailures` failures, reference failures included → EncounteredTotalEscrowThreshold;
 * - more than `maximumFailures` failures without reference failures → EncounteredBaseEscrowThreshold;
 * - more than `failureProportion` of the events failed, reference failures left out of both → EncounteredEscrowProportionThreshold.
 * Graph gives the Base/Total reasons no description; "total" is read as the cap that counts everything and
 * "base" as the one that leaves references out. Before all of these: the connection rule
 * (CONNECTION_FAILURES_TO_QUARANTINE) → EncounteredQuarantineException, which needs no minimum, because a
 * revoked token fails every object of every cycle and waiting for 5,000 of them helps nobody.
 */
export function evaluateQuarantine(counts: CycleCounts, settings: Pick<JobSettings, 'quarantine'>): QuarantineReason | undefined {
  const thresholds = settings.quarantine;
  const tally = tallyCycleCounts(counts);
  if (tally.connectionFailures >= CONNECTION_FAILURES_TO_QUARANTINE && tally.connectionFailures > tally.successes) return 'EncounteredQuarantineException';
  if (tally.failures < thresholds.minimumFailures) return undefined;
  if (tally.failures > thresholds.absoluteMaximumFailures) return 'EncounteredTotalEscrowThreshold';
  const ownFailures = tally.failures - tally.referenceFailures;
  if (ownFailures > thresholds.maximumFailures) return 'EncounteredBaseEscrowThreshold';
  if (tally.events > 0 && ownFailures / tally.events > thresholds.failureProportion) return 'EncounteredEscrowProportionThreshold';
  return undefined;
}
