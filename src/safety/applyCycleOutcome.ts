import type { JobSettings } from '../domain/jobDefinition';
import type { JobState } from '../domain/jobState';
import type { CycleCounts } from '../state/cycleCounterStore';
import { enterQuarantine } from './enterQuarantine';
import { evaluateQuarantine, tallyCycleCounts } from './evaluateQuarantine';
import { leaveQuarantine } from './leaveQuarantine';

/**
 * The job state after judging a finished cycle by its counts (CycleCounterStore.sum of that cycle), for the
 * scheduler to call before it starts the next cycle. Idempotent per cycle: a quarantine remembers the cycle
 * that imposed it, so calling this again with the same cycle (the scheduler waking at `nextAttempt`) changes
 * nothing, and the next cycle then runs and is judged in its turn.
 * - A TooManyDeletes quarantine waits for an operator (restart with ForceDeletes, reference/entra-engine.md
 *   §9): no cycle lifts it; each cycle re-imposes it, so that the series ages towards Disabled.
 * - Otherwise a failing cycle imposes or re-imposes a quarantine (evaluateQuarantine), and a cycle without
 *   quarantine-worthy failures lifts one (§8.1: quarantine ends when the errors are fixed and the next
 *   cycle starts).
 */
export function applyCycleOutcome(state: JobState, cycleId: string, counts: CycleCounts, settings: Pick<JobSettings, 'quarantine'>, now: Date): JobState {
  if (state.quarantine?.cycleId === cycleId) return state;
  if (state.quarantine?.reason === 'TooManyDeletes') {
    return enterQuarantine(state, { reason: 'TooManyDeletes', cycleId, ...(state.quarantine.error ? { error: state.quarantine.error } : {}) }, now, settings);
  }
  const reason = evaluateQuarantine(counts, settings);
  if (!reason) return leaveQuarantine(state);
  const tally = tallyCycleCounts(counts);
  const message = `Cycle ${cycleId}: ${tally.failures} of ${tally.events + tally.referenceFailures} reconciles failed (${tally.referenceFailures} resolving references, ${tally.connectionFailures} unable to reach or sign in to the target)`;
  return enterQuarantine(state, { reason, cycleId, error: { code: reason, message } }, now, settings);
}
